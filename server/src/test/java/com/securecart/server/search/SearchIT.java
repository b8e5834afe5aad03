package com.securecart.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Search through the HTTP API: near-real-time updates from the change log, and bad input. */
class SearchIT {
  private static TestApp app;
  private static Api api;
  private static String admin;

  @BeforeAll
  static void start() {
    app = TestApp.start(Engine.H2);
    api = app.api();
    admin = app.adminToken();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aProductChangedThroughTheAdminApiIsFoundWithinOneSecond() {
    long id = api.createProduct(admin, "SEARCH-KETTLE", 3_999, 5);
    Api.Response renamed =
        api.put(
            "/api/admin/products/" + id,
            product("SEARCH-KETTLE", "Zephyrine Copper Kettle", true),
            Api.bearer(admin));
    assertThat(renamed.status()).isEqualTo(200);

    Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> total("zephyrine") == 1);
    JsonNode hit = search("q=zephyrine").get("hits").get(0);
    assertThat(hit.get("id").asLong()).isEqualTo(id);
    assertThat(hit.get("available").asInt()).isEqualTo(5);

    api.put(
        "/api/admin/products/" + id,
        product("SEARCH-KETTLE", "Zephyrine Copper Kettle", false),
        Api.bearer(admin));
    Awaitility.await().atMost(Duration.ofSeconds(1)).until(() -> total("zephyrine") == 0);
  }

  @Test
  void stockChangesReachTheInStockFilterWithinOneSecond() {
    long id = api.createProduct(admin, "SEARCH-QUOKKA", 1_500, 1);
    api.put(
        "/api/admin/products/" + id,
        product("SEARCH-QUOKKA", "Quokkamatic Blender", true),
        Api.bearer(admin));
    Awaitility.await()
        .atMost(Duration.ofSeconds(1))
        .until(() -> search("q=quokkamatic&inStock=true").get("total").asLong() == 1);

    Api.Response placed = api.checkout(api.cartWith(id, 1), "tok_visa");
    assertThat(placed.status()).isEqualTo(201);
    Awaitility.await()
        .atMost(Duration.ofSeconds(1))
        .until(() -> search("q=quokkamatic&inStock=true").get("total").asLong() == 0);
    assertThat(search("q=quokkamatic").get("total").asLong()).isEqualTo(1);
  }

  @Test
  void anyTextGetsResultsOrA400() {
    for (String q :
        new String[] {
          "",
          "\"foo AND (bar OR baz)^3 title:x* ~2 \\ / [a TO b] {}",
          "😀 مرحبا ̈",
          "*",
          "?",
          "-",
          "\u200b"
        }) {
      Api.Response r = api.get("/api/search?q=" + URLEncoder.encode(q, StandardCharsets.UTF_8));
      assertThat(r.status()).as(q).isEqualTo(200);
    }
    Api.Response tooLong = api.get("/api/search?q=" + "a".repeat(10_000));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(api.get("/api/search?sort=cheapest").status()).isEqualTo(400);
    assertThat(api.get("/api/search?inStock=maybe").status()).isEqualTo(400);
    assertThat(api.get("/api/search?minPrice=9&maxPrice=1").status()).isEqualTo(400);
    assertThat(api.get("/api/search/suggest?q=" + "b".repeat(5_000)).status()).isEqualTo(200);
  }

  private static long total(String q) {
    return search("q=" + q).get("total").asLong();
  }

  private static JsonNode search(String query) {
    Api.Response r = api.get("/api/search?" + query);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static Map<String, Object> product(String sku, String name, boolean active) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sku", sku);
    body.put("name", name);
    body.put("description", "A product for search tests");
    body.put("brand", "Acme");
    body.put("category", "Testing");
    body.put("priceCents", 3_999);
    body.put("currency", "EUR");
    body.put("active", active);
    return body;
  }
}
