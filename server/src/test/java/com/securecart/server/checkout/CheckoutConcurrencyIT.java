package com.securecart.server.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.app.CheckoutSettings.ReservationMode;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Flash-sale correctness through the HTTP API, on H2 and on PostgreSQL. */
class CheckoutConcurrencyIT {

  public static Stream<Arguments> enginesAndModes() {
    return Stream.of(Engine.values())
        .flatMap(e -> Stream.of(ReservationMode.values()).map(m -> Arguments.of(e, m)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("enginesAndModes")
  void twoHundredBuyersForTwentyUnitsBuyExactlyTwenty(Engine engine, ReservationMode mode)
      throws Exception {
    try (TestApp app = TestApp.start(engine, c -> c.withReservationMode(mode))) {
      Api api = app.api();
      long product = api.createProduct(app.adminToken(), "HOT-1", 1_999, 20);
      List<String> carts = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        carts.add(api.cartWith(product, 1));
      }

      List<Api.Response> responses =
          concurrently(carts.size(), i -> api.checkout(carts.get(i), "tok_visa"));

      long sold = responses.stream().filter(r -> r.status() == 201).count();
      long refused = responses.stream().filter(r -> r.status() == 409).count();
      assertThat(sold).isEqualTo(20);
      assertThat(refused).isEqualTo(180);
      assertThat(responses)
          .filteredOn(r -> r.status() == 409)
          .allSatisfy(r -> assertThat(r.problemType()).endsWith("/out-of-stock"));
      // Every acknowledged order was committed with its unit of stock.
      for (Api.Response r : responses) {
        if (r.status() == 201) {
          assertThat(
                  count(
                      app,
                      "SELECT COUNT(*) FROM reservations WHERE sku = 'HOT-1' AND quantity = 1"
                          + " AND order_id = "
                          + r.json().get("orderId").asLong()))
              .isEqualTo(1);
        }
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(stock(app, "HOT-1")).containsExactly(0, 0));
      assertThat(count(app, "SELECT COUNT(*) FROM orders WHERE status = 'CONFIRMED'"))
          .isEqualTo(20);
      assertThat(
              count(
                  app,
                  "SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l JOIN orders o ON o.id = l.order_id"
                      + " WHERE o.status = 'CONFIRMED' AND l.sku = 'HOT-1'"))
          .isEqualTo(20);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void fiftyReplaysOfOneKeyPlaceOneOrderAndAuthorizeOnce(Engine engine) throws Exception {
    try (TestApp app = TestApp.start(engine)) {
      Api api = app.api();
      long product = api.createProduct(app.adminToken(), "IDEM-1", 2_500, 100);
      String cart = api.cartWith(product, 2);
      var body = Api.checkoutBody(cart, "tok_visa");

      List<Api.Response> responses =
          concurrently(50, i -> api.post("/api/checkout", body, "Idempotency-Key", "same-key-50"));

      assertThat(responses).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
      Set<Long> orderIds =
          responses.stream()
              .filter(r -> r.status() == 201)
              .map(r -> r.json().get("orderId").asLong())
              .collect(Collectors.toSet());
      assertThat(orderIds).hasSize(1);
      // The claim is taken in the checkout's own transaction (issue 18): a duplicate waits for the
      // first's commit and replays its answer. A 409 remains possible for a duplicate that shared
      // the first's coalesced transaction, which cannot wait for itself.
      assertThat(responses)
          .filteredOn(r -> r.status() == 201 && "true".equals(r.header("Idempotent-Replayed")))
          .isNotEmpty();
      assertThat(responses)
          .filteredOn(r -> r.status() == 409)
          .allSatisfy(
              r -> {
                assertThat(r.problemType()).endsWith("/idempotency-in-flight");
                // Retry in a second: the key is answered, or free again, within a short lease.
                assertThat(r.header("Retry-After")).isEqualTo("1");
              });
      long orderId = orderIds.iterator().next();
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "CONFIRMED".equals(orderStatus(app, orderId)));

      Api.Response replay = api.post("/api/checkout", body, "Idempotency-Key", "same-key-50");
      assertThat(replay.status()).isEqualTo(201);
      assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
      assertThat(replay.json().get("orderId").asLong()).isEqualTo(orderId);
      assertThat(count(app, "SELECT COUNT(*) FROM orders")).isEqualTo(1);
      assertThat(count(app, "SELECT COUNT(*) FROM payment_authorizations")).isEqualTo(1);
      assertThat(app.sandboxPayments().approvedCount()).isEqualTo(1);
      assertThat(stock(app, "IDEM-1")).containsExactly(98, 0);
    }
  }

  interface Call {
    Api.Response call(int i) throws Exception;
  }

  /** Runs n calls at once (released together by a latch) and returns their responses. */
  static List<Api.Response> concurrently(int n, Call call) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<Api.Response>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call(index);
                }));
      }
      start.countDown();
      List<Api.Response> responses = new ArrayList<>();
      for (Future<Api.Response> f : futures) {
        responses.add(f.get());
      }
      return responses;
    }
  }

  static List<Integer> stock(TestApp app, String sku) throws SQLException {
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT on_hand, reserved FROM inventory WHERE sku = '" + sku + "'")) {
      rs.next();
      return List.of(rs.getInt(1), rs.getInt(2));
    }
  }

  static long count(TestApp app, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static String orderStatus(TestApp app, long orderId) throws SQLException {
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT status FROM orders WHERE id = " + orderId)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
