package com.securecart.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.shared.Hashing;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Carts, checkout and orders through the HTTP API, including what a client must not be able to do.
 */
class CartCheckoutOrdersIT {
  private static TestApp app;
  private static Api api;
  private static String admin;
  private static long cheap;
  private static long pricey;

  @BeforeAll
  static void start() {
    app = TestApp.start(Engine.H2);
    api = app.api();
    admin = app.adminToken();
    cheap = api.createProduct(admin, "CART-CHEAP", 1_000, 500);
    pricey = api.createProduct(admin, "CART-PRICEY", 60_000, 500);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void guestCartPricesComeFromTheCatalog() {
    String cart = api.cartWith(cheap, 3);
    Api.Response view = api.get("/api/carts/" + cart);
    assertThat(view.json().get("subtotalCents").asLong()).isEqualTo(3_000);
    assertThat(view.json().get("itemCount").asInt()).isEqualTo(3);

    Map<String, Object> withPrice = new LinkedHashMap<>(Map.of("quantity", 1));
    withPrice.put("priceCents", 1);
    Api.Response forged = api.put("/api/carts/" + cart + "/items/" + cheap, withPrice);
    assertThat(forged.status()).isEqualTo(400);
    assertThat(forged.json().get("errors").get("priceCents")).isNotNull();

    assertThat(
            api.put("/api/carts/" + cart + "/items/" + cheap, Map.of("quantity", 0))
                .json()
                .get("lines"))
        .isEmpty();
    assertThat(api.delete("/api/carts/" + cart + "/items/" + cheap).status()).isEqualTo(200);
  }

  @Test
  void quantitiesAreBoundedAndTyped() {
    String cart = api.post("/api/carts", null).json().get("id").asText();
    String line = "/api/carts/" + cart + "/items/" + cheap;
    assertThat(api.put(line, Map.of("quantity", 100)).status()).isEqualTo(400);
    assertThat(api.put(line, Map.of("quantity", -1)).status()).isEqualTo(400);
    assertThat(api.put(line, "{\"quantity\": 1.5}").status()).isEqualTo(400);
    assertThat(api.put(line, "{\"quantity\": \"2\"}").status()).isEqualTo(400);
    assertThat(api.put(line, "{\"quantity\": 99999999999999999999}").status()).isEqualTo(400);
    assertThat(api.put(line, "{}").status()).isEqualTo(400);
    assertThat(api.put(line, "{\"quantity\": 1").status()).isEqualTo(400);
    assertThat(api.put(line, "[1]").status()).isEqualTo(400);
    assertThat(api.put(line, "").status()).isEqualTo(400);
    assertThat(api.put(line, Map.of("quantity", 99)).status()).isEqualTo(200);
    assertThat(api.put("/api/carts/" + cart + "/items/999999", Map.of("quantity", 1)).status())
        .isEqualTo(404);
    assertThat(api.get("/api/carts/" + cart).json().get("itemCount").asInt()).isEqualTo(99);
  }

  @Test
  void theCartSecretTravelsInAHeaderAndThePathFormIsDeprecated() {
    String cart = api.post("/api/carts", null).json().get("id").asText();
    Api.Response added =
        api.put("/api/cart/items/" + cheap, Map.of("quantity", 2), "X-Cart-Secret", cart);
    assertThat(added.status()).isEqualTo(200);
    assertThat(added.header("Deprecation")).isNull();
    assertThat(api.get("/api/cart", "X-Cart-Secret", cart).json().get("itemCount").asInt())
        .isEqualTo(2);
    // No secret: a client error that says what is missing; a wrong one names no cart.
    Api.Response missing = api.get("/api/cart");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.body()).contains("X-Cart-Secret");
    assertThat(api.get("/api/cart", "X-Cart-Secret", "not-a-real-cart-id-at-all-xx").status())
        .isEqualTo(404);
    // The old form still answers, and says what replaces it and when it goes.
    Api.Response old = api.get("/api/carts/" + cart);
    assertThat(old.status()).isEqualTo(200);
    assertThat(old.header("Deprecation")).isEqualTo("@1796601600");
    assertThat(old.header("Sunset")).isEqualTo("Wed, 30 Jun 2027 00:00:00 GMT");
    assertThat(old.header("Link")).contains("</api/cart>; rel=\"successor-version\"");
    assertThat(
            api.delete("/api/cart/items/" + cheap, "X-Cart-Secret", cart)
                .json()
                .get("itemCount")
                .asInt())
        .isZero();
  }

  @Test
  void cartsOfOthersAreInvisible() {
    String alice = api.newCustomer("alice-carts@example.com");
    String bob = api.newCustomer("bob-carts@example.com");
    String aliceCart = api.cartWith(cheap, 1, Api.bearer(alice));
    assertThat(api.get("/api/carts/" + aliceCart, Api.bearer(alice)).status()).isEqualTo(200);
    assertThat(api.get("/api/carts/" + aliceCart, Api.bearer(bob)).status()).isEqualTo(404);
    assertThat(api.get("/api/carts/" + aliceCart).status()).isEqualTo(404);
    assertThat(
            api.put(
                    "/api/carts/" + aliceCart + "/items/" + cheap,
                    Map.of("quantity", 5),
                    Api.bearer(bob))
                .status())
        .isEqualTo(404);
    assertThat(api.get("/api/carts/not-a-real-cart-id-at-all-xx").status()).isEqualTo(404);
    assertThat(api.get("/api/carts/" + "../../etc/passwd").status()).isEqualTo(404);
    // A customer opening a cart again gets the same one.
    assertThat(api.post("/api/carts", null, Api.bearer(alice)).json().get("id").asText())
        .isEqualTo(aliceCart);
  }

  @Test
  void aGuestCartMergesIntoTheCustomersCartAtLogin() {
    api.post(
        "/api/auth/register",
        Map.of("email", "merge@example.com", "password", "merge password", "name", "M"));
    String customer = api.login("merge@example.com", "merge password");
    String customerCart = api.cartWith(cheap, 2, Api.bearer(customer));
    String guestCart = api.cartWith(cheap, 3);
    api.put("/api/carts/" + guestCart + "/items/" + pricey, Map.of("quantity", 1));

    Api.Response login =
        api.post(
            "/api/auth/login",
            Map.of(
                "email", "merge@example.com", "password", "merge password", "cartId", guestCart));
    assertThat(login.status()).isEqualTo(200);
    assertThat(login.json().get("cartId").asText()).isEqualTo(customerCart);
    String token = login.json().get("token").asText();
    Api.Response merged = api.get("/api/carts/" + customerCart, Api.bearer(token));
    assertThat(merged.json().get("itemCount").asInt()).isEqualTo(6);
    assertThat(api.get("/api/carts/" + guestCart).status()).isEqualTo(404);
  }

  @Test
  void checkoutPricesTaxesAndShipsFromServerRules() {
    Api.Response small = api.checkout(api.cartWith(cheap, 2), "tok_visa");
    assertThat(small.status()).isEqualTo(201);
    assertThat(small.json().get("subtotalCents").asLong()).isEqualTo(2_000);
    assertThat(small.json().get("shippingCents").asLong()).isEqualTo(499);
    assertThat(small.json().get("totalCents").asLong()).isEqualTo(2_499);
    assertThat(small.json().get("orderNumber").asText()).matches("SC-[0-9A-Z]{10}");
    Api.Response big = api.checkout(api.cartWith(pricey, 1), "tok_visa");
    assertThat(big.json().get("shippingCents").asLong()).isZero();
  }

  @Test
  void idempotencyKeyRules() {
    String cart = api.cartWith(cheap, 1);
    Map<String, Object> body = Api.checkoutBody(cart, "tok_visa");
    assertThat(api.post("/api/checkout", body).status()).isEqualTo(400);
    assertThat(api.post("/api/checkout", body, "Idempotency-Key", "x".repeat(256)).status())
        .isEqualTo(400);

    String key = UUID.randomUUID().toString();
    Api.Response first = api.post("/api/checkout", body, "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);
    Map<String, Object> other = new LinkedHashMap<>(body);
    other.put("email", "someone-else@example.com");
    Api.Response reused = api.post("/api/checkout", other, "Idempotency-Key", key);
    assertThat(reused.status()).isEqualTo(422);
    assertThat(reused.problemType()).endsWith("/idempotency-key-reused");

    // A failure is stored and replayed too: the cart is now checked out.
    String key2 = UUID.randomUUID().toString();
    Api.Response again = api.post("/api/checkout", body, "Idempotency-Key", key2);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemType()).endsWith("/cart-checked-out");
    Api.Response replayed = api.post("/api/checkout", body, "Idempotency-Key", key2);
    assertThat(replayed.status()).isEqualTo(409);
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
  }

  @Test
  void theStoredReplayHoldsNeitherTheAccessTokenNorTheKeyButAReplayStillOpensTheOrder()
      throws Exception {
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = Api.checkoutBody(api.cartWith(cheap, 1), "tok_visa");
    Api.Response first = api.post("/api/checkout", body, "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);
    long id = first.json().get("orderId").asLong();
    String token = first.json().get("accessToken").asText();
    assertThat(token).isNotBlank().doesNotStartWith("sealed.");

    String stored = CheckoutCounts.storedResponse(app, Hashing.sha256Hex(key));
    assertThat(stored).doesNotContain(token).contains("\"accessToken\":\"sealed.v1.");
    assertThat(CheckoutCounts.rowsWithKey(app, key)).isZero();

    Api.Response replayed = api.post("/api/checkout", body, "Idempotency-Key", key);
    assertThat(replayed.status()).isEqualTo(201);
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replayed.json().get("orderId").asLong()).isEqualTo(id);
    assertThat(replayed.json().get("accessToken").asText()).isEqualTo(token);
    Api.Response read = api.get("/api/orders/" + id, "X-Order-Token", token);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("orderId").asLong()).isEqualTo(id);
  }

  @Test
  void guestKeysAreScopedByCart() {
    String key = UUID.randomUUID().toString();
    Map<String, Object> mine = Api.checkoutBody(api.cartWith(cheap, 1), "tok_visa");
    Map<String, Object> theirs = Api.checkoutBody(api.cartWith(cheap, 2), "tok_visa");

    Api.Response first = api.post("/api/checkout", mine, "Idempotency-Key", key);
    Api.Response other = api.post("/api/checkout", theirs, "Idempotency-Key", key);
    assertThat(first.status()).isEqualTo(201);
    assertThat(other.status()).isEqualTo(201);
    assertThat(other.header("Idempotent-Replayed")).isNull();
    assertThat(other.json().get("orderId").asLong())
        .isNotEqualTo(first.json().get("orderId").asLong());
    assertThat(other.json().get("accessToken").asText())
        .isNotEqualTo(first.json().get("accessToken").asText());

    Api.Response replayed = api.post("/api/checkout", mine, "Idempotency-Key", key);
    assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
    assertThat(replayed.json().get("orderId").asLong())
        .isEqualTo(first.json().get("orderId").asLong());
    assertThat(replayed.json().get("accessToken").asText())
        .isEqualTo(first.json().get("accessToken").asText());
  }

  @Test
  void badCheckoutInputIsRefusedAndWritesNothing() throws Exception {
    String cart = api.cartWith(cheap, 1);
    long ordersBefore = CheckoutCounts.orders(app);
    Map<String, Object> withPrice = new LinkedHashMap<>(Api.checkoutBody(cart, "tok_visa"));
    withPrice.put("totalCents", 1);
    assertThat(checkout(withPrice).status()).isEqualTo(400);
    Map<String, Object> withStatus = new LinkedHashMap<>(Api.checkoutBody(cart, "tok_visa"));
    withStatus.put("status", "CONFIRMED");
    assertThat(checkout(withStatus).status()).isEqualTo(400);
    Map<String, Object> badCountry = new LinkedHashMap<>(Api.checkoutBody(cart, "tok_visa"));
    badCountry.put(
        "shippingAddress",
        Map.of("name", "A", "line1", "B", "city", "C", "postalCode", "12345", "country", "XX"));
    Api.Response country = checkout(badCountry);
    assertThat(country.status()).isEqualTo(400);
    assertThat(country.json().get("errors").get("shippingAddress.country")).isNotNull();
    Map<String, Object> noAddress = new LinkedHashMap<>(Api.checkoutBody(cart, "tok_visa"));
    noAddress.remove("shippingAddress");
    assertThat(checkout(noAddress).status()).isEqualTo(400);
    assertThat(checkout(Api.checkoutBody(cart, "tok visa with spaces")).status()).isEqualTo(400);
    assertThat(api.post("/api/checkout", "{not json", "Idempotency-Key", "k-malformed").status())
        .isEqualTo(400);
    String huge = "{\"cartId\":\"" + "a".repeat(2_000_000) + "\"}";
    Api.Response tooLarge = api.post("/api/checkout", huge, "Idempotency-Key", "k-huge");
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.contentType()).startsWith("application/problem+json");

    assertThat(CheckoutCounts.orders(app)).isEqualTo(ordersBefore);
    assertThat(api.get("/api/carts/" + cart).status()).isEqualTo(200);
    Api.Response ok = api.checkout(cart, "tok_visa");
    assertThat(ok.status()).isEqualTo(201);
  }

  @Test
  void aGuestWithoutEmailCanFixTheRequestAndReuseTheKey() {
    String cart = api.cartWith(cheap, 1);
    Map<String, Object> body = new LinkedHashMap<>(Api.checkoutBody(cart, "tok_visa"));
    body.remove("email");
    String key = UUID.randomUUID().toString();
    Api.Response missing = api.post("/api/checkout", body, "Idempotency-Key", key);
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().get("errors").get("email")).isNotNull();
    Api.Response fixed =
        api.post("/api/checkout", Api.checkoutBody(cart, "tok_visa"), "Idempotency-Key", key);
    assertThat(fixed.status()).isEqualTo(201);
  }

  @Test
  void aGuestOrderStaysReachableByItsTokenAfterSigningIn() {
    Api.Response placed = api.checkout(api.cartWith(cheap, 1), "tok_visa");
    String customer = api.newCustomer("signed-in-later@example.com");
    long id = placed.json().get("orderId").asLong();
    String token = placed.json().get("accessToken").asText();
    Api.Response read =
        api.get("/api/orders/" + id, "X-Order-Token", token, "Authorization", "Bearer " + customer);
    assertThat(read.status()).isEqualTo(200);
    assertThat(api.get("/api/orders/" + id, Api.bearer(customer)).status()).isEqualTo(404);
  }

  @Test
  void checkoutOfSomeoneElsesOrAnEmptyCartFails() {
    String owner = api.newCustomer("owner-checkout@example.com");
    String thief = api.newCustomer("thief-checkout@example.com");
    String cart = api.cartWith(cheap, 1, Api.bearer(owner));
    assertThat(api.checkout(cart, "tok_visa", Api.bearer(thief)).status()).isEqualTo(404);
    assertThat(api.checkout(cart, "tok_visa").status()).isEqualTo(404);
    String empty = api.post("/api/carts", null).json().get("id").asText();
    Api.Response r = api.checkout(empty, "tok_visa");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.problemType()).endsWith("/cart-empty");
    assertThat(api.get("/api/carts/" + empty).status()).isEqualTo(200);
  }

  @Test
  void outOfStockNamesTheShortLinesAndLeavesTheCartOpen() {
    long scarce = api.createProduct(admin, "CART-SCARCE", 500, 2);
    String cart = api.cartWith(scarce, 3);
    api.put("/api/carts/" + cart + "/items/" + cheap, Map.of("quantity", 1));
    Api.Response r = api.checkout(cart, "tok_visa");
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.problemType()).endsWith("/out-of-stock");
    assertThat(r.json().get("lines")).hasSize(1);
    assertThat(r.json().get("lines").get(0).get("sku").asText()).isEqualTo("CART-SCARCE");
    assertThat(r.json().get("lines").get(0).get("available").asInt()).isEqualTo(2);
    assertThat(api.get("/api/carts/" + cart).status()).isEqualTo(200);
    assertThat(
            api.get("/api/admin/products/" + cheap, Api.bearer(admin))
                .json()
                .get("available")
                .asInt())
        .isGreaterThan(0);
  }

  @Test
  void customersSeeOnlyTheirOwnOrders() {
    String carol = api.newCustomer("carol-orders@example.com");
    String dave = api.newCustomer("dave-orders@example.com");
    Api.Response placed =
        api.checkout(api.cartWith(cheap, 1, Api.bearer(carol)), "tok_visa", Api.bearer(carol));
    assertThat(placed.status()).isEqualTo(201);
    long id = placed.json().get("orderId").asLong();

    assertThat(api.get("/api/orders", Api.bearer(carol)).json().get("total").asLong()).isEqualTo(1);
    assertThat(api.get("/api/orders", Api.bearer(dave)).json().get("total").asLong()).isZero();
    assertThat(api.get("/api/orders/" + id, Api.bearer(carol)).status()).isEqualTo(200);
    assertThat(api.get("/api/orders/" + id, Api.bearer(dave)).status()).isEqualTo(404);
    assertThat(api.get("/api/orders/" + id, Api.bearer(admin)).status()).isEqualTo(200);
    assertThat(api.post("/api/orders/" + id + "/cancel", null, Api.bearer(dave)).status())
        .isEqualTo(404);
    assertThat(api.get("/api/orders/" + id).status()).isEqualTo(404);
    assertThat(api.get("/api/orders/" + id, "X-Order-Token", "guessed").status()).isEqualTo(404);
    assertThat(api.get("/api/orders").status()).isEqualTo(401);
  }

  private static Api.Response checkout(Map<String, Object> body) {
    return api.post("/api/checkout", body, "Idempotency-Key", UUID.randomUUID().toString());
  }

  /** Reads straight from the database: what a refused request must not have written. */
  static final class CheckoutCounts {
    static long orders(TestApp app) throws Exception {
      try (var c = java.sql.DriverManager.getConnection(app.dbUrl());
          var s = c.createStatement();
          var rs = s.executeQuery("SELECT COUNT(*) FROM orders")) {
        rs.next();
        return rs.getLong(1);
      }
    }

    static String storedResponse(TestApp app, String keyDigest) throws Exception {
      try (var c = java.sql.DriverManager.getConnection(app.dbUrl());
          var s =
              c.prepareStatement("SELECT response_body FROM idempotency_keys WHERE idem_key = ?")) {
        s.setString(1, keyDigest);
        try (var rs = s.executeQuery()) {
          assertThat(rs.next()).as("a stored response under the key's digest").isTrue();
          return rs.getString(1);
        }
      }
    }

    static long rowsWithKey(TestApp app, String key) throws Exception {
      try (var c = java.sql.DriverManager.getConnection(app.dbUrl());
          var s = c.prepareStatement("SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = ?")) {
        s.setString(1, key);
        try (var rs = s.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    }
  }
}
