package com.securecart.server.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.outbox.Outbox;
import com.securecart.outbox.OutboxEvent;
import com.securecart.server.config.AdmissionConfig;
import com.securecart.server.config.Config;
import com.securecart.server.testing.AdjustableClock;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Checkout backpressure end to end: an instance without workers leaves its orders' events
 * unclaimed; once the clock has moved past the threshold, checkout (API and form) is refused with
 * 503 pipeline-behind while carts, browsing and staff pages still work, and it comes back once the
 * events are done.
 */
class CheckoutBackpressureIT {
  private static final String PIPELINE_BEHIND = "https://securecart.dev/problems/pipeline-behind";

  /** A checkout with a body the handler would reject: 503 only if the gate answers first. */
  private static int emptyCheckout(Api api) {
    return api.post("/api/checkout", Map.of(), "Idempotency-Key", "probe").status();
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aPipelineBehindSlowsCheckoutAloneUntilItsEventsAreDone(Engine engine) throws Exception {
    AdjustableClock clock = new AdjustableClock();
    try (TestApp app =
        TestApp.start(
            engine,
            c ->
                c.withRoles(Set.of(Config.Role.API))
                    .withAdmission(
                        AdmissionConfig.forTests()
                            .withCheckoutBackpressureAge(Duration.ofSeconds(30))),
            clock)) {
      Api api = app.api();
      String admin = app.adminToken();
      long product = api.createProduct(admin, "BP-1", 1_000, 10);
      assertThat(api.checkout(api.cartWith(product, 1), "tok_visa").status()).isEqualTo(201);
      assertThat(emptyCheckout(api)).isNotEqualTo(503);

      // No worker claims the order's events; two minutes on, they are far past the threshold.
      clock.advance(Duration.ofMinutes(2));
      await().atMost(Duration.ofSeconds(10)).until(() -> emptyCheckout(api) == 503);

      String cart = api.cartWith(product, 1);
      Api.Response refused = api.checkout(cart, "tok_visa");
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.problemType()).isEqualTo(PIPELINE_BEHIND);
      // A tenth of the lag (two minutes and the test's own seconds), in whole seconds.
      assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(12, 14);
      // The storefront form is refused the same way, before its CSRF token is even looked at.
      assertThat(api.post("/checkout", Map.of()).status()).isEqualTo(503);

      // Everything else goes on: carts, browsing, the order already placed, staff pages.
      assertThat(api.cartWith(product, 2)).isNotBlank();
      assertThat(api.get("/api/cart", "X-Cart-Secret", cart).status()).isEqualTo(200);
      assertThat(api.get("/api/products/" + product).status()).isEqualTo(200);
      assertThat(api.get("/").status()).isEqualTo(200);
      assertThat(api.get("/api/admin/orders", Api.bearer(admin)).status()).isEqualTo(200);
      assertThat(api.get("/admin/metrics", "Cookie", "sc_session=" + admin).body())
          .containsPattern("securecart_checkout_backpressure_total [1-9]");

      // The pipeline catches up: checkout is taken again at the next read.
      try (Connection c = DriverManager.getConnection(app.dbUrl());
          Statement s = c.createStatement()) {
        s.execute("UPDATE outbox SET status = 'DONE', processed_at = CURRENT_TIMESTAMP");
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> emptyCheckout(api) != 503);
      assertThat(api.checkout(cart, "tok_visa").status()).isEqualTo(201);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void theLagIsTheOldestEventNoWorkerHasClaimedNotOneWaitingToRetry(Engine engine) {
    try (TestApp app = TestApp.start(engine, c -> c.withRoles(Set.of(Config.Role.API)))) {
      Api api = app.api();
      long product = api.createProduct(app.adminToken(), "BP-2", 1_000, 10);
      Outbox outbox = app.app().contexts().pipeline().outbox();
      assertThat(api.checkout(api.cartWith(product, 1), "tok_visa").status()).isEqualTo(201);
      assertThat(api.checkout(api.cartWith(product, 1), "tok_visa").status()).isEqualTo(201);
      Outbox.Backlog backlog = outbox.backlog();
      assertThat(outbox.oldestUnclaimed()).isEqualTo(backlog.oldestCreatedAt()).isPresent();

      // A worker claims the oldest event and fails it: it waits to retry, still pending, and the
      // lag now starts at the next event.
      Instant now = Instant.now().plusSeconds(1);
      List<OutboxEvent> first = outbox.claim(1, now, now.plusSeconds(30));
      outbox.retryAt(first.getFirst(), now.plusSeconds(60), "provider away");
      assertThat(outbox.backlog().oldestCreatedAt()).isEqualTo(backlog.oldestCreatedAt());
      Optional<Instant> lag = outbox.oldestUnclaimed();

      // Every other event claimed: nothing lags, though none is done yet.
      List<OutboxEvent> rest = outbox.claim(1_000, now, now.plusSeconds(30));
      assertThat(rest).isNotEmpty();
      assertThat(lag)
          .contains(rest.stream().map(OutboxEvent::createdAt).min(Instant::compareTo).get());
      assertThat(outbox.backlog().pending()).isEqualTo(backlog.pending());
      assertThat(outbox.oldestUnclaimed()).isEmpty();
    }
  }
}
