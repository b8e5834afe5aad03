package com.securecart.server.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.testing.WebClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Recommendations over HTTP, trained from orders the pipeline confirmed. */
class RecommendationsIT {
  private static TestApp app;
  private static Api api;
  private static String admin;
  private static long a;
  private static long b;
  private static long soldOut;
  private static long retired;
  private static long other;
  private static String loner;

  @BeforeAll
  static void start() {
    app = TestApp.start(Engine.H2);
    api = app.api();
    admin = app.adminToken();
    a = api.createProduct(admin, "REC-A", 1_000, 100);
    b = api.createProduct(admin, "REC-B", 1_000, 100);
    soldOut = api.createProduct(admin, "REC-SOLD-OUT", 1_000, 100);
    retired = api.createProduct(admin, "REC-RETIRED", 1_000, 100);
    other = api.createProduct(admin, "REC-OTHER", 1_000, 100);
    buy(api.newCustomer("rec1@example.com"), a, b, soldOut, retired);
    buy(api.newCustomer("rec2@example.com"), a, b);
    buy(api.newCustomer("rec3@example.com"), a, soldOut, retired);
    loner = api.newCustomer("rec4@example.com");
    buy(loner, other);
    app.app().contexts().recommendations().retrain();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void alsoBoughtListsCoPurchasesButNeverTheProductItselfOrWhatCannotBeSold() {
    assertThat(ids(api.get("/api/recommendations/products/" + a)))
        .contains(b, soldOut, retired)
        .doesNotContain(a, other);

    assertThat(
            api.put("/api/admin/inventory/REC-SOLD-OUT", Map.of("onHand", 0), Api.bearer(admin))
                .status())
        .isEqualTo(200);
    assertThat(
            api.put("/api/admin/products/" + retired, retiredProduct(), Api.bearer(admin)).status())
        .isEqualTo(200);

    assertThat(ids(api.get("/api/recommendations/products/" + a))).containsExactly(b);
    assertThat(ids(api.get("/api/recommendations/products/" + b + "?limit=1"))).hasSize(1);
  }

  @Test
  void aNewProductGetsTheBestSellersOfItsCategory() {
    long fresh = api.createProduct(admin, "REC-NEW", 1_000, 10);

    // Every product here is in category "Testing"; REC-A was bought by the most customers.
    assertThat(ids(api.get("/api/recommendations/products/" + fresh)))
        .contains(a)
        .doesNotContain(fresh);
  }

  @Test
  void recommendedForMeNeverRepeatsAPurchaseAndNeedsASignIn() {
    List<Long> mine = ids(api.get("/api/recommendations/me", Api.bearer(loner)));
    assertThat(mine).isNotEmpty().doesNotContain(other);
    assertThat(api.get("/api/recommendations/me").status()).isEqualTo(401);
  }

  @Test
  void productAndAccountPagesShowRecommendations() {
    WebClient browser = new WebClient(api.base());
    assertThat(browser.get("/products/" + b).body())
        .contains("Customers who bought this also bought", "Product REC-A");

    WebClient.Page page = browser.get("/products/" + b);
    browser.submit(page, "/cart/items", Map.of("productId", String.valueOf(b), "quantity", "1"));
    String cart = browser.get("/cart").body();
    assertThat(cart).contains("You may also like");
    assertThat(cart.substring(cart.indexOf("You may also like"))).contains("Product REC-A");

    browser.signIn("rec4@example.com", "correct horse battery");
    String account = browser.get("/account/orders").body();
    assertThat(account).contains("Recommended for you");
    assertThat(account.substring(account.indexOf("Recommended for you")))
        .doesNotContain("Product REC-OTHER");
  }

  @Test
  void badInputGetsAClearAnswer() {
    assertThat(api.get("/api/recommendations/products/" + a + "?limit=0").status()).isEqualTo(400);
    assertThat(api.get("/api/recommendations/products/" + a + "?limit=51").status()).isEqualTo(400);
    assertThat(api.get("/api/recommendations/products/" + a + "?limit=x").status()).isEqualTo(400);
    assertThat(api.get("/api/recommendations/products/999999999").status()).isEqualTo(404);
    assertThat(api.get("/api/recommendations/products/abc").status()).isIn(400, 404);
  }

  /** REC-RETIRED as created, now inactive (an update names every field). */
  private static Map<String, Object> retiredProduct() {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("sku", "REC-RETIRED");
    body.put("name", "Product REC-RETIRED");
    body.put("description", "A test product");
    body.put("brand", "Acme");
    body.put("category", "Testing");
    body.put("priceCents", 1_000);
    body.put("currency", "EUR");
    body.put("active", false);
    return body;
  }

  private static void buy(String token, long... products) {
    String cart = api.cartWith(products[0], 1, Api.bearer(token));
    for (int i = 1; i < products.length; i++) {
      api.put(
          "/api/carts/" + cart + "/items/" + products[i], Map.of("quantity", 1), Api.bearer(token));
    }
    Api.Response placed = api.checkout(cart, "tok_visa", Api.bearer(token));
    assertThat(placed.status()).isEqualTo(201);
    String path = "/api/orders/" + placed.json().get("orderId").asLong();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "CONFIRMED".equals(api.get(path, Api.bearer(token)).json().get("status").asText()));
  }

  private static List<Long> ids(Api.Response response) {
    assertThat(response.status()).isEqualTo(200);
    List<Long> out = new ArrayList<>();
    for (JsonNode item : response.json().get("items")) {
      out.add(item.get("id").asLong());
    }
    return out;
  }
}
