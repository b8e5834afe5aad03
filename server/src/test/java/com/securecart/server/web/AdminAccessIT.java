package com.securecart.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.server.http.RouteTable;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.testing.WebClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every staff route and page, as the server registered them (not a list kept by hand), refuses
 * guests and customers, whatever the method: the API with 401/403 problem+json, the pages with a
 * sign-in redirect or the 403 page; a refused POST, PUT or DELETE changes nothing in the database.
 * A staff route added outside the staff-only filter's protection fails here.
 */
class AdminAccessIT {
  private static final Pattern TEMPLATE_VARIABLE = Pattern.compile("\\{([^}/]+)}");
  private static final String PROBLEMS = "https://securecart.dev/problems/";
  private static final String SKU = "GUARDED-1";

  private static TestApp app;
  private static Api api;
  private static String admin;
  private static String customer;
  private static long productId;
  private static WebClient guestWeb;
  private static String guestCsrf;
  private static WebClient customerWeb;
  private static String customerCsrf;
  private static WebClient staffWeb;

  @BeforeAll
  static void start() {
    app = TestApp.start(Engine.H2);
    api = app.api();
    admin = app.adminToken();
    productId = api.createProduct(admin, SKU, 1_000, 5);
    customer = api.newCustomer("not-staff@example.com");
    guestWeb = new WebClient(api.base());
    guestCsrf = guestWeb.get("/signin").csrf();
    customerWeb = new WebClient(api.base());
    customerWeb.signIn("not-staff@example.com", "correct horse battery");
    customerCsrf = customerWeb.get("/").csrf();
    staffWeb = new WebClient(api.base());
    assertThat(staffWeb.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD).status())
        .isEqualTo(303);
    // Whatever the set-up started in the background (a welcome e-mail) is done before the
    // database is compared around each refused request.
    List<Map<String, List<String>>> last = new ArrayList<>(List.of(Map.of()));
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              Map<String, List<String>> now = fingerprint();
              boolean settled = now.equals(last.getFirst());
              last.set(0, now);
              return settled;
            });
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A route under a staff prefix, read literally: this test does not share the filter's rule. */
  private static boolean staffPath(String path) {
    return path.equals("/admin")
        || path.startsWith("/admin/")
        || path.equals("/api/admin")
        || path.startsWith("/api/admin/");
  }

  private static List<RouteTable.Route> staffRoutes() {
    return app.app().routes().stream().filter(r -> staffPath(r.path())).toList();
  }

  /**
   * The staff pages open without a staff session, listed literally: signing in (password, then the
   * code) and accepting an invitation. They are still only on the admin host (AdminHostIT).
   */
  private static final List<String> OPEN_PAGES =
      List.of("/admin/login", "/admin/login/code", "/admin/invitation");

  private static List<RouteTable.Route> staffPages() {
    return app.app().pages().stream()
        .filter(r -> staffPath(r.path()) && !OPEN_PAGES.contains(r.path()))
        .toList();
  }

  @Test
  void everyRouteThatSoundsLikeStaffIsUnderAStaffPrefix() {
    List<RouteTable.Route> all = new ArrayList<>(app.app().routes());
    all.addAll(app.app().pages());
    assertThat(all)
        .filteredOn(r -> r.path().toLowerCase(Locale.ROOT).contains("admin"))
        .as("routes naming admin outside /admin and /api/admin, which the filter does not cover")
        .allMatch(r -> staffPath(r.path()));
    // Not vacuous: the staff API and dashboard are there, with their detail pages and forms.
    assertThat(staffRoutes())
        .contains(
            new RouteTable.Route("GET", "/api/admin/products/{id}"),
            new RouteTable.Route("PUT", "/api/admin/inventory/{sku}"),
            new RouteTable.Route("POST", "/api/admin/analytics/nightly"));
    assertThat(staffPages())
        .contains(
            new RouteTable.Route("GET", "/admin"),
            new RouteTable.Route("GET", "/admin/orders/{id}"),
            new RouteTable.Route("GET", "/admin/mail/{id}/html"),
            new RouteTable.Route("POST", "/admin/products/{id}/deactivate"),
            new RouteTable.Route("POST", "/admin/analytics/run"),
            new RouteTable.Route("POST", "/admin/staff/{id}/disable"));
    assertThat(app.app().pages())
        .filteredOn(r -> OPEN_PAGES.contains(r.path()))
        .as("the open pages exist, so that leaving them out above hides nothing else")
        .hasSize(5);
  }

  @Test
  void everyStaffApiRouteRefusesGuestsAndCustomers() throws SQLException {
    SoftAssertions softly = new SoftAssertions();
    for (RouteTable.Route route : staffRoutes()) {
      String path = concrete(route.path());
      Object body = jsonBody(route);
      String name = route.method() + " " + path;
      Map<String, List<String>> before = mutating(route) ? fingerprint() : null;

      Api.Response guest = api.send(route.method(), path, body);
      softly.assertThat(guest.status()).as(name + " as a guest").isEqualTo(401);
      softly.assertThat(guest.contentType()).as(name + " as a guest").contains("problem+json");
      softly.assertThat(guest.problemType()).as(name).isEqualTo(PROBLEMS + "unauthenticated");

      Api.Response stale =
          api.send(route.method(), path, body, Api.bearer("no-such-session-token-0000"));
      softly.assertThat(stale.status()).as(name + " with an unknown token").isEqualTo(401);

      Api.Response customerCall = api.send(route.method(), path, body, Api.bearer(customer));
      softly.assertThat(customerCall.status()).as(name + " as a customer").isEqualTo(403);
      softly.assertThat(customerCall.problemType()).as(name).isEqualTo(PROBLEMS + "forbidden");

      if (before != null) {
        softly
            .assertThat(changed(before, fingerprint()))
            .as(name + " refused, yet changed these tables")
            .isEmpty();
      } else {
        // The filter lets an admin through, and the handler finds its admin.
        int status = api.send(route.method(), path, body, Api.bearer(admin)).status();
        softly.assertThat(status).as(name + " as an admin").isNotIn(401, 403).isLessThan(500);
      }
    }
    softly.assertAll();
  }

  @Test
  void everyStaffPageRefusesGuestsAndCustomers() throws SQLException {
    SoftAssertions softly = new SoftAssertions();
    for (RouteTable.Route route : staffPages()) {
      String path = concrete(route.path());
      String name = route.method() + " " + path;
      Map<String, List<String>> before = mutating(route) ? fingerprint() : null;

      WebClient.Page guest = page(guestWeb, route.method(), path, guestCsrf);
      softly.assertThat(guest.status()).as(name + " as a guest").isEqualTo(303);
      softly
          .assertThat(guest.header("Location"))
          .as(name + " as a guest")
          .isEqualTo("/admin/login?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8));

      // With a valid CSRF token: the refusal is the staff check's, not the form check's.
      WebClient.Page customerPage = page(customerWeb, route.method(), path, customerCsrf);
      softly.assertThat(customerPage.status()).as(name + " as a customer").isEqualTo(403);
      softly.assertThat(customerPage.body()).as(name + " as a customer").contains("Staff only");

      if (before != null) {
        softly
            .assertThat(changed(before, fingerprint()))
            .as(name + " refused, yet changed these tables")
            .isEmpty();
      } else {
        WebClient.Page staff = staffWeb.get(path);
        softly.assertThat(staff.status()).as(name + " as staff").isNotIn(401, 403).isLessThan(500);
        softly
            .assertThat(String.valueOf(staff.header("Location")))
            .as(name + " as staff")
            .doesNotStartWith("/signin");
      }
    }
    softly.assertAll();
  }

  @Test
  void everyMethodAndSpellingOfAStaffPathIsRefused() throws IOException {
    SoftAssertions softly = new SoftAssertions();
    for (String method : List.of("GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH")) {
      softly.assertThat(raw(method, "/admin/orders")).as(method + " /admin/orders").isEqualTo(303);
      softly
          .assertThat(raw(method, "/api/admin/orders"))
          .as(method + " /api/admin/orders")
          .isEqualTo(401);
    }
    // Spellings a router might take for a staff path: refused, or at worst not found.
    for (String path :
        List.of(
            "/admin",
            "/admin/",
            "/admin/no-such-page",
            "//admin/orders",
            "/admin//orders",
            "/%61dmin/orders",
            "/admin/%6frders",
            "/admin%2Forders",
            "/./admin/orders",
            "/x/../admin/orders",
            "/admin;x/orders",
            "/ADMIN/orders",
            "/admin/orders/",
            "/admin/products/" + productId + "/edit/")) {
      softly.assertThat(raw("GET", path)).as("GET " + path).isEqualTo(303);
    }
    for (String path :
        List.of(
            "/api/admin",
            "/api/admin/",
            "/api/admin/no-such-route",
            "//api/admin/orders",
            "/api//admin/orders",
            "/api/%61dmin/orders",
            "/api/admin%2Forders",
            "/api/./admin/orders",
            "/api/x/../admin/orders",
            "/api/admin;x/orders",
            "/API/ADMIN/orders")) {
      softly.assertThat(raw("GET", path)).as("GET " + path).isEqualTo(401);
    }
    // Only the staff prefixes: a path that merely starts with the same letters is not staff's.
    softly.assertThat(raw("GET", "/administrator")).as("/administrator").isEqualTo(404);
    softly.assertThat(raw("GET", "/api/adminfoo")).as("/api/adminfoo").isEqualTo(404);
    softly.assertThat(raw("GET", "/adminfoo/orders")).as("/adminfoo/orders").isEqualTo(404);
    softly.assertAll();
  }

  @Test
  void theStaffHandlersKnowTheirAdminWithoutAskingAgain() {
    // The order page reads its admin from the request context (a missing one would be a 500),
    // and the admin's own read is scoped like any other: an unknown order is a 404.
    assertThat(staffWeb.get("/admin/orders/999999").status()).isEqualTo(404);
    assertThat(staffWeb.get("/admin").header("Location")).isEqualTo("/admin/orders");
  }

  /** A route's path with every variable filled with a sample value (a real product's). */
  private static String concrete(String template) {
    Matcher m = TEMPLATE_VARIABLE.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = m.group(1).equals("sku") ? SKU : Long.toString(productId);
      m.appendReplacement(out, value);
    }
    m.appendTail(out);
    return out.toString();
  }

  private static boolean mutating(RouteTable.Route route) {
    return !route.method().equals("GET");
  }

  /** A body the route would act on if it let the caller through. */
  private static Object jsonBody(RouteTable.Route route) {
    Map<String, Object> body = new LinkedHashMap<>();
    switch (route.method() + " " + route.path()) {
      case "POST /api/admin/products", "PUT /api/admin/products/{id}" -> {
        body.put("sku", route.method().equals("POST") ? "GUARDED-NEW" : SKU);
        body.put("name", "Renamed by an intruder");
        body.put("description", "d");
        body.put("brand", "b");
        body.put("category", "c");
        body.put("priceCents", 1);
        body.put("currency", "EUR");
        if (route.method().equals("POST")) {
          body.put("stock", 3);
        } else {
          body.put("active", false);
        }
      }
      case "PUT /api/admin/inventory/{sku}" -> body.put("onHand", 0);
      case "POST /api/admin/sales" -> {
        body.put("sku", SKU);
        body.put("perCustomerLimit", 1);
        body.put("startsAt", "2026-01-01T00:00:00Z");
        body.put("endsAt", "2099-01-01T00:00:00Z");
      }
      default -> {
        return route.method().equals("GET") ? null : body;
      }
    }
    return body;
  }

  /** Sends a page request; a POST carries a form every staff form would accept, and the token. */
  private static WebClient.Page page(WebClient web, String method, String path, String csrf) {
    return switch (method) {
      case "GET" -> web.get(path, "Accept", "text/html");
      case "POST" -> {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("_csrf", csrf);
        form.put("onHand", "0");
        form.put("sku", "GUARDED-FORM");
        form.put("name", "Renamed by an intruder");
        form.put("description", "d");
        form.put("brand", "b");
        form.put("category", "c");
        form.put("price", "0.01");
        form.put("currency", "EUR");
        form.put("stock", "3");
        form.put("attributes", "");
        form.put("imageUrl", "");
        form.put("date", LocalDate.now(ZoneOffset.UTC).minusDays(1).toString());
        yield web.post(path, form, "Accept", "text/html");
      }
      default -> throw new AssertionError("no page test for " + method + " " + path);
    };
  }

  /**
   * The application's tables and their rows, as text in a stable order (Flyway's history aside). A
   * refused request must leave every one as it was.
   */
  private static Map<String, List<String>> fingerprint() throws SQLException {
    Map<String, List<String>> tables = new TreeMap<>();
    try (Connection c = app.app().contexts().database().dataSource().getConnection();
        Statement s = c.createStatement()) {
      List<String> names = new ArrayList<>();
      try (ResultSet t = c.getMetaData().getTables(null, "public", "%", null)) {
        while (t.next()) {
          String table = t.getString("TABLE_NAME");
          if (t.getString("TABLE_TYPE").contains("TABLE")
              && !table.equalsIgnoreCase("flyway_schema_history")) {
            names.add(table);
          }
        }
      }
      assertThat(names).as("application tables").contains("products", "inventory", "sales");
      for (String table : names) {
        List<String> rows = new ArrayList<>();
        try (ResultSet r = s.executeQuery("SELECT * FROM " + table)) {
          int columns = r.getMetaData().getColumnCount();
          while (r.next()) {
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= columns; i++) {
              row.append(r.getString(i)).append('|');
            }
            rows.add(row.toString());
          }
        }
        rows.sort(null);
        tables.put(table, rows);
      }
    }
    return tables;
  }

  /** The tables whose rows differ, with their rows after. */
  private static Map<String, List<String>> changed(
      Map<String, List<String>> before, Map<String, List<String>> after) {
    Map<String, List<String>> changed = new TreeMap<>();
    after.forEach(
        (table, rows) -> {
          if (!rows.equals(before.get(table))) {
            changed.put(table, rows);
          }
        });
    return changed;
  }

  /** The status of a request sent as written, byte for byte (no client-side normalising). */
  private static int raw(String method, String path) throws IOException {
    URI base = URI.create(api.base());
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String request =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/html\r\nContent-Length: 0\r\n"
              + "Connection: close\r\n\r\n";
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        line.append((char) b);
      }
      String[] parts = line.toString().split(" ");
      if (parts.length < 2) {
        throw new IOException("no status line for " + method + " " + path + ": " + line);
      }
      return Integer.parseInt(parts[1]);
    }
  }
}
