package com.securecart.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accounts, sessions, roles and the catalog through the HTTP API. */
class AccountsAndCatalogIT {
  /** 128 characters, the most a password may have; a passphrase, so strong enough. */
  private static final String LONGEST_PASSPHRASE =
      ("the quiet orchard keeps its apples under a copper moon while the river hums"
              + " and the ferry waits for nobody at all, not even the mayor")
          .substring(0, 128);

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
  void registerLoginMeAndLogout() {
    Api.Response registered =
        api.post(
            "/api/auth/register",
            Map.of("email", "Ann@Example.com", "password", "long enough pw", "name", "Ann"));
    assertThat(registered.status()).isEqualTo(202);
    String token = api.login("ann@example.com", "long enough pw");

    Api.Response me = api.get("/api/auth/me", Api.bearer(token));
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.json().get("email").asText()).isEqualTo("ann@example.com");
    assertThat(me.json().get("role").asText()).isEqualTo("CUSTOMER");

    assertThat(api.post("/api/auth/logout", null, Api.bearer(token)).status()).isEqualTo(204);
    Api.Response after = api.get("/api/auth/me", Api.bearer(token));
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.contentType()).startsWith("application/problem+json");
  }

  @Test
  void registrationRulesAndDuplicates() {
    assertThat(register("short@example.com", "1234567").status()).isEqualTo(400);
    Api.Response tooLong = register("long@example.com", "x".repeat(129));
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.json().get("errors").get("password").asText())
        .isEqualTo("must be 8 to 128 characters");
    Api.Response first = register("nine@example.com", "Tq8#vLz!m");
    assertThat(first.status()).isEqualTo(202);
    assertThat(register("onetwentyeight@example.com", LONGEST_PASSPHRASE).status()).isEqualTo(202);
    // Issue 15 item 6: a taken e-mail answers exactly as a new one (AccountSecurityIT says more).
    Api.Response duplicate = register("NINE@example.com", "correct horse battery");
    assertThat(duplicate.status()).isEqualTo(202);
    assertThat(duplicate.body()).isEqualTo(first.body());
    Api.Response badEmail = register("not-an-email", "correct horse battery");
    assertThat(badEmail.status()).isEqualTo(400);
    assertThat(badEmail.json().get("errors").get("email")).isNotNull();
    Map<String, Object> withRole =
        new LinkedHashMap<>(
            Map.of("email", "role@example.com", "password", "correct horse battery", "name", "R"));
    withRole.put("role", "ADMIN");
    Api.Response roleSet = api.post("/api/auth/register", withRole);
    assertThat(roleSet.status()).isEqualTo(400);
    assertThat(roleSet.json().get("errors").get("role")).isNotNull();
  }

  /** ASVS 5.0 V6.2: common and breached passwords are refused, and no account is created. */
  @Test
  void commonPasswordsAreRefusedAndCreateNoAccount() {
    for (String weak : List.of("password", "12345678", "qwerty123", "letmein!")) {
      Api.Response refused = register("weak@example.com", weak);
      assertThat(refused.status()).as(weak).isEqualTo(422);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.problemType()).endsWith("/weak-password");
      assertThat(refused.json().get("detail").asText()).isNotBlank();
      assertThat(
              api.post("/api/auth/login", Map.of("email", "weak@example.com", "password", weak))
                  .status())
          .as("no account was created with %s", weak)
          .isEqualTo(401);
    }
    // The e-mail is still free, and a strong password registers.
    assertThat(register("weak@example.com", "correct horse battery staple").status())
        .isEqualTo(202);
    assertThat(api.login("weak@example.com", "correct horse battery staple")).isNotBlank();
  }

  @Test
  void theUsersOwnNameIsNoPassword() {
    Api.Response refused =
        api.post(
            "/api/auth/register",
            Map.of(
                "email", "marguerite.okonkwo@example.com",
                "password", "Okonkwo1987",
                "name", "Marguerite Okonkwo"));
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.problemType()).endsWith("/weak-password");
  }

  @Test
  void wrongPasswordAndUnknownEmailLookTheSame() {
    register("known@example.com", "right password");
    Api.Response wrong =
        api.post(
            "/api/auth/login", Map.of("email", "known@example.com", "password", "wrong password"));
    Api.Response unknown =
        api.post(
            "/api/auth/login", Map.of("email", "nobody@example.com", "password", "wrong password"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(wrong.body()).isEqualTo(unknown.body());
  }

  @Test
  void adminRoutesNeedAnAdmin() {
    String customer = api.newCustomer("customer-admin-check@example.com");
    assertThat(api.get("/api/admin/orders").status()).isEqualTo(401);
    assertThat(api.get("/api/admin/orders", Api.bearer(customer)).status()).isEqualTo(403);
    assertThat(api.get("/api/admin/orders", Api.bearer("made-up-token")).status()).isEqualTo(401);
    assertThat(api.get("/api/admin/orders", Api.bearer(admin)).status()).isEqualTo(200);
    assertThat(api.post("/api/admin/products", Map.of(), Api.bearer(customer)).status())
        .isEqualTo(403);
  }

  @Test
  void productsAreCreatedListedFilteredUpdatedAndDeactivated() {
    long kettle = product("CAT-KETTLE", "Kettle", "Kitchen", "Zwilling", 4_999, 7);
    product("CAT-PAN", "Pan", "Kitchen", "Tefal", 2_999, 0);
    product("CAT-BOOK", "Book", "Books", "Penguin", 999, 3);

    Api.Response one = api.get("/api/products/" + kettle);
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("priceCents").asLong()).isEqualTo(4_999);
    assertThat(one.json().get("available").asInt()).isEqualTo(7);

    Api.Response kitchen = api.get("/api/products?category=Kitchen&size=10");
    assertThat(kitchen.json().get("total").asLong()).isEqualTo(2);
    Api.Response cheapKitchen = api.get("/api/products?category=Kitchen&maxPrice=3000");
    assertThat(cheapKitchen.json().get("items")).hasSize(1);
    assertThat(cheapKitchen.json().get("items").get(0).get("sku").asText()).isEqualTo("CAT-PAN");
    Api.Response byBrand = api.get("/api/products?brand=Penguin&minPrice=500");
    assertThat(byBrand.json().get("items").get(0).get("sku").asText()).isEqualTo("CAT-BOOK");
    Api.Response paged = api.get("/api/products?category=Kitchen&size=1&page=1");
    assertThat(paged.json().get("items")).hasSize(1);
    assertThat(paged.json().get("page").asInt()).isEqualTo(1);

    Map<String, Object> update =
        productBody("CAT-KETTLE", "Kettle 2", "Kitchen", "Zwilling", 5_499);
    update.put("active", false);
    Api.Response updated = api.put("/api/admin/products/" + kettle, update, Api.bearer(admin));
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("active").asBoolean()).isFalse();
    assertThat(api.get("/api/products/" + kettle).status()).isEqualTo(404);
    assertThat(api.get("/api/products?category=Kitchen").json().get("total").asLong()).isEqualTo(1);

    Map<String, Object> noActive =
        productBody("CAT-KETTLE", "Kettle 3", "Kitchen", "Zwilling", 5_499);
    Api.Response stillInactive =
        api.put("/api/admin/products/" + kettle, noActive, Api.bearer(admin));
    assertThat(stillInactive.json().get("active").asBoolean()).isFalse();
    Map<String, Object> newSku =
        productBody("CAT-KETTLE-2", "Kettle", "Kitchen", "Zwilling", 5_499);
    Api.Response skuChange = api.put("/api/admin/products/" + kettle, newSku, Api.bearer(admin));
    assertThat(skuChange.status()).isEqualTo(422);
    assertThat(skuChange.problemType()).endsWith("/sku-immutable");

    Api.Response cart = api.post("/api/carts", null);
    Api.Response add =
        api.put(
            "/api/carts/" + cart.json().get("id").asText() + "/items/" + kettle,
            Map.of("quantity", 1));
    assertThat(add.status()).isEqualTo(404);
  }

  @Test
  void adminProductInputIsValidated() {
    Map<String, Object> body = productBody("BAD sku", "", "Kitchen", "Brand", -5);
    body.put("stock", -1);
    Api.Response r = api.post("/api/admin/products", body, Api.bearer(admin));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemType()).endsWith("/validation");
    product("DUP-1", "Dup", "Kitchen", "Brand", 100, 1);
    Map<String, Object> dup = productBody("DUP-1", "Dup", "Kitchen", "Brand", 100);
    dup.put("stock", 1);
    Api.Response clash = api.post("/api/admin/products", dup, Api.bearer(admin));
    assertThat(clash.status()).isEqualTo(409);
    assertThat(clash.problemType()).endsWith("/sku-taken");
    Api.Response stock =
        api.put("/api/admin/inventory/NO-SUCH-SKU", Map.of("onHand", 5), Api.bearer(admin));
    assertThat(stock.status()).isEqualTo(404);
    Api.Response negative =
        api.put("/api/admin/inventory/DUP-1", Map.of("onHand", -1), Api.bearer(admin));
    assertThat(negative.status()).isEqualTo(400);
    Api.Response ok =
        api.put("/api/admin/inventory/DUP-1", Map.of("onHand", 12), Api.bearer(admin));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.json().get("available").asInt()).isEqualTo(12);
  }

  @Test
  void listingParametersAreValidated() {
    assertThat(api.get("/api/products?size=0").status()).isEqualTo(400);
    assertThat(api.get("/api/products?size=101").status()).isEqualTo(400);
    assertThat(api.get("/api/products?page=-1").status()).isEqualTo(400);
    assertThat(api.get("/api/products?minPrice=abc").status()).isEqualTo(400);
    assertThat(api.get("/api/products?minPrice=10&maxPrice=5").status()).isEqualTo(400);
    assertThat(api.get("/api/products/abc").status()).isEqualTo(404);
    assertThat(api.get("/api/products/99999999").status()).isEqualTo(404);
    assertThat(api.get("/api/no-such-route").status()).isEqualTo(404);
    assertThat(api.get("/api/no-such-route").contentType()).startsWith("application/problem+json");
  }

  @Test
  void readinessWaitsForStart() {
    com.securecart.server.SecureCart notStarted =
        new com.securecart.server.SecureCart(
            com.securecart.server.testing.TestConfigs.forTests(
                com.securecart.server.testing.TestDatabases.freshUrl(Engine.H2)));
    try {
      assertThat(notStarted.isReady()).isFalse();
    } finally {
      notStarted.close();
    }
  }

  @Test
  void healthAndOpenApiAreServed() {
    assertThat(api.get("/health/live").status()).isEqualTo(200);
    assertThat(api.get("/health/ready").status()).isEqualTo(200);
    Api.Response openapi = api.get("/openapi.yaml");
    assertThat(openapi.status()).isEqualTo(200);
    assertThat(openapi.body()).startsWith("openapi: 3.1");
  }

  private static Api.Response register(String email, String password) {
    return api.post(
        "/api/auth/register", Map.of("email", email, "password", password, "name", "Someone"));
  }

  private static long product(
      String sku, String name, String category, String brand, long price, int stock) {
    Map<String, Object> body = productBody(sku, name, category, brand, price);
    body.put("stock", stock);
    Api.Response r = api.post("/api/admin/products", body, Api.bearer(admin));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().get("id").asLong();
  }

  private static Map<String, Object> productBody(
      String sku, String name, String category, String brand, long price) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sku", sku);
    body.put("name", name);
    body.put("description", "desc");
    body.put("brand", brand);
    body.put("category", category);
    body.put("priceCents", price);
    body.put("currency", "EUR");
    return body;
  }
}
