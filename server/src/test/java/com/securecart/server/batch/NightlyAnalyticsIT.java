package com.securecart.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The nightly analytics against a small fixture whose figures are worked out by hand below: five
 * orders over two days (one moved to the first day), a cancellation, a declined card, an abandoned
 * cart, three customers and a guest.
 */
class NightlyAnalyticsIT {
  private static final String DAY1 = "2026-01-10";
  private static final String DAY2 = "2026-01-11";

  @ParameterizedTest
  @EnumSource(Engine.class)
  void figuresMatchTheHandComputedFixtureAndReRunsReplaceAtomically(Engine engine)
      throws Exception {
    try (TestApp app = TestApp.start(engine)) {
      Api api = app.api();
      String admin = app.adminToken();
      long audio = product(api, admin, "AN-AUDIO", "Audio", "Acme", 1_000);
      long books = product(api, admin, "AN-BOOKS", "Books", "Bolt", 2_500);
      String c1 = api.newCustomer("an1@example.com");
      String c2 = api.newCustomer("an2@example.com");
      String c3 = api.newCustomer("an3@example.com");

      Placed o1 = place(api, c1, audio, 2, "tok_visa", "CONFIRMED");
      Placed o2 = place(api, c1, books, 1, "tok_visa", "CONFIRMED");
      Placed o3 = place(api, c2, audio, 1, "tok_visa", "CONFIRMED");
      assertThat(api.post("/api/orders/" + o3.id + "/cancel", null, Api.bearer(c2)).status())
          .isEqualTo(200);
      Placed o4 = place(api, null, books, 2, "tok_chargeDeclined", "PAYMENT_FAILED");
      Placed o5 = place(api, c3, audio, 1, "tok_visa", "CONFIRMED");
      String abandoned = api.post("/api/carts", null).json().get("id").asText();

      sql(
          app,
          "UPDATE orders SET created_at = TIMESTAMP WITH TIME ZONE '"
              + DAY1
              + " 12:00:00+00'"
              + " WHERE id = "
              + o1.id,
          "UPDATE orders SET created_at = TIMESTAMP WITH TIME ZONE '"
              + DAY2
              + " 12:00:00+00'"
              + " WHERE id IN ("
              + o2.id
              + ", "
              + o3.id
              + ", "
              + o4.id
              + ", "
              + o5.id
              + ")",
          "UPDATE carts SET created_at = TIMESTAMP WITH TIME ZONE '"
              + DAY1
              + " 12:00:00+00'"
              + " WHERE id = '"
              + o1.cart
              + "'",
          "UPDATE carts SET created_at = TIMESTAMP WITH TIME ZONE '"
              + DAY2
              + " 12:00:00+00'"
              + " WHERE id IN ('"
              + o2.cart
              + "', '"
              + o3.cart
              + "', '"
              + o4.cart
              + "', '"
              + o5.cart
              + "', '"
              + abandoned
              + "')");

      JsonNode day1 = nightly(api, admin, DAY1);
      assertThat(day1.get("ordersPlaced").asInt()).isEqualTo(1);
      assertThat(day1.get("paidOrders").asInt()).isEqualTo(1);
      assertThat(day1.get("revenueCents").asLong()).isEqualTo(o1.totalCents);
      assertThat(day1.get("units").asLong()).isEqualTo(2);
      assertThat(day1.get("newCustomers").asInt()).isEqualTo(1);
      assertThat(day1.get("returningCustomers").asInt()).isZero();
      assertThat(day1.get("cartToOrderConversion").asDouble()).isEqualTo(1.0);
      assertThat(day1.get("segments").get("needs attention").asInt()).isEqualTo(1);

      JsonNode day2 = nightly(api, admin, DAY2);
      // Placed: o2..o5. Paid: o2 and o5 (o3 was cancelled, o4 declined).
      assertThat(day2.get("ordersPlaced").asInt()).isEqualTo(4);
      assertThat(day2.get("paidOrders").asInt()).isEqualTo(2);
      assertThat(day2.get("revenueCents").asLong()).isEqualTo(o2.totalCents + o5.totalCents);
      assertThat(day2.get("averageOrderValueCents").asLong())
          .isEqualTo(Math.round((o2.totalCents + o5.totalCents) / 2.0));
      assertThat(day2.get("units").asLong()).isEqualTo(2);
      assertThat(day2.get("paymentFailureRate").asDouble()).isEqualTo(0.25);
      assertThat(day2.get("cancellationRate").asDouble()).isEqualTo(0.25);
      // Five carts opened that day (one abandoned), four orders placed.
      assertThat(day2.get("cartToOrderConversion").asDouble()).isEqualTo(0.8);
      // c3's first paid order; c1 paid on day 1 already; c2's only order was cancelled.
      assertThat(day2.get("newCustomers").asInt()).isEqualTo(1);
      assertThat(day2.get("returningCustomers").asInt()).isEqualTo(1);
      assertThat(top(day2, "category")).isEqualTo("Books 2500, Audio 1000");
      assertThat(top(day2, "brand")).isEqualTo("Bolt 2500, Acme 1000");
      // RFM as of day 2: c1 (2 orders) and c3 (1), both last bought that day: recency 3 each;
      // frequency 4 and 2, so c1 is loyal and c3 needs attention.
      assertThat(day2.get("segments").get("loyal").asInt()).isEqualTo(1);
      assertThat(day2.get("segments").get("needs attention").asInt()).isEqualTo(1);
      assertThat(day2.get("segments").get("champions").asInt()).isZero();

      // A re-run replaces the day with the same figures.
      assertThat(nightly(api, admin, DAY2)).isEqualTo(day2);
      JsonNode kept = stored(api, admin);
      assertThat(kept.get("days")).hasSize(2);
      assertThat(kept.get("days").get(1)).isEqualTo(day2);

      // A run that fails while writing leaves the day as it was: the declined order is now
      // paid, and a constraint makes the new figures unwritable.
      sql(
          app,
          "UPDATE orders SET status = 'CONFIRMED' WHERE id = " + o4.id,
          "ALTER TABLE analytics_days ADD CONSTRAINT an_it_fail CHECK (paid_orders < 3)");
      assertThat(
              api.post("/api/admin/analytics/nightly?date=" + DAY2, null, Api.bearer(admin))
                  .status())
          .isEqualTo(500);
      assertThat(stored(api, admin).get("days").get(1)).isEqualTo(day2);
      sql(app, "ALTER TABLE analytics_days DROP CONSTRAINT an_it_fail");
      JsonNode resumed = nightly(api, admin, DAY2);
      assertThat(resumed.get("paidOrders").asInt()).isEqualTo(3);
      assertThat(resumed.get("revenueCents").asLong())
          .isEqualTo(o2.totalCents + o4.totalCents + o5.totalCents);

      Api.Response csv =
          api.get("/api/admin/analytics/export?from=" + DAY1 + "&to=" + DAY2, Api.bearer(admin));
      assertThat(csv.status()).isEqualTo(200);
      assertThat(csv.header("content-type")).startsWith("text/csv");
      assertThat(csv.body().split("\r\n")).hasSize(3);
      assertThat(csv.body().split("\r\n")[2]).startsWith(DAY2 + ",4,3,");

      // Every run stores a model version; a week of them is kept.
      for (int run = 0; run < 5; run++) {
        nightly(api, admin, DAY1);
      }
      assertThat(count(app, "SELECT COUNT(*) FROM recommendation_models")).isEqualTo(7);
      assertThat(count(app, "SELECT MAX(version) - MIN(version) FROM recommendation_models"))
          .isEqualTo(6);

      // Both families are evaluated each run: the kept one and the other's figures are stored and
      // shown.
      Api.Response run =
          api.post("/api/admin/analytics/nightly?date=" + DAY1, null, Api.bearer(admin));
      String family = run.json().get("modelFamily").asText();
      JsonNode chosen = run.json().get("modelQuality");
      JsonNode notKept = run.json().get("modelNotKept");
      assertThat(family).isIn("item-to-item", "ease");
      assertThat(chosen.get("family").asText()).isEqualTo(family);
      assertThat(notKept.get("family").asText()).isIn("item-to-item", "ease").isNotEqualTo(family);
      assertThat(chosen.get("ndcgAt10").asDouble())
          .isGreaterThanOrEqualTo(notKept.get("ndcgAt10").asDouble());
      assertThat(
              count(
                  app,
                  "SELECT COUNT(*) FROM recommendation_models WHERE family = '"
                      + family
                      + "' AND runner_up_family = '"
                      + notKept.get("family").asText()
                      + "' AND runner_up_ndcg IS NOT NULL"))
          .isEqualTo(7);
      // A row written before V18 (no family given) reads as item-to-item with no runner-up.
      sql(
          app,
          "INSERT INTO recommendation_models (trained_at, purchases, products, payload)"
              + " VALUES (CURRENT_TIMESTAMP, 0, 0, CAST('' AS BYTEA))");
      assertThat(
              count(
                  app,
                  "SELECT COUNT(*) FROM recommendation_models WHERE family = 'item-to-item'"
                      + " AND runner_up_family IS NULL"))
          .isEqualTo(1);
      sql(app, "DELETE FROM recommendation_models WHERE trained_through IS NULL");

      assertThat(api.get("/api/admin/analytics?from=2026-13-01", Api.bearer(admin)).status())
          .isEqualTo(400);
      assertThat(
              api.get("/api/admin/analytics?from=2020-01-01&to=2026-01-01", Api.bearer(admin))
                  .status())
          .isEqualTo(400);
      assertThat(
              api.post("/api/admin/analytics/nightly?date=2999-01-01", null, Api.bearer(admin))
                  .status())
          .isEqualTo(400);
      assertThat(api.get("/api/admin/analytics").status()).isEqualTo(401);
      assertThat(api.get("/api/admin/analytics", Api.bearer(c1)).status()).isEqualTo(403);
    }
  }

  private record Placed(long id, String cart, long totalCents) {}

  private static Placed place(
      Api api, String token, long product, int quantity, String card, String status) {
    String[] auth = token == null ? new String[0] : Api.bearer(token);
    String cart = api.cartWith(product, quantity, auth);
    Api.Response placed = api.checkout(cart, card, auth);
    assertThat(placed.status()).isEqualTo(201);
    long id = placed.json().get("orderId").asLong();
    String[] read =
        token == null
            ? new String[] {"X-Order-Token", placed.json().get("accessToken").asText()}
            : auth;
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> status.equals(api.get("/api/orders/" + id, read).json().get("status").asText()));
    return new Placed(id, cart, placed.json().get("totalCents").asLong());
  }

  private static long product(
      Api api, String admin, String sku, String category, String brand, long priceCents) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sku", sku);
    body.put("name", "Product " + sku);
    body.put("description", "An analytics fixture");
    body.put("brand", brand);
    body.put("category", category);
    body.put("priceCents", priceCents);
    body.put("currency", "EUR");
    body.put("stock", 100);
    Api.Response r = api.post("/api/admin/products", body, Api.bearer(admin));
    assertThat(r.status()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  private static JsonNode nightly(Api api, String admin, String day) {
    Api.Response r = api.post("/api/admin/analytics/nightly?date=" + day, null, Api.bearer(admin));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().get("report");
  }

  private static JsonNode stored(Api api, String admin) {
    Api.Response r =
        api.get("/api/admin/analytics?from=" + DAY1 + "&to=" + DAY2, Api.bearer(admin));
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }

  private static String top(JsonNode day, String dimension) {
    StringBuilder out = new StringBuilder();
    for (JsonNode b : day.get("top")) {
      if (b.get("dimension").asText().equals(dimension)) {
        out.append(out.isEmpty() ? "" : ", ")
            .append(b.get("key").asText())
            .append(' ')
            .append(b.get("revenueCents").asLong());
      }
    }
    return out.toString();
  }

  private static long count(TestApp app, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void sql(TestApp app, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }
}
