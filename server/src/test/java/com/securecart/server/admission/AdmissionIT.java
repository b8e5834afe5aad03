package com.securecart.server.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.server.config.AdmissionConfig;
import com.securecart.server.config.AdmissionConfig.RateLimit;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Overload and floods, end to end: who is shed, who is refused, and what they are told. */
class AdmissionIT {
  private static final String OVERLOADED = "https://securecart.dev/problems/overloaded";
  private static final String RATE_LIMITED = "https://securecart.dev/problems/rate-limited";

  /**
   * A wrong sign-in, each for its own e-mail: more than five for one e-mail would lock it (429
   * account-locked, AccountSecurityIT) and this test is about shedding.
   */
  private static String loginBody(int i) {
    return "{\"email\":\"nobody" + i + "@example.com\",\"password\":\"wrong password\"}";
  }

  static AdmissionConfig admission(int fixedLimit, RateLimit login, List<String> trustedProxies) {
    RateLimit generous = AdmissionConfig.forTests().search();
    return new AdmissionConfig(
        fixedLimit,
        fixedLimit,
        fixedLimit,
        Duration.ofSeconds(2),
        login,
        generous,
        generous,
        generous,
        1_000,
        trustedProxies,
        Duration.ZERO);
  }

  @Test
  void aSaturatedServerShedsSearchBrowsingAndAdminWith503WhileCheckoutIsStillAdmitted()
      throws Exception {
    // Limit 10: admin is shed from 5 requests in flight, browsing and search from 7, carts from 9.
    try (TestApp app =
        TestApp.start(
            TestDatabases.Engine.H2,
            c -> c.withAdmission(admission(10, AdmissionConfig.forTests().login(), List.of())))) {
      Api api = app.api();
      String admin = app.adminToken();
      long product = api.createProduct(admin, "ADM-1", 1_000, 10);
      String cart = api.cartWith(product, 1);

      List<SlowRequest> holders = new ArrayList<>();
      try {
        for (int i = 0; i < 7; i++) {
          holders.add(SlowRequest.post(app.app().port(), "/api/auth/login", loginBody(i)));
        }
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> api.get("/api/search?q=product").status() == 503);

        for (String path : List.of("/api/search?q=product", "/api/products", "/", "/search")) {
          Api.Response shed = api.get(path);
          assertThat(shed.status()).as(path).isEqualTo(503);
          assertThat(shed.header("Retry-After")).as(path).isEqualTo("2");
          assertThat(shed.contentType()).startsWith("application/problem+json");
          assertThat(shed.problemType()).isEqualTo(OVERLOADED);
        }
        assertThat(api.get("/api/admin/orders", Api.bearer(admin)).status()).isEqualTo(503);
        // Never shed: health checks and the operator's view.
        assertThat(api.get("/health/ready").status()).isEqualTo(200);
        assertThat(api.get("/admin/metrics", "Cookie", "sc_session=" + admin).body())
            .contains("securecart_admission_inflight 7.0")
            .contains("securecart_admission_rejected_total{priority=\"browse\"}");

        assertThat(api.post("/api/carts", null).status()).isEqualTo(201);
        Api.Response checkout = api.checkout(cart, "tok_visa");
        assertThat(checkout.status()).isEqualTo(201);
      } finally {
        for (SlowRequest holder : holders) {
          assertThat(holder.finish()).startsWith("HTTP/1.1 401");
          holder.close();
        }
      }
      assertThat(api.get("/api/search?q=product").status()).isEqualTo(200);
    }
  }

  @Test
  void repeatedLoginsFromOneClientAreRefusedWith429AndRetryAfter() {
    try (TestApp app =
        TestApp.start(
            TestDatabases.Engine.H2,
            c ->
                c.withAdmission(
                    admission(100, new RateLimit(3, Duration.ofMinutes(1)), List.of())))) {
      Api api = app.api();
      Map<String, String> wrong = Map.of("email", TestApp.ADMIN_EMAIL, "password", "guess");
      for (int i = 0; i < 3; i++) {
        assertThat(api.post("/api/auth/login", wrong).status()).isEqualTo(401);
      }

      Api.Response refused = api.post("/api/auth/login", wrong);
      assertThat(refused.status()).isEqualTo(429);
      assertThat(refused.problemType()).isEqualTo(RATE_LIMITED);
      assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 20L);
      assertThat(refused.json().get("retryAfterSeconds").asLong()).isBetween(1L, 20L);
      // Even the right password waits: the bucket counts attempts, not failures.
      assertThat(
              api.post(
                      "/api/auth/login",
                      Map.of("email", TestApp.ADMIN_EMAIL, "password", TestApp.ADMIN_PASSWORD))
                  .status())
          .isEqualTo(429);
      // A forged X-Forwarded-For from an untrusted peer changes nothing.
      assertThat(api.post("/api/auth/login", wrong, "X-Forwarded-For", "198.51.100.7").status())
          .isEqualTo(429);
      // Other routes are not limited.
      assertThat(api.get("/api/products").status()).isEqualTo(200);
    }
  }

  @Test
  void headersOverSixteenKibAreRefusedBeforeAnyRoute() throws Exception {
    try (TestApp app = TestApp.start(TestDatabases.Engine.H2);
        java.net.Socket socket = new java.net.Socket("127.0.0.1", app.app().port())) {
      StringBuilder request = new StringBuilder("GET /api/products HTTP/1.1\r\nHost: x\r\n");
      for (int i = 0; i < 20; i++) {
        request.append("X-Filler-").append(i).append(": ").append("a".repeat(1_000)).append("\r\n");
      }
      request.append("\r\n");
      socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
      String head = new String(socket.getInputStream().readNBytes(200), StandardCharsets.US_ASCII);

      // Helidon's limit on the header section (maxHeadersSize, 16 KiB by default); there is no
      // separate limit on the number of headers, which this bounds too.
      assertThat(head).startsWith("HTTP/1.1 400").containsIgnoringCase("application/problem+json");
    }
  }

  @Test
  void behindATrustedProxyEachForwardedClientHasItsOwnBucket() {
    try (TestApp app =
        TestApp.start(
            TestDatabases.Engine.H2,
            c ->
                c.withAdmission(
                    admission(
                        100, new RateLimit(2, Duration.ofMinutes(1)), List.of("127.0.0.1"))))) {
      Api api = app.api();
      Map<String, String> wrong = Map.of("email", TestApp.ADMIN_EMAIL, "password", "guess");
      for (int i = 0; i < 2; i++) {
        assertThat(api.post("/api/auth/login", wrong, "X-Forwarded-For", "198.51.100.7").status())
            .isEqualTo(401);
      }
      assertThat(api.post("/api/auth/login", wrong, "X-Forwarded-For", "198.51.100.7").status())
          .isEqualTo(429);

      assertThat(api.post("/api/auth/login", wrong, "X-Forwarded-For", "198.51.100.8").status())
          .isEqualTo(401);
    }
  }
}
