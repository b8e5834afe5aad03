package com.securecart.server.checkout;

import static com.securecart.server.checkout.CheckoutConcurrencyIT.concurrently;
import static com.securecart.server.checkout.CheckoutConcurrencyIT.count;
import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Racing first adds of one product to one cart, through the HTTP API, on H2 and on PostgreSQL. A
 * cart line is written by one atomic upsert (docs/adr/0014), so the loser of the race for the
 * line's first insert updates it instead of answering 500.
 */
class CartRaceIT {
  private static final int CARTS = 30;
  private static final int ADDS_PER_CART = 8;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void eightRacingFirstAddsToEachOfThirtyFreshCartsAllSucceedWithOneLine(Engine engine)
      throws Exception {
    try (TestApp app = TestApp.start(engine)) {
      Api api = app.api();
      long product = api.createProduct(app.adminToken(), "RACE-1", 1_000, 1_000);
      List<Api.Response> failed = new ArrayList<>();
      for (int c = 0; c < CARTS; c++) {
        String cart = api.post("/api/carts", null).json().get("id").asText();
        // PUT sets the line's quantity (it does not add to it): each racer sets its own, 1 to 8.
        List<Api.Response> responses =
            concurrently(
                ADDS_PER_CART,
                i ->
                    api.put("/api/carts/" + cart + "/items/" + product, Map.of("quantity", i + 1)));
        responses.stream().filter(r -> r.status() != 200).forEach(failed::add);

        Api.Response view = api.get("/api/carts/" + cart);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.json().get("lines")).hasSize(1);
        int quantity = view.json().get("lines").get(0).get("quantity").asInt();
        // The last writer wins: one of the racers' quantities, never their sum.
        assertThat(quantity).isBetween(1, ADDS_PER_CART);
        assertThat(
                count(
                    app,
                    "SELECT COUNT(*) FROM cart_items WHERE cart_id = '"
                        + cart
                        + "' AND product_id = "
                        + product
                        + " AND quantity = "
                        + quantity))
            .isEqualTo(1);
      }
      assertThat(failed)
          .as("responses other than 200 among %d racing adds", CARTS * ADDS_PER_CART)
          .extracting(r -> r.status() + " " + r.problemType())
          .isEmpty();
      assertThat(count(app, "SELECT COUNT(*) FROM cart_items")).isEqualTo(CARTS);
    }
  }
}
