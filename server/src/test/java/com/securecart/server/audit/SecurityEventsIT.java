package com.securecart.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.server.config.AdmissionConfig;
import com.securecart.server.config.AdmissionConfig.RateLimit;
import com.securecart.server.security.SecurityEvents;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.testing.WebClient;
import com.securecart.server.tracing.JsonLogFormatter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 3: failed sign-ins, 401s, 403s, CSRF rejections and 429s each leave a structured
 * JSON log line and a counter increment. Before, the log held only its start-up lines.
 */
class SecurityEventsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> LINES = new CopyOnWriteArrayList<>();
  private static final Handler CAPTURE =
      new Handler() {
        private final JsonLogFormatter formatter = new JsonLogFormatter();

        @Override
        public void publish(LogRecord record) {
          if (SecurityEvents.LOGGER.equals(record.getLoggerName())) {
            LINES.add(formatter.format(record));
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private static TestApp app;
  private static Api api;
  private static WebClient staffWeb;

  @BeforeAll
  static void start() {
    Logger.getLogger(SecurityEvents.LOGGER).addHandler(CAPTURE);
    app = TestApp.start(Engine.H2);
    api = app.api();
    staffWeb = new WebClient(api.base());
    staffWeb.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
  }

  @AfterAll
  static void stop() {
    Logger.getLogger(SecurityEvents.LOGGER).removeHandler(CAPTURE);
    app.close();
  }

  @BeforeEach
  void forget() {
    LINES.clear();
  }

  @Test
  void aFailedSignInIsLoggedWithAHashNotTheAddressOrPasswordAndCounted() throws Exception {
    double before = counter("sign_in_failed");
    Api.Response failed =
        api.post(
            "/api/auth/login",
            Map.of("email", "Victim@Example.com", "password", "hunter2-wrong-guess"),
            "X-Forwarded-For",
            "203.0.113.9");
    assertThat(failed.status()).isEqualTo(401);

    JsonNode event = event("sign_in_failed");
    assertThat(event.get("outcome").asText()).isEqualTo("failure");
    assertThat(event.get("client_address").asText()).isEqualTo("127.0.0.1");
    assertThat(event.get("principal_hash").asText())
        .isEqualTo(SecurityEvents.principalHash("victim@example.com"))
        .hasSize(16);
    assertThat(event.get("route").asText()).isEqualTo("/api/auth/login");
    assertThat(event.get("trace_id").asText()).matches("[0-9a-f]{32}");
    assertThat(event.get("level").asText()).isEqualTo("INFO");
    assertThat(LINES).noneMatch(l -> l.contains("hunter2") || l.toLowerCase().contains("victim@"));
    assertThat(counter("sign_in_failed")).isEqualTo(before + 1);
  }

  @Test
  void aCustomerOnAStaffRouteIsA403EventAndAStaleTokenA401() throws Exception {
    double forbidden = counter("forbidden");
    double unauthenticated = counter("unauthenticated");
    String customer = app.api().newCustomer("not-staff-events@example.com");

    assertThat(api.get("/api/admin/orders", Api.bearer(customer)).status()).isEqualTo(403);
    JsonNode refused = event("forbidden");
    assertThat(refused.get("route").asText()).isEqualTo("/api/admin/orders");
    assertThat(refused.get("status").asText()).isEqualTo("403");
    assertThat(counter("forbidden")).isEqualTo(forbidden + 1);

    assertThat(api.get("/api/auth/me", Api.bearer("no-such-session-token-0000")).status())
        .isEqualTo(401);
    assertThat(event("unauthenticated").get("route").asText()).isEqualTo("/api/auth/me");
    assertThat(counter("unauthenticated")).isEqualTo(unauthenticated + 1);
  }

  @Test
  void aFormWithoutItsCsrfTokenIsAnEvent() throws Exception {
    double before = counter("csrf_rejected");
    WebClient browser = new WebClient(api.base());
    browser.get("/");
    WebClient.Page refused =
        browser.post("/cart/items", Map.of("productId", "1", "quantity", "1", "_csrf", "forged"));
    assertThat(refused.status()).isEqualTo(403);

    JsonNode event = event("csrf_rejected");
    assertThat(event.get("route").asText()).isEqualTo("/cart/items");
    assertThat(counter("csrf_rejected")).isEqualTo(before + 1);
    // Explained as a CSRF rejection, not counted a second time as a plain 403.
    assertThat(events("forbidden")).isEmpty();
  }

  @Test
  void aRateLimitedRequestIsAnEvent() throws Exception {
    // Three sign-in attempts a minute per client, so that the fourth is refused with 429.
    try (TestApp limited =
        TestApp.start(
            Engine.H2,
            c -> c.withAdmission(limitedLogins(new RateLimit(3, Duration.ofMinutes(1)))))) {
      // Staff sign in first (one attempt of the three), to read the counters afterwards.
      WebClient staff = new WebClient(limited.api().base());
      assertThat(staff.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD).status()).isEqualTo(303);
      LINES.clear();
      Map<String, String> wrong = Map.of("email", "flood@example.com", "password", "guess-guess");
      int status = 0;
      for (int i = 0; i < 10 && status != 429; i++) {
        status = limited.api().post("/api/auth/login", wrong).status();
      }
      assertThat(status).isEqualTo(429);

      JsonNode event = event("rate_limited");
      assertThat(event.get("route").asText()).isEqualTo("/api/auth/login");
      assertThat(event.get("status").asText()).isEqualTo("429");
      assertThat(events("sign_in_failed")).hasSize(2);
      assertThat(counter(staff, "rate_limited")).isEqualTo(1);
    }
  }

  @Test
  void anAdminSigningInFromANewAddressIsAnEventOnceAndSignInsAreCounted() throws Exception {
    // The set-up signed the admin in from 127.0.0.1 already: not new any more.
    double newAddress = counter("staff_session_new_address");
    double succeeded = counter("sign_in_succeeded");
    WebClient again = new WebClient(api.base());
    assertThat(again.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD).status()).isEqualTo(303);

    assertThat(event("sign_in_succeeded").get("outcome").asText()).isEqualTo("success");
    assertThat(events("staff_session_new_address")).isEmpty();
    assertThat(counter("staff_session_new_address")).isEqualTo(newAddress);
    assertThat(counter("sign_in_succeeded")).isEqualTo(succeeded + 1);
    // Every event has its counter from the start, at zero until it happens, so alerts see the
    // first one as an increase.
    String scraped = metrics();
    for (String label : SecurityEvents.labels()) {
      assertThat(scraped).contains("securecart_security_events_total{event=\"" + label + "\"");
    }
  }

  @Test
  void theFirstStaffSignInFromAnAddressIsReported() throws Exception {
    // A fresh instance: the admin has never signed in from anywhere.
    try (TestApp fresh = TestApp.start(Engine.H2)) {
      WebClient web = new WebClient(fresh.api().base());
      assertThat(web.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD).status()).isEqualTo(303);
      JsonNode event = event("staff_session_new_address");
      assertThat(event.get("client_address").asText()).isEqualTo("127.0.0.1");
      assertThat(event.get("principal_hash").asText())
          .isEqualTo(SecurityEvents.principalHash(TestApp.ADMIN_EMAIL));
      LINES.clear();
      // The second sign-in from the same address is not new; a JSON sign-in shares the memory.
      assertThat(fresh.adminToken()).isNotBlank();
      assertThat(events("sign_in_succeeded")).hasSize(1);
      assertThat(events("staff_session_new_address")).isEmpty();
    }
  }

  private static JsonNode event(String name) throws Exception {
    List<JsonNode> found = events(name);
    assertThat(found).as("events " + name + " in " + LINES).hasSize(1);
    return found.getFirst();
  }

  private static List<JsonNode> events(String name) throws Exception {
    List<JsonNode> found = new java.util.ArrayList<>();
    for (String line : LINES) {
      JsonNode json = JSON.readTree(line);
      if (name.equals(json.path("event").asText())) {
        found.add(json);
      }
    }
    return found;
  }

  private static String metrics() {
    return metrics(staffWeb);
  }

  private static String metrics(WebClient web) {
    WebClient.Page page = web.get("/admin/metrics");
    assertThat(page.status()).isEqualTo(200);
    return page.body();
  }

  private static double counter(String event) {
    return counter(staffWeb, event);
  }

  private static double counter(WebClient web, String event) {
    Matcher m =
        Pattern.compile(
                "securecart_security_events_total\\{event=\"" + event + "\"[^}]*} ([0-9.eE+-]+)")
            .matcher(metrics(web));
    assertThat(m.find()).as("counter for " + event).isTrue();
    return Double.parseDouble(m.group(1));
  }

  private static AdmissionConfig limitedLogins(RateLimit login) {
    AdmissionConfig t = AdmissionConfig.forTests();
    return new AdmissionConfig(
        t.minLimit(),
        t.initialLimit(),
        t.maxLimit(),
        t.retryAfter(),
        login,
        t.registration(),
        t.checkout(),
        t.search(),
        t.maxClients(),
        t.trustedProxies(),
        t.drainDelay());
  }
}
