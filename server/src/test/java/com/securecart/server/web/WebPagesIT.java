package com.securecart.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.testing.WebClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web pages' behaviour over HTTP: checkout from the form is idempotent, the dashboard is for
 * staff (refusals: AdminAccessIT), the mailbox preview is sandboxed, and the operations data is
 * there.
 */
class WebPagesIT {
  private static TestApp app;
  private static Api api;
  private static String admin;

  @BeforeAll
  static void start() {
    // Server-Timing is off by default (SECURECART_SERVER_TIMING); this suite checks it when on.
    app = TestApp.start(Engine.H2, c -> c.withTelemetry(c.telemetry().withServerTiming(true)));
    api = app.api();
    admin = app.adminToken();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static WebClient sharedStaff;

  /**
   * One staff browser for the tests that only need one: each sign-in spends a one-time code, and
   * codes come at one per 30 seconds, so signing in afresh for every test would mostly wait.
   */
  private static synchronized WebClient staff() {
    if (sharedStaff == null) {
      sharedStaff = new WebClient(api.base());
      sharedStaff.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    }
    return sharedStaff;
  }

  @Test
  void submittingTheCheckoutFormTwicePlacesOneOrder() throws Exception {
    long id = api.createProduct(admin, "TWICE-1", 1_000, 10);
    WebClient web = new WebClient(api.base());
    WebClient.Page product = web.get("/products/" + id);
    web.submit(product, "/cart/items", Map.of("productId", String.valueOf(id), "quantity", "1"));
    WebClient.Page form = web.get("/checkout");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("idempotencyKey", form.input("idempotencyKey"));
    fields.put("email", "twice@example.com");
    fields.put("name", "Twice Clicker");
    fields.put("line1", "1 Main Street");
    fields.put("city", "Berlin");
    fields.put("postalCode", "10115");
    fields.put("country", "DE");
    fields.put("paymentToken", "tok_visa");

    CompletableFuture<WebClient.Page> first =
        CompletableFuture.supplyAsync(() -> web.submit(form, "/checkout", fields));
    CompletableFuture<WebClient.Page> second =
        CompletableFuture.supplyAsync(() -> web.submit(form, "/checkout", fields));
    WebClient.Page later = web.submit(form, "/checkout", fields);

    List<String> locations =
        List.of(
            first.get().header("Location"),
            second.get().header("Location"),
            later.header("Location"));
    assertThat(locations).allMatch(l -> l != null && l.matches("/orders/\\d+"));
    assertThat(locations).containsOnly(locations.get(0));
    assertThat(web.get(locations.get(0)).body()).contains("Product TWICE-1");
    Api.Response orders = api.get("/api/admin/orders?size=100", Api.bearer(admin));
    assertThat(orders.body().split("twice@example.com", -1)).hasSize(2);
  }

  @Test
  void aCheckoutWithMissingFieldsShowsWhatToFix() {
    long id = api.createProduct(admin, "FIX-1", 1_000, 10);
    WebClient web = new WebClient(api.base());
    WebClient.Page product = web.get("/products/" + id);
    web.submit(product, "/cart/items", Map.of("productId", String.valueOf(id), "quantity", "1"));
    WebClient.Page form = web.get("/checkout");

    WebClient.Page refused =
        web.submit(
            form,
            "/checkout",
            Map.of(
                "idempotencyKey", form.input("idempotencyKey"),
                "email", "fix@example.com",
                "name", "",
                "line1", "1 Main Street",
                "city", "Berlin",
                "postalCode", "10115",
                "country", "DE",
                "paymentToken", "tok_visa"));

    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body())
        .contains("Please correct the marked fields")
        .contains("id=\"e-name\"")
        .contains("value=\"fix@example.com\"");
  }

  /** Guests and customers are refused on every staff page: {@link AdminAccessIT}. */
  @Test
  void theSignUpFormRefusesACommonPasswordAndSaysWhy() {
    WebClient web = new WebClient(api.base());
    WebClient.Page form = web.get("/signup");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("name", "Weak Walter");
    fields.put("email", "walter@example.com");
    fields.put("password", "12345678");

    WebClient.Page refused = web.submit(form, "/signup", fields);
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.body())
        .contains("Please choose a stronger password.")
        .contains("This is a top-10 common password.")
        .contains("walter@example.com")
        .doesNotContain("12345678");
    assertThat(web.signIn("walter@example.com", "12345678").status())
        .as("no account was created")
        .isEqualTo(401);

    fields.put("password", "correct horse battery staple");
    WebClient.Page created = web.submit(refused, "/signup", fields);
    assertThat(created.status()).isEqualTo(303);
  }

  @Test
  void staffOpenEveryDashboardPage() {
    WebClient staff = new WebClient(api.base());
    assertThat(staff.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD).status()).isEqualTo(303);
    for (String path :
        List.of(
            "/admin/orders",
            "/admin/orders?status=CONFIRMED",
            "/admin/inventory",
            "/admin/products",
            "/admin/products/new",
            "/admin/mail",
            "/admin/ops",
            "/admin/analytics")) {
      assertThat(staff.get(path).status()).as(path).isEqualTo(200);
    }
  }

  @Test
  void staffSeeInactiveProductsTooAndCanListEachState() {
    long id = api.createProduct(admin, "STAFF-GONE", 1_000, 3);
    WebClient staff = staff();
    WebClient.Page edit = staff.get("/admin/products/" + id + "/edit");
    assertThat(staff.submit(edit, "/admin/products/" + id + "/deactivate", Map.of()).status())
        .isEqualTo(303);

    WebClient.Page inactive = staff.get("/admin/products?state=inactive");
    assertThat(inactive.status()).isEqualTo(200);
    assertThat(inactive.body())
        .contains("/admin/products/" + id + "/edit")
        .contains("<td>Inactive</td>")
        .doesNotContain("<td>Active</td>");
    WebClient.Page active = staff.get("/admin/products?state=active");
    assertThat(active.body())
        .doesNotContain("/admin/products/" + id + "/edit")
        .doesNotContain("<td>Inactive</td>");
    assertThat(staff.get("/admin/products").body())
        .contains("<a href=\"/admin/products\" aria-current=\"page\" class=\"selected\">All</a>");
    assertThat(staff.get("/admin/products?state=deleted").status()).isEqualTo(400);
  }

  @Test
  void theAnalyticsPageRunsTheNightlyJobByHandChartsItAndExportsCsv() {
    WebClient staff = staff();
    WebClient.Page page = staff.get("/admin/analytics");
    String yesterday = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(1).toString();

    assertThat(staff.post("/admin/analytics/run", Map.of("date", yesterday)).status())
        .as("without the CSRF token")
        .isEqualTo(403);
    assertThat(staff.submit(page, "/admin/analytics/run", Map.of("date", "tomorrow")).status())
        .isEqualTo(400);
    WebClient.Page started = staff.submit(page, "/admin/analytics/run", Map.of("date", yesterday));
    assertThat(started.status()).isEqualTo(303);
    assertThat(started.header("Location")).endsWith("/admin/analytics?started=" + yesterday);
    assertThat(staff.get("/admin/analytics?started=" + yesterday).body())
        .contains("The nightly job for " + yesterday + " has started");
    // It runs in the background: its figures appear once it has finished.
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> staff.get("/admin/analytics").body().contains("<td>done</td>"));

    // The window named: by default it ends at the last full day, which for the first half hour
    // after midnight (UTC) is still the day before yesterday (the job lets a day settle 30 min).
    WebClient.Page charted = staff.get("/admin/analytics?to=" + yesterday);
    assertThat(charted.body())
        .contains(
            "Revenue per day",
            "Average order value",
            "Units sold per day",
            "New customers per day",
            "Returning customers per day",
            "Cart-to-order conversion, %",
            "Payment failure rate, %",
            "Cancellation rate, %",
            "Customer segments (RFM)",
            "Top categories on " + yesterday,
            "Top brands on " + yesterday,
            "<rect");
    assertThat(charted.body())
        .contains("Recent nightly runs")
        .contains("<td>" + yesterday + "</td>");
    assertThat(charted.body())
        .containsPattern("<td>" + yesterday + "</td><td>\\d+</td><td>done</td>");
    // A window of the staff's choosing; the day before the run has no figures.
    String before = java.time.LocalDate.parse(yesterday).minusDays(1).toString();
    assertThat(staff.get("/admin/analytics?from=" + before + "&to=" + before).body())
        .contains("No figures yet for these days.");
    assertThat(staff.get("/admin/analytics?from=" + yesterday + "&to=" + yesterday).body())
        .contains("Average order value");
    assertThat(staff.get("/admin/analytics?from=yesterday").status()).isEqualTo(400);
    WebClient.Page csv = staff.get("/admin/analytics.csv?to=" + yesterday);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.body()).startsWith("day,orders_placed,paid_orders,revenue_cents");
    assertThat(csv.body()).contains("\r\n" + yesterday + ",");
  }

  @Test
  void anInlineStockEditAnswersHtmxWithTheRowAndIsCsrfChecked() {
    long id = api.createProduct(admin, "INLINE-1", 1_000, 10);
    WebClient staff = staff();
    WebClient.Page inventory = staff.get("/admin/inventory?sku=INLINE-1");
    assertThat(inventory.body()).contains("id=\"stock-all-INLINE-1\"");

    assertThat(staff.post("/admin/inventory/INLINE-1", Map.of("onHand", "2")).status())
        .isEqualTo(403);
    WebClient.Page row =
        staff.submit(
            inventory, "/admin/inventory/INLINE-1", Map.of("onHand", "2"), "HX-Request", "true");

    assertThat(row.status()).isEqualTo(200);
    assertThat(row.body().strip()).startsWith("<tr id=\"stock-all-INLINE-1\"");
    assertThat(row.body()).doesNotContain("<html");
    assertThat(api.get("/api/products/" + id).json().get("available").asInt()).isEqualTo(2);
    assertThat(staff.get("/admin/inventory").body()).contains("INLINE-1");
  }

  @Test
  void theMailboxShowsEachEmailInASandboxedFrame() {
    long id = api.createProduct(admin, "MAIL-1", 1_000, 10);
    Api.Response placed = api.checkout(api.cartWith(id, 1), "tok_visa");
    String number = placed.json().get("orderNumber").asText();
    WebClient staff = staff();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> staff.get("/admin/mail").body().contains(number));
    Matcher link =
        Pattern.compile("href=\"(/admin/mail/\\d+)\">[^<]*" + number)
            .matcher(staff.get("/admin/mail").body());
    assertThat(link.find()).isTrue();
    WebClient.Page message = staff.get(link.group(1));
    assertThat(message.body()).contains("<iframe").contains("sandbox");

    WebClient.Page html = staff.get(link.group(1) + "/html");
    assertThat(html.status()).isEqualTo(200);
    assertThat(html.header("Content-Security-Policy"))
        .contains("default-src 'none'")
        .contains("sandbox")
        .contains("frame-ancestors 'self'");
    assertThat(html.header("X-Frame-Options")).isEqualTo("SAMEORIGIN");
    assertThat(html.body()).contains(number);
  }

  @Test
  void theOperationsDataCountsRequestsAndOrders() {
    WebClient staff = staff();
    long id = api.createProduct(admin, "OPS-1", 1_000, 10);
    api.checkout(api.cartWith(id, 1), "tok_visa");

    WebClient.Page data = staff.get("/admin/ops/data");
    assertThat(data.header("Content-Type")).startsWith("application/json");
    assertThat(data.body())
        .contains("\"requests\":")
        .contains("\"p99Ms\":")
        .contains("\"outboxBacklog\":")
        .containsPattern("\"ordersPlaced\":[1-9]");
    assertThat(staff.get("/admin/metrics").body())
        .contains("http_server_requests_seconds_bucket")
        .contains("securecart_orders_placed_total")
        .contains("securecart_outbox_backlog");
    assertThat(api.get("/api/products/" + id).header("Server-Timing")).startsWith("app;dur=");
  }
}
