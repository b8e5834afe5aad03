package com.securecart.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.config.Config;
import com.securecart.server.config.Config.Role;
import com.securecart.server.config.DemoSettings;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The catalog and cart roles as the Fargate services run them: each instance answers its own routes
 * and 404 problem+json for everything else the load balancer would send elsewhere.
 */
class FineRolesIT {
  private static final String PROBLEM_JSON = "application/problem+json";

  @Test
  void aCatalogInstanceServesProductsAndNothingElse() {
    AtomicReference<Config> config = new AtomicReference<>();
    try (TestApp catalog =
        TestApp.start(
            TestDatabases.Engine.H2,
            c -> {
              config.set(c.withRoles(Set.of(Role.CATALOG)).withDemo(DemoSettings.generated(5)));
              return config.get();
            })) {
      Api api = catalog.api();

      Api.Response products = api.get("/api/products");
      assertThat(products.status()).isEqualTo(200);
      assertThat(products.json().get("items")).hasSize(5);
      for (String elsewhere : new String[] {"/api/cart", "/api/carts/x", "/admin", "/api/search"}) {
        Api.Response other = api.get(elsewhere, "Accept", "text/html");
        assertThat(other.status()).as(elsewhere).isEqualTo(404);
        assertThat(other.contentType()).as(elsewhere).startsWith(PROBLEM_JSON);
      }
      assertThat(api.post("/api/carts", null).status()).isEqualTo(404);
      assertThat(api.get("/health/ready").status()).isEqualTo(200);
      // Without the search role it opens no index (and without the API, no pages).
      assertThat(Files.exists(config.get().searchIndexDir())).isFalse();
      assertThat(catalog.app().pages()).isEmpty();
    }
  }

  /** Customers sign in on an API instance; the cart instance only checks their bearer token. */
  @Test
  void aCartInstanceTakesTokensIssuedByTheApi() {
    try (TestApp full = TestApp.start(TestDatabases.Engine.H2);
        TestApp cart = TestApp.startOn(full.dbUrl(), c -> c.withRoles(Set.of(Role.CART)))) {
      long product = full.api().createProduct(full.adminToken(), "FINE-1", 1_000, 3);
      String customer = full.api().newCustomer("fine-roles@example.com");
      Api api = cart.api();

      String id = api.cartWith(product, 2, Api.bearer(customer));
      Api.Response mine = api.get("/api/carts/" + id, Api.bearer(customer));
      assertThat(mine.status()).isEqualTo(200);
      assertThat(mine.json().get("itemCount").asInt()).isEqualTo(2);
      assertThat(api.post("/api/carts", null, Api.bearer("not-a-token")).status()).isEqualTo(401);
      assertThat(api.post("/api/auth/login", Map.of()).status()).isEqualTo(404);
      assertThat(api.get("/api/products").status()).isEqualTo(404);
      assertThat(api.post("/api/checkout", Map.of()).status()).isEqualTo(404);
    }
  }
}
