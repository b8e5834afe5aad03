package com.securecart.server.checkout;

import static com.securecart.server.checkout.CheckoutConcurrencyIT.concurrently;
import static com.securecart.server.checkout.CheckoutConcurrencyIT.count;
import static com.securecart.server.checkout.CheckoutConcurrencyIT.stock;
import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.app.CheckoutSettings.ReservationMode;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** A sale's per-customer limit holds when one customer checks out many carts at once. */
class PurchaseLimitIT {

  static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> enginesAndModes() {
    return CheckoutConcurrencyIT.enginesAndModes();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("enginesAndModes")
  void fortyConcurrentCheckoutsByOneCustomerBuyOnlyTheLimit(Engine engine, ReservationMode mode)
      throws Exception {
    try (TestApp app = TestApp.start(engine, c -> c.withReservationMode(mode))) {
      Api api = app.api();
      String admin = app.adminToken();
      long product = api.createProduct(admin, "SALE-1", 999, 100);
      long other = api.createProduct(admin, "OLD-SALE", 999, 100);
      Instant now = Instant.now();
      Api.Response created = createSale(api, admin, "SALE-1", 3, now.minus(1, ChronoUnit.HOURS));
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.json().get("perCustomerLimit").asInt()).isEqualTo(3);
      // A sale that is over limits nothing.
      assertThat(createSale(api, admin, "OLD-SALE", 1, now.minus(2, ChronoUnit.DAYS)).status())
          .isEqualTo(201);

      List<String> carts = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        carts.add(api.cartWith(product, 1));
      }
      // Every guest checkout of Api.checkoutBody is by the same e-mail address: one customer.
      List<Api.Response> responses =
          concurrently(carts.size(), i -> api.checkout(carts.get(i), "tok_visa"));

      assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(3);
      assertThat(responses)
          .filteredOn(r -> r.status() != 201)
          .hasSize(37)
          .allSatisfy(
              r -> {
                assertThat(r.status()).isEqualTo(409);
                assertThat(r.problemType()).endsWith("/purchase-limit-exceeded");
                assertThat(r.json().get("perCustomerLimit").asInt()).isEqualTo(3);
              });
      List<Integer> level = stock(app, "SALE-1");
      assertThat(100 - level.get(0) + level.get(1)).as("units sold").isEqualTo(3);
      assertThat(
              count(
                  app,
                  "SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l WHERE l.sku = 'SALE-1'"))
          .isEqualTo(3);
      // One row per key of the one guest: his e-mail and his shipping address, each at the limit.
      assertThat(count(app, "SELECT COUNT(*) FROM sale_purchases")).isEqualTo(2);
      assertThat(count(app, "SELECT MIN(quantity) FROM sale_purchases")).isEqualTo(3);

      // Another customer (his own e-mail and door) has a limit of his own; one cart beyond the
      // limit is refused at once. He verified his e-mail: an unverified account buys nothing
      // under a limit (AccountSecurityIT).
      String customer = app.verifiedCustomer("limited@example.com");
      Api.Response own =
          api.checkoutTo(
              api.cartWith(product, 3, Api.bearer(customer)),
              "limited@example.com",
              "7 Limit Road",
              "10117",
              Api.bearer(customer));
      assertThat(own.status()).isEqualTo(201);
      Api.Response beyond =
          api.checkoutTo(
              api.cartWith(product, 1, Api.bearer(customer)),
              "limited@example.com",
              "8 Other Road",
              "10119",
              Api.bearer(customer));
      assertThat(beyond.status()).isEqualTo(409);
      assertThat(beyond.problemType()).endsWith("/purchase-limit-exceeded");
      assertThat(api.checkout(api.cartWith(other, 5), "tok_visa").status()).isEqualTo(201);

      Api.Response listed = api.get("/api/admin/sales", Api.bearer(admin));
      assertThat(listed.status()).isEqualTo(200);
      assertThat(listed.json().get("items")).hasSize(2);
      assertThat(api.get("/api/admin/sales", Api.bearer(customer)).status()).isEqualTo(403);
    }
  }

  /**
   * Issue 15 item 7: a guest cannot buy past the limit again with an e-mail alias, the same e-mail
   * in capitals, or a new e-mail to the same door written differently.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(Engine.class)
  void emailAliasesAndTheSameDoorShareOneLimit(Engine engine) throws Exception {
    try (TestApp app = TestApp.start(engine)) {
      Api api = app.api();
      String admin = app.adminToken();
      long product = api.createProduct(admin, "ONE-EACH", 999, 100);
      assertThat(
              createSale(api, admin, "ONE-EACH", 1, Instant.now().minus(1, ChronoUnit.HOURS))
                  .status())
          .isEqualTo(201);

      assertThat(
              api.checkoutTo(
                      api.cartWith(product, 1), "buyer@example.com", "1 Main Street", "10115")
                  .status())
          .isEqualTo(201);

      Map<String, Api.Response> refused = new LinkedHashMap<>();
      refused.put(
          "tagged e-mail",
          api.checkoutTo(api.cartWith(product, 1), "buyer+1@example.com", "9 Far Away", "80331"));
      refused.put(
          "e-mail in capitals",
          api.checkoutTo(api.cartWith(product, 1), "BUYER@example.com", "9 Far Away", "80331"));
      refused.put(
          "same door, new e-mail",
          api.checkoutTo(
              api.cartWith(product, 1), "someone.else@example.com", " 1  MAIN street. ", "10 115"));
      assertThat(refused)
          .allSatisfy(
              (why, r) -> {
                assertThat(r.status()).as(why).isEqualTo(409);
                assertThat(r.problemType()).as(why).endsWith("/purchase-limit-exceeded");
                assertThat(r.json().get("perCustomerLimit").asInt()).as(why).isEqualTo(1);
              });

      assertThat(
              api.checkoutTo(
                      api.cartWith(product, 1), "neighbour@example.com", "2 Main Street", "10115")
                  .status())
          .as("a different buyer at a different door")
          .isEqualTo(201);
      assertThat(
              count(
                  app,
                  "SELECT COALESCE(SUM(l.quantity), 0) FROM order_lines l WHERE l.sku = 'ONE-EACH'"))
          .isEqualTo(2);
    }
  }

  private static Api.Response createSale(
      Api api, String admin, String sku, int limit, Instant startsAt) {
    return api.post(
        "/api/admin/sales",
        Map.of(
            "sku",
            sku,
            "perCustomerLimit",
            limit,
            "startsAt",
            startsAt.toString(),
            "endsAt",
            startsAt.plus(1, ChronoUnit.DAYS).minus(1, ChronoUnit.MINUTES).toString()),
        Api.bearer(admin));
  }
}
