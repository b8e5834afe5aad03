package com.securecart.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.testing.WebClient;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * HTTP hardening (issue 15, item 9), at the HTTP level: HSTS and {@code X-Forwarded-Proto} only
 * from trusted proxies, {@code Cache-Control: no-store} on personal API responses, {@code
 * Clear-Site-Data} on sign-out, {@code /.well-known/security.txt}, CSP reports, {@code
 * Server-Timing} off by default, {@code /metrics} closed by default, and a per-client cap on event
 * streams.
 *
 * <p>Two instances: {@code proxied} believes the test client as its load balancer (127.0.0.1 is a
 * trusted proxy) and has a public URL; {@code direct} trusts no proxy and has {@code /metrics}
 * opened on purpose.
 */
class HttpHardeningIT {
  private static final String HSTS = "max-age=31536000; includeSubDomains";

  private static TestApp proxied;
  private static TestApp direct;
  private static long productId;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    proxied =
        TestApp.start(
            Engine.H2,
            c ->
                c.withHttp(
                    c.http()
                        .withAdmission(
                            c.http().admission().withTrustedProxies(List.of("127.0.0.1")))
                        .withEventStreamsPerClient(2)
                        .withSite(null, "https://shop.example.com")));
    direct = TestApp.start(Engine.H2, c -> c.withTelemetry(c.telemetry().withMetricsOpen(true)));
    productId = proxied.api().createProduct(proxied.adminToken(), "HARD-1", 1_000, 10);
  }

  @AfterAll
  static void stop() {
    proxied.close();
    direct.close();
  }

  @Test
  void hstsOnlyWhenATrustedProxySaysHttps() {
    Api.Response overTls = proxied.api().get("/", "X-Forwarded-Proto", "https");
    assertThat(overTls.header("Strict-Transport-Security")).isEqualTo(HSTS);
    assertThat(
            proxied
                .api()
                .get("/api/products", "X-Forwarded-Proto", "https")
                .header("Strict-Transport-Security"))
        .isEqualTo(HSTS);
    assertThat(proxied.api().get("/").header("Strict-Transport-Security")).isNull();
    assertThat(
            proxied.api().get("/", "X-Forwarded-Proto", "http").header("Strict-Transport-Security"))
        .isNull();
  }

  @Test
  void anUntrustedPeersForwardedProtoIsIgnored() {
    Api.Response claimed = direct.api().get("/", "X-Forwarded-Proto", "https");
    assertThat(claimed.status()).isEqualTo(200);
    assertThat(claimed.header("Strict-Transport-Security")).isNull();
    List<String> cookies = claimed.raw().headers().allValues("Set-Cookie");
    assertThat(cookies).isNotEmpty();
    // No __Host- names and no Secure flag: the claim of HTTPS is not believed.
    assertThat(cookies).allMatch(c -> c.startsWith("sc_") && !c.contains("Secure"));

    List<String> believed =
        proxied
            .api()
            .get("/", "X-Forwarded-Proto", "https")
            .raw()
            .headers()
            .allValues("Set-Cookie");
    assertThat(believed).anyMatch(c -> c.startsWith("__Host-sc_nonce=") && c.contains("Secure"));
  }

  @Test
  void apiResponsesWithTokensOrPersonalDataAreNotStored() {
    Api api = proxied.api();
    String email = "no-store@example.com";
    api.newCustomer(email);
    Api.Response login =
        api.post("/api/auth/login", Map.of("email", email, "password", "correct horse battery"));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.header("Cache-Control")).isEqualTo("no-store");
    String token = login.json().get("token").asText();
    String cart = api.cartWith(productId, 1);
    for (Api.Response personal :
        List.of(
            api.get("/api/auth/me", Api.bearer(token)),
            api.get("/api/orders", Api.bearer(token)),
            api.get("/api/carts/" + cart),
            api.get("/api/recommendations/me", Api.bearer(token)),
            api.get("/api/admin/orders", Api.bearer(proxied.adminToken())),
            api.get("/api/orders/999999", Api.bearer(token)))) {
      assertThat(personal.header("Cache-Control"))
          .as(personal.raw().request().uri().getPath())
          .isEqualTo("no-store");
    }
    // Public catalog reads carry nobody's data: no no-store forced on them.
    assertThat(api.get("/api/products").header("Cache-Control")).isNull();
    assertThat(api.get("/api/products/" + productId).header("Cache-Control")).isNull();
  }

  @Test
  void signingOutClearsSiteDataAndTheOrderCookies() {
    Api api = proxied.api();
    String email = "sign-out@example.com";
    String token = api.newCustomer(email);
    long order = api.buyConfirmed(token, productId, 1);

    Api.Response json = api.post("/api/auth/logout", null, Api.bearer(token));
    assertThat(json.status()).isEqualTo(204);
    assertThat(json.header("Clear-Site-Data")).isEqualTo("\"cookies\", \"storage\"");

    WebClient web = new WebClient(api.base());
    assertThat(web.signIn(email, "correct horse battery").status()).isEqualTo(303);
    WebClient.Page out = web.post("/signout", Map.of("_csrf", web.get("/").csrf()));
    assertThat(out.status()).isEqualTo(303);
    assertThat(out.header("Clear-Site-Data")).isEqualTo("\"cookies\", \"storage\"");
    assertThat(out.headers("Set-Cookie"))
        .anyMatch(
            c ->
                c.startsWith("sc_order_" + order + "=")
                    && c.contains("Path=/orders/" + order)
                    && c.contains("Expires=")
                    && c.contains("1970"))
        .anyMatch(c -> c.startsWith("sc_session=") && c.contains("Expires=") && c.contains("1970"));
  }

  @Test
  void securityTxtFollowsRfc9116() {
    Instant before = Instant.now();
    Api.Response txt = proxied.api().get("/.well-known/security.txt");
    assertThat(txt.status()).isEqualTo(200);
    assertThat(txt.contentType()).startsWith("text/plain");
    assertThat(txt.body())
        .contains("Contact: mailto:security@shop.example.com\n")
        .contains("Preferred-Languages: en\n")
        .contains("Canonical: https://shop.example.com/.well-known/security.txt\n");
    Instant expires =
        Instant.parse(
            txt.body()
                .lines()
                .filter(l -> l.startsWith("Expires: "))
                .findFirst()
                .orElseThrow()
                .substring("Expires: ".length()));
    assertThat(expires).isAfter(before.plus(Duration.ofDays(30)));
    assertThat(expires).isBefore(before.plus(Duration.ofDays(365)));

    Api.Response local = direct.api().get("/.well-known/security.txt");
    assertThat(local.body()).contains("Contact: mailto:security@").doesNotContain("Canonical:");
  }

  @Test
  void cspViolationReportsAreCountedAndBadOnesRefused() throws Exception {
    String legacy =
        "{\"csp-report\":{\"document-uri\":\"https://shop.example.com/\","
            + "\"violated-directive\":\"script-src 'self'\",\"effective-directive\":\"script-src\","
            + "\"blocked-uri\":\"https://evil.example/x.js\",\"disposition\":\"enforce\"}}";
    String reportTo =
        "[{\"type\":\"csp-violation\",\"url\":\"https://shop.example.com/\",\"body\":"
            + "{\"documentURL\":\"https://shop.example.com/\",\"effectiveDirective\":\"img-src\","
            + "\"blockedURL\":\"https://evil.example/p.gif\",\"disposition\":\"enforce\"}}]";
    assertThat(report("application/csp-report", legacy)).isEqualTo(204);
    assertThat(report("application/reports+json", reportTo)).isEqualTo(204);
    assertThat(report("application/csp-report", "{not json")).isEqualTo(400);
    assertThat(report("application/csp-report", "{\"something\":\"else\"}")).isEqualTo(400);
    assertThat(report("text/plain", legacy)).isEqualTo(415);
    assertThat(
            report(
                "application/csp-report", "{\"csp-report\":{\"x\":\"" + "a".repeat(9_000) + "\"}}"))
        .isEqualTo(413);

    String metrics = direct.api().get("/metrics").body();
    assertThat(metrics).contains("securecart_csp_violations_total 2.0");

    // A small budget per client: a flood is refused before its body is read.
    List<Integer> statuses = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      statuses.add(report("application/csp-report", legacy));
    }
    assertThat(statuses).contains(429);
  }

  @Test
  void serverTimingIsOffUnlessEnabled() {
    assertThat(proxied.api().get("/api/products").header("Server-Timing")).isNull();
    assertThat(proxied.api().get("/products/" + productId).header("Server-Timing")).isNull();
  }

  @Test
  void metricsAreClosedWithoutATokenUnlessOpenedOnPurpose() {
    Api.Response closed = proxied.api().get("/metrics");
    assertThat(closed.status()).isEqualTo(404);
    assertThat(proxied.api().get("/metrics", Api.bearer("any-token-at-all-0123")).status())
        .isEqualTo(404);
    Api.Response open = direct.api().get("/metrics");
    assertThat(open.status()).isEqualTo(200);
    assertThat(open.body()).contains("securecart_csp_violations_total");
  }

  @Test
  void oneClientHoldsOnlyItsShareOfEventStreams() throws Exception {
    String path = "/products/" + productId + "/stock/events";
    List<InputStream> held = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        HttpResponse<InputStream> ok = stream(path, "203.0.113.7");
        assertThat(ok.statusCode()).isEqualTo(200);
        held.add(ok.body());
      }
      HttpResponse<InputStream> third = stream(path, "203.0.113.7");
      assertThat(third.statusCode()).isEqualTo(429);
      third.body().close();
      // Another client behind the same proxy has its own share.
      HttpResponse<InputStream> other = stream(path, "203.0.113.8");
      assertThat(other.statusCode()).isEqualTo(200);
      held.add(other.body());
    } finally {
      for (InputStream in : held) {
        in.close();
      }
    }
  }

  private static HttpResponse<InputStream> stream(String path, String client) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(proxied.api().base() + path))
            .header("Accept", "text/event-stream")
            .header("X-Forwarded-For", client)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofInputStream());
  }

  private static int report(String contentType, String body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(direct.api().base() + "/csp-report"))
                .header("Content-Type", contentType)
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
