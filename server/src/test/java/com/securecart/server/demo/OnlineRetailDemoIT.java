package com.securecart.server.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.server.SecureCart;
import com.securecart.server.config.Config;
import com.securecart.server.config.DemoSettings;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestConfigs;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code --demo-data online-retail} on a fixture of seven invoices whose outcome is worked out by
 * hand below: two customers (17850 with three sales and a cancellation, 12583 in France), a guest,
 * postage, a manual adjustment, a zero price, a lower-case stock code, a quoted description and an
 * invoice of postage alone; three days in March 2011 around the start of British summer time.
 */
class OnlineRetailDemoIT {
  private static final Pattern RICHEST =
      Pattern.compile("Demo customer with the richest history: (\\S+) / (\\S+)");

  private static Path fixture() {
    try {
      return Path.of(
          OnlineRetailDemoIT.class.getResource("/demo/online-retail-fixture.csv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static UnaryOperator<Config> onlineRetail(Path file) {
    return c -> c.withDemo(new DemoSettings(0, DemoSettings.Data.ONLINE_RETAIL, file));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void loadsTheFixtureOnceWithShiftedDatesFiguresAndASignInForTheRichestCustomer(Engine engine)
      throws Exception {
    String url = TestDatabases.freshUrl(engine);
    Started first = start(url, onlineRetail(fixture()));
    try (TestApp app = first.app()) {
      assertThat(
              rows(
                  url,
                  "SELECT sku, name, category, brand, price_cents, currency, active"
                      + " FROM products ORDER BY sku"))
          .containsExactly(
              "22720|Set of 3 Cake Tins, Pantry Design|Kitchen & Baking|Pantry|495|GBP|TRUE",
              "22961|Jam Making Set Printed|Kitchen & Baking|Online Retail|145|GBP|TRUE",
              "71053|White Metal Lantern|Candles & Lights|Online Retail|339|GBP|TRUE",
              // Sold at 2.55 three times and 2.30 once.
              "85123A|White Hanging Heart T-Light Holder|Candles & Lights|Online Retail|255|GBP|TRUE");
      assertThat(rows(url, "SELECT sku, on_hand, reserved FROM inventory ORDER BY sku"))
          .containsExactly(
              "22720|" + RetailCatalogRules.openingStock("22720") + "|0",
              "22961|" + RetailCatalogRules.openingStock("22961") + "|0",
              "71053|0|0",
              "85123A|" + RetailCatalogRules.openingStock("85123A") + "|0");

      assertThat(
              rows(
                  url,
                  "SELECT email, name, role, password_hash = '!no-password'"
                      + " FROM accounts WHERE role = 'CUSTOMER' ORDER BY email"))
          .containsExactly(
              "customer-12583@online-retail.example|Customer 12583|CUSTOMER|TRUE",
              "customer-17850@online-retail.example|Customer 17850|CUSTOMER|FALSE");

      assertThat(
              rows(
                  url,
                  "SELECT o.number, a.email, o.email, o.status, o.subtotal_cents,"
                      + " o.tax_cents, o.shipping_cents, o.total_cents, o.currency, o.ship_city,"
                      + " o.ship_country FROM orders o LEFT JOIN accounts a ON a.id = o.customer_id"
                      + " ORDER BY o.number"))
          .containsExactly(
              "OR-550001|customer-17850@online-retail.example|customer-17850@online-retail.example"
                  + "|CONFIRMED|3564|0|1800|5364|GBP|United Kingdom|GB",
              "OR-550002|customer-12583@online-retail.example|customer-12583@online-retail.example"
                  + "|CONFIRMED|6240|0|0|6240|GBP|France|FR",
              "OR-550003|null|guest-550003@online-retail.example|CONFIRMED|290|0|0|290|GBP"
                  + "|United Kingdom|GB",
              "OR-550005|customer-17850@online-retail.example|customer-17850@online-retail.example"
                  + "|CONFIRMED|2505|0|0|2505|GBP|United Kingdom|GB",
              "OR-550006|customer-17850@online-retail.example|customer-17850@online-retail.example"
                  + "|CONFIRMED|678|0|0|678|GBP|United Kingdom|GB",
              "OR-C550004|customer-17850@online-retail.example|customer-17850@online-retail.example"
                  + "|CANCELLED|510|0|0|510|GBP|United Kingdom|GB");
      assertThat(
              rows(
                  url,
                  "SELECT o.number, l.line_no, l.sku, l.name, l.unit_price_cents,"
                      + " l.quantity, l.line_total_cents, p.sku FROM order_lines l"
                      + " JOIN orders o ON o.id = l.order_id JOIN products p ON p.id = l.product_id"
                      + " ORDER BY o.number, l.line_no"))
          .containsExactly(
              "OR-550001|1|85123A|White Hanging Heart T-Light Holder|255|6|1530|85123A",
              "OR-550001|2|71053|White Metal Lantern|339|6|2034|71053",
              "OR-550002|1|22961|Jam Making Set Printed|145|24|3480|22961",
              "OR-550002|2|85123A|White Hanging Heart T-Light Holder|230|12|2760|85123A",
              "OR-550003|1|22961|Jam Making Set Printed|145|2|290|22961",
              "OR-550005|1|22720|Set of 3 Cake Tins, Pantry Design|495|3|1485|22720",
              "OR-550005|2|85123A|White Hanging Heart T-Light Holder|255|4|1020|85123A",
              "OR-550006|1|71053|White Metal Lantern|339|2|678|71053",
              "OR-C550004|1|85123A|White Hanging Heart T-Light Holder|255|2|510|85123A");
      assertThat(
              rows(
                  url,
                  "SELECT o.number, h.status, h.reason FROM order_history h"
                      + " JOIN orders o ON o.id = h.order_id WHERE o.number LIKE 'OR-C%'"))
          .containsExactly("OR-C550004|CANCELLED|Cancellation invoice C550004 in the source data");
      // Past the pipeline: no event, authorization, reservation or e-mail.
      assertThat(
              rows(
                  url,
                  "SELECT (SELECT COUNT(*) FROM outbox) + (SELECT COUNT(*) FROM"
                      + " payment_authorizations) + (SELECT COUNT(*) FROM reservations)"
                      + " + (SELECT COUNT(*) FROM mailbox) + (SELECT COUNT(*) FROM order_history"
                      + " WHERE status <> 'CONFIRMED' AND status <> 'CANCELLED')"))
          .containsExactly("0");

      // Moved by whole weeks so that the newest order's day is in the past week; UK time to UTC
      // (GMT before 27 March 2011, BST from then on).
      Map<String, Instant> placed = placedAt(url);
      Duration shift =
          Duration.between(Instant.parse("2011-03-25T09:00:00Z"), placed.get("OR-550001"));
      assertThat(shift.toDays() % 7).isZero();
      assertThat(shift.toSeconds() % 86_400).isZero();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      LocalDate lastDay = LocalDate.ofInstant(placed.get("OR-550006"), ZoneOffset.UTC);
      assertThat(lastDay).isBetween(today.minusDays(7), today.minusDays(1));
      assertThat(placed)
          .containsEntry("OR-550002", Instant.parse("2011-03-25T10:30:00Z").plus(shift))
          .containsEntry("OR-550003", Instant.parse("2011-03-26T11:00:00Z").plus(shift))
          .containsEntry("OR-C550004", Instant.parse("2011-03-26T12:00:00Z").plus(shift))
          .containsEntry("OR-550005", Instant.parse("2011-03-28T08:15:00Z").plus(shift))
          .containsEntry("OR-550006", Instant.parse("2011-03-28T15:40:00Z").plus(shift));
      assertThat(first.console())
          .contains("dates moved forward " + shift.toDays() / 7 + " weeks")
          .contains("the last order day is " + lastDay)
          .contains("UCI Online Retail data set")
          .contains("CC BY 4.0");

      // The nightly figures of every day from the first order to the last: Sunday had none, and
      // its figures are zeros.
      Api api = app.api();
      String admin = app.adminToken();
      LocalDate day1 = LocalDate.ofInstant(placed.get("OR-550001"), ZoneOffset.UTC);
      JsonNode days =
          api.get(
                  "/api/admin/analytics?from=" + day1.minusDays(3) + "&to=" + today,
                  Api.bearer(admin))
              .json()
              .get("days");
      assertThat(days).hasSize(4);
      assertThat(days.get(0).get("day").asText()).isEqualTo(day1.toString());
      JsonNode friday = days.get(0);
      assertThat(friday.get("ordersPlaced").asInt()).isEqualTo(2);
      assertThat(friday.get("paidOrders").asInt()).isEqualTo(2);
      assertThat(friday.get("revenueCents").asLong()).isEqualTo(5364 + 6240);
      assertThat(friday.get("units").asLong()).isEqualTo(6 + 6 + 24 + 12);
      assertThat(friday.get("newCustomers").asInt()).isEqualTo(2);
      assertThat(top(friday, "category")).isEqualTo("Candles & Lights 6324, Kitchen & Baking 3480");
      JsonNode saturday = days.get(1);
      assertThat(saturday.get("ordersPlaced").asInt()).isEqualTo(2);
      assertThat(saturday.get("paidOrders").asInt()).isEqualTo(1);
      assertThat(saturday.get("revenueCents").asLong()).isEqualTo(290);
      assertThat(saturday.get("cancellationRate").asDouble()).isEqualTo(0.5);
      JsonNode sunday = days.get(2);
      assertThat(sunday.get("ordersPlaced").asInt()).isZero();
      assertThat(sunday.get("revenueCents").asLong()).isZero();
      JsonNode monday = days.get(3);
      assertThat(monday.get("day").asText()).isEqualTo(lastDay.toString());
      assertThat(monday.get("revenueCents").asLong()).isEqualTo(2505 + 678);
      assertThat(monday.get("returningCustomers").asInt()).isEqualTo(1);
      assertThat(monday.get("newCustomers").asInt()).isZero();

      // The products are in search (visible within the index's refresh interval).
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(lantern(api)).isEqualTo("White Metal Lantern GBP 0"));

      // The richest customer's password was shown once; signed in, he gets recommendations: the
      // jam set, bought by 12583 with the heart he bought too (the lantern is sold out).
      Matcher richest = RICHEST.matcher(first.console());
      assertThat(richest.find()).as(first.console()).isTrue();
      assertThat(richest.group(1)).isEqualTo("customer-17850@online-retail.example");
      String token = api.login(richest.group(1), richest.group(2));
      JsonNode own = api.get("/api/orders?size=10", Api.bearer(token)).json();
      assertThat(own.get("items").findValuesAsText("orderNumber"))
          .containsExactly("OR-550006", "OR-550005", "OR-C550004", "OR-550001");
      JsonNode order =
          api.get(
                  "/api/orders/" + own.get("items").get(1).get("orderId").asLong(),
                  Api.bearer(token))
              .json();
      assertThat(order.get("status").asText()).isEqualTo("CONFIRMED");
      assertThat(order.get("totalCents").asLong()).isEqualTo(2505);
      assertThat(order.get("history").findValuesAsText("status")).containsExactly("CONFIRMED");
      long jamSet = Long.parseLong(rows(url, "SELECT id FROM products WHERE sku = '22961'").get(0));
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          api.get("/api/recommendations/me?limit=5", Api.bearer(token))
                              .json()
                              .get("items")
                              .findValuesAsText("id"))
                      .containsExactly(Long.toString(jamSet)));
      // Nobody else can sign in.
      assertThat(
              api.post(
                      "/api/auth/login",
                      Map.of(
                          "email", "customer-12583@online-retail.example",
                          "password", "!no-password"))
                  .status())
          .isEqualTo(401);

      // A restart on the loaded database loads nothing again; it only computes the figures of a
      // day that lacks them (as after a crash during the first start).
      List<String> before = counts(url);
      assertThat(before)
          .containsExactly("products 4", "accounts 3", "orders 6", "lines 9", "days 4");
      app.stopKeepingDatabase();
      String deleted = day1.plusDays(1).toString();
      sql(
          url,
          "DELETE FROM analytics_top WHERE report_day = DATE '" + deleted + "'",
          "DELETE FROM analytics_segments WHERE report_day = DATE '" + deleted + "'",
          "DELETE FROM analytics_days WHERE report_day = DATE '" + deleted + "'");
      Started second = start(url, onlineRetail(fixture()));
      try (TestApp again = second.app()) {
        assertThat(counts(url)).isEqualTo(before);
        assertThat(second.console())
            .contains("nightly figures computed for 1 day;")
            .doesNotContain("Demo customer")
            .doesNotContain("moved forward");
        Awaitility.await()
            .atMost(Duration.ofSeconds(10))
            .untilAsserted(
                () -> assertThat(lantern(again.api())).isEqualTo("White Metal Lantern GBP 0"));
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aDatabaseWithAnotherCatalogIsLeftAsItIs(Engine engine) throws Exception {
    String url = TestDatabases.freshUrl(engine);
    TestApp generated = TestApp.startOn(url, c -> c.withDemo(DemoSettings.generated(3)));
    generated.stopKeepingDatabase();
    // Even without a file: nothing would be loaded, so nothing is looked for.
    Started online = start(url, onlineRetail(Path.of("/nonexistent/online_retail_uci.csv.gz")));
    try (TestApp app = online.app()) {
      assertThat(online.console())
          .contains("the database already holds another catalog (3 products); left as it is");
      assertThat(counts(url))
          .containsExactly("products 3", "accounts 1", "orders 0", "lines 0", "days 0");
    }
  }

  @Test
  void aMissingFileStopsTheStartWithOneLineNamingIt() {
    Path missing = Path.of("/nonexistent/online_retail_uci.csv.gz");
    SecureCart app =
        new SecureCart(
            onlineRetail(missing).apply(TestConfigs.forTests(TestDatabases.freshUrl(Engine.H2))));
    try {
      assertThatThrownBy(app::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("SECURECART_ONLINE_RETAIL=" + missing + " is not a file")
          .hasMessageNotContaining("\n");
    } finally {
      app.close();
    }
  }

  @Test
  void theFileIsFoundInTheUsualPlacesAndTheErrorNamesThem(@TempDir Path dataDir) throws Exception {
    Path expected = dataDir.resolve(OnlineRetailCsv.FILE_NAME).toAbsolutePath();
    Path sibling =
        Path.of("..", "shared", "data", "online-retail", OnlineRetailCsv.FILE_NAME)
            .toAbsolutePath()
            .normalize();
    if (!Files.exists(sibling)) {
      assertThatThrownBy(() -> OnlineRetailCsv.locate(null, dataDir))
          .hasMessageContaining(sibling.toString())
          .hasMessageContaining(expected.toString())
          .hasMessageContaining("set SECURECART_ONLINE_RETAIL");
    }
    // A gzip file is read like the plain one.
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(expected))) {
      Files.copy(fixture(), out);
    }
    Path found = OnlineRetailCsv.locate(null, dataDir);
    assertThat(found).isIn(expected, sibling);
    List<OnlineRetailCsv.Row> plain = new ArrayList<>();
    List<OnlineRetailCsv.Row> gzipped = new ArrayList<>();
    OnlineRetailCsv.read(fixture(), plain::add);
    OnlineRetailCsv.read(expected, gzipped::add);
    assertThat(gzipped).hasSize(13).isEqualTo(plain);
  }

  private record Started(TestApp app, String console) {}

  /** Starts an instance and keeps what it printed on the console during the start. */
  private static Started start(String url, UnaryOperator<Config> tweak) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(
        new PrintStream(
            new OutputStream() {
              @Override
              public void write(int b) {
                captured.write(b);
                original.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) {
                captured.write(b, off, len);
                original.write(b, off, len);
              }
            },
            true,
            StandardCharsets.UTF_8));
    try {
      TestApp app = TestApp.startOn(url, tweak);
      return new Started(app, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  private static List<String> counts(String url) throws SQLException {
    return rows(
        url,
        "SELECT 'products ' || (SELECT COUNT(*) FROM products) UNION ALL"
            + " SELECT 'accounts ' || (SELECT COUNT(*) FROM accounts) UNION ALL"
            + " SELECT 'orders ' || (SELECT COUNT(*) FROM orders) UNION ALL"
            + " SELECT 'lines ' || (SELECT COUNT(*) FROM order_lines) UNION ALL"
            + " SELECT 'days ' || (SELECT COUNT(*) FROM analytics_days)");
  }

  private static void sql(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  private static Map<String, Instant> placedAt(String url) throws SQLException {
    Map<String, Instant> placed = new LinkedHashMap<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT number, created_at FROM orders")) {
      while (rs.next()) {
        placed.put(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant());
      }
    }
    return placed;
  }

  /** Every row of a query, its columns joined with |, booleans upper-case. */
  static List<String> rows(String url, String query) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          Object value = rs.getObject(i);
          row.append(i == 1 ? "" : "|")
              .append(
                  value instanceof Boolean b
                      ? b.toString().toUpperCase(java.util.Locale.ROOT)
                      : String.valueOf(value).strip());
        }
        out.add(row.toString());
      }
    }
    return out;
  }

  /** The hits of a search for "lantern": name, currency and stock of each. */
  private static String lantern(Api api) {
    List<String> out = new ArrayList<>();
    for (JsonNode hit : api.get("/api/search?q=lantern").json().get("hits")) {
      out.add(
          hit.get("name").asText()
              + " "
              + hit.get("currency").asText()
              + " "
              + hit.get("available").asInt());
    }
    return String.join(", ", out);
  }

  private static String top(JsonNode day, String dimension) {
    List<String> out = new ArrayList<>();
    for (JsonNode b : day.get("top")) {
      if (b.get("dimension").asText().equals(dimension)) {
        out.add(b.get("key").asText() + " " + b.get("revenueCents").asLong());
      }
    }
    return String.join(", ", out);
  }
}
