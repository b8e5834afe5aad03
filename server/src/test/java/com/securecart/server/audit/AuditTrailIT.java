package com.securecart.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.server.http.RouteTable;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.testing.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 3: every staff write leaves an audit entry with its actor, the fields before and
 * after, the client address and the trace id; the audit page filters, and its CSV export cannot run
 * formulas. Before the audit trail, staff changes left nothing behind.
 */
class AuditTrailIT {
  private static final String TRACE_ID = "[0-9a-f]{32}";

  private static TestApp app;
  private static Api api;
  private static String admin;
  private static WebClient staffWeb;

  @BeforeAll
  static void start() {
    app = TestApp.start(Engine.H2);
    api = app.api();
    admin = app.adminToken();
    staffWeb = new WebClient(api.base());
    assertThat(staffWeb.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD).status())
        .isEqualTo(303);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aPriceChangeThroughTheJsonApiIsRecordedWithActorBeforeAfterAddressAndTrace() {
    long id = api.createProduct(admin, "AUDIT-API-1", 1_999, 3);

    Api.Response put =
        api.put("/api/admin/products/" + id, product("AUDIT-API-1", 2_499), Api.bearer(admin));
    assertThat(put.status()).isEqualTo(200);

    JsonNode entry = only("/api/admin/audit?action=product.price.changed&targetId=" + id);
    assertThat(entry.get("actorEmail").asText()).isEqualTo(TestApp.ADMIN_EMAIL);
    assertThat(entry.get("actorId").asLong()).isPositive();
    assertThat(entry.get("targetType").asText()).isEqualTo("product");
    assertThat(entry.get("before").get("priceCents").asText()).isEqualTo("1999");
    assertThat(entry.get("after").get("priceCents").asText()).isEqualTo("2499");
    // Only what changed: the name stayed, so it is in neither.
    assertThat(entry.get("before").has("name")).isFalse();
    assertThat(entry.get("clientAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(entry.get("traceId").asText()).matches(TRACE_ID);
    assertThat(Instant.parse(entry.get("at").asText()))
        .isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(5, ChronoUnit.MINUTES));
  }

  @Test
  void aPriceChangeThroughTheAdminPageIsRecordedToo() {
    long id = api.createProduct(admin, "AUDIT-WEB-1", 1_000, 3);
    WebClient.Page form = staffWeb.get("/admin/products/" + id + "/edit");
    Map<String, String> fields = productForm("AUDIT-WEB-1", "Product AUDIT-WEB-1", "12.50");
    fields.put("active", "on");

    WebClient.Page saved = staffWeb.submit(form, "/admin/products/" + id, fields);
    assertThat(saved.status()).isEqualTo(303);

    JsonNode entry = only("/api/admin/audit?action=product.price.changed&targetId=" + id);
    assertThat(entry.get("actorEmail").asText()).isEqualTo(TestApp.ADMIN_EMAIL);
    assertThat(entry.get("before").get("priceCents").asText()).isEqualTo("1000");
    assertThat(entry.get("after").get("priceCents").asText()).isEqualTo("1250");
    assertThat(entry.get("clientAddress").asText()).isEqualTo("127.0.0.1");
    assertThat(entry.get("traceId").asText()).matches(TRACE_ID);
  }

  @Test
  void aRefusedChangeLeavesNoEntry() {
    long id = api.createProduct(admin, "AUDIT-REFUSED", 1_000, 3);
    Api.Response refused =
        api.put("/api/admin/products/" + id, product("OTHER-SKU", 5), Api.bearer(admin));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(entries("/api/admin/audit?targetType=product&targetId=" + id))
        .extracting(e -> e.get("action").asText())
        .containsExactly("product.created");
  }

  /**
   * The guardrail: every staff write route the server registers is listed here with a request that
   * exercises it, and each leaves an entry. A new staff write route fails this test until it is
   * recorded and listed.
   */
  @Test
  void everyStaffWriteRouteLeavesAnAuditEntry() {
    long productId = api.createProduct(admin, "AUDIT-ALL-1", 1_000, 5);
    long webProduct = api.createProduct(admin, "AUDIT-ALL-2", 1_000, 5);
    String yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString();
    Map<RouteTable.Route, Write> writes = new LinkedHashMap<>();
    writes.put(
        route("POST", "/api/admin/products"),
        new Write(
            "product.created",
            () ->
                api.post("/api/admin/products", newProduct("AUDIT-ALL-3"), Api.bearer(admin))
                    .status()));
    writes.put(
        route("PUT", "/api/admin/products/{id}"),
        new Write(
            "product.price.changed",
            () ->
                api.put(
                        "/api/admin/products/" + productId,
                        product("AUDIT-ALL-1", 1_100),
                        Api.bearer(admin))
                    .status()));
    writes.put(
        route("PUT", "/api/admin/inventory/{sku}"),
        new Write(
            "stock.set",
            () ->
                api.put("/api/admin/inventory/AUDIT-ALL-1", Map.of("onHand", 9), Api.bearer(admin))
                    .status()));
    writes.put(
        route("POST", "/api/admin/sales"),
        new Write(
            "sale.created",
            () ->
                api.post(
                        "/api/admin/sales",
                        Map.of(
                            "sku",
                            "AUDIT-ALL-1",
                            "perCustomerLimit",
                            2,
                            "startsAt",
                            Instant.now().toString(),
                            "endsAt",
                            Instant.now().plus(1, ChronoUnit.DAYS).toString()),
                        Api.bearer(admin))
                    .status()));
    writes.put(
        route("POST", "/api/admin/analytics/nightly"),
        new Write(
            "analytics.nightly.requested",
            () ->
                api.post("/api/admin/analytics/nightly?date=" + yesterday, null, Api.bearer(admin))
                    .status()));
    writes.put(
        route("POST", "/admin/products"),
        new Write(
            "product.created",
            () -> {
              Map<String, String> f = productForm("AUDIT-ALL-4", "Made on the page", "3.00");
              f.put("stock", "2");
              return staffWeb
                  .submit(staffWeb.get("/admin/products/new"), "/admin/products", f)
                  .status();
            }));
    writes.put(
        route("POST", "/admin/products/{id}"),
        new Write(
            "product.updated",
            () -> {
              Map<String, String> f = productForm("AUDIT-ALL-2", "Renamed on the page", "10.00");
              f.put("active", "on");
              return staffWeb
                  .submit(
                      staffWeb.get("/admin/products/" + webProduct + "/edit"),
                      "/admin/products/" + webProduct,
                      f)
                  .status();
            }));
    writes.put(
        route("POST", "/admin/products/{id}/deactivate"),
        new Write(
            "product.deactivated",
            () ->
                staffWeb
                    .submit(
                        staffWeb.get("/admin/products/" + webProduct + "/edit"),
                        "/admin/products/" + webProduct + "/deactivate",
                        Map.of())
                    .status()));
    writes.put(
        route("POST", "/admin/inventory/{sku}"),
        new Write(
            "stock.set",
            () ->
                staffWeb
                    .submit(
                        staffWeb.get("/admin/inventory"),
                        "/admin/inventory/AUDIT-ALL-2",
                        Map.of("onHand", "4"))
                    .status()));
    writes.put(
        route("POST", "/admin/analytics/run"),
        new Write(
            "analytics.nightly.requested",
            () ->
                staffWeb
                    .submit(
                        staffWeb.get("/admin/analytics"),
                        "/admin/analytics/run",
                        Map.of("date", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString()))
                    .status()));

    List<RouteTable.Route> registered = new ArrayList<>(app.app().routes());
    registered.addAll(app.app().pages());
    TreeSet<String> staffWrites =
        registered.stream()
            .filter(r -> !r.method().equals("GET") && !r.method().equals("HEAD"))
            .filter(r -> r.path().startsWith("/admin/") || r.path().startsWith("/api/admin/"))
            .map(r -> r.method() + " " + r.path())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(writes.keySet().stream().map(r -> r.method() + " " + r.path()).toList())
        .as("staff write routes the server registers; list each here with its audit action")
        .containsExactlyInAnyOrderElementsOf(staffWrites);

    for (Map.Entry<RouteTable.Route, Write> w : writes.entrySet()) {
      String name = w.getKey().method() + " " + w.getKey().path();
      long before = total();
      int status = w.getValue().request().get();
      assertThat(status).as(name).isBetween(200, 303);
      assertThat(total()).as(name + " recorded one entry").isEqualTo(before + 1);
      JsonNode newest = entries("/api/admin/audit?size=1").getFirst();
      assertThat(newest.get("action").asText()).as(name).isEqualTo(w.getValue().action());
      assertThat(newest.get("actorEmail").asText()).as(name).isEqualTo(TestApp.ADMIN_EMAIL);
    }
  }

  @Test
  void theAuditPageFiltersAndItsCsvCannotRunFormulas() {
    long id = api.createProduct(admin, "AUDIT-CSV-1", 1_000, 1);
    Map<String, Object> body = product("AUDIT-CSV-1", 1_000);
    body.put("name", "=HYPERLINK(\"https://evil.example\",\"x\")");
    assertThat(api.put("/api/admin/products/" + id, body, Api.bearer(admin)).status())
        .isEqualTo(200);

    WebClient.Page filtered =
        staffWeb.get("/admin/audit?action=product.updated&targetType=product&targetId=" + id);
    assertThat(filtered.status()).isEqualTo(200);
    assertThat(filtered.body()).contains("product.updated").doesNotContain("product.created");
    WebClient.Page byActor =
        staffWeb.get(
            "/admin/audit?actor="
                + URLEncoder.encode("someone-else@example.com", StandardCharsets.UTF_8));
    assertThat(byActor.body()).contains("No entries.");
    JsonNode mine =
        only(
            "/api/admin/audit?action=product.updated&targetId="
                + id
                + "&actor="
                + URLEncoder.encode(TestApp.ADMIN_EMAIL.toUpperCase(), StandardCharsets.UTF_8));
    assertThat(mine.get("after").get("name").asText()).startsWith("=HYPERLINK");
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    assertThat(staffWeb.get("/admin/audit?from=" + today + "&to=" + today).body())
        .contains("AUDIT-CSV-1");
    assertThat(
            staffWeb
                .get("/admin/audit?targetId=" + id + "&to=" + LocalDate.now().minusDays(3))
                .body())
        .contains("No entries.");

    WebClient.Page csv = staffWeb.get("/admin/audit.csv?targetType=product&targetId=" + id);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    List<String> lines = csv.body().lines().toList();
    assertThat(lines.getFirst()).startsWith("id,at,actor_id,actor_email,action");
    // The update changed one field (the name), the creation set eleven: a row per field.
    assertThat(lines).hasSize(1 + 1 + 11);
    String renamed = lines.get(1);
    assertThat(renamed)
        .contains("\"product.updated\"", "\"name\"", "\"Product AUDIT-CSV-1\"")
        // The typed formula is defused: quoted, and prefixed so that no spreadsheet runs it.
        .contains(",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\",")
        .doesNotContain(",\"=HYPERLINK");
  }

  private record Write(String action, Supplier<Integer> request) {}

  private static RouteTable.Route route(String method, String path) {
    return new RouteTable.Route(method, path);
  }

  private static long total() {
    return api.get("/api/admin/audit?size=1", Api.bearer(admin)).json().get("total").asLong();
  }

  private static JsonNode only(String path) {
    List<JsonNode> items = entries(path);
    assertThat(items).hasSize(1);
    return items.getFirst();
  }

  private static List<JsonNode> entries(String path) {
    Api.Response r = api.get(path, Api.bearer(admin));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<JsonNode> items = new ArrayList<>();
    r.json().get("items").forEach(items::add);
    return items;
  }

  private static Map<String, Object> newProduct(String sku) {
    Map<String, Object> body = product(sku, 500);
    body.remove("active");
    body.put("stock", 1);
    return body;
  }

  private static Map<String, Object> product(String sku, long priceCents) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sku", sku);
    body.put("name", "Product " + sku.replace("OTHER-SKU", "AUDIT-REFUSED"));
    body.put("description", "A test product");
    body.put("brand", "Acme");
    body.put("category", "Testing");
    body.put("priceCents", priceCents);
    body.put("currency", "EUR");
    return body;
  }

  private static Map<String, String> productForm(String sku, String name, String price) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("sku", sku);
    f.put("name", name);
    f.put("description", "A test product");
    f.put("brand", "Acme");
    f.put("category", "Testing");
    f.put("price", price);
    f.put("currency", "EUR");
    f.put("imageUrl", "");
    f.put("attributes", "");
    return f;
  }
}
