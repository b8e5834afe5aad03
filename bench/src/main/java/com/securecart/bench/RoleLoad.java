package com.securecart.bench;

import com.securecart.planner.plan.Capacity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * What one request of each role's load is, against the role's own server. storefront: the home page
 * and product pages by turns; search: the bench's 40-search mix ({@link SearchMix}); cart: setting
 * a line's quantity and viewing the cart, by turns, on carts made beforehand (a session each);
 * checkout: a whole guest order (new cart, one line, checkout: the checkout bench's flow), timed as
 * one; recommendations: the product page's recommendations.
 */
final class RoleLoad {
  /** The planner's roles: the ones a capacity file describes. */
  static final Set<String> ROLES = Set.copyOf(Capacity.ROLES);

  /** SKUs the checkout load buys from, made with this much stock so that none runs out. */
  private static final int CHECKOUT_SKUS = 200;

  private static final int CHECKOUT_STOCK = 10_000_000;
  private static final int CARTS = 200;

  private RoleLoad() {}

  static String unknown(String role) {
    return "unknown role '" + role + "' (known: " + String.join(", ", Capacity.ROLES) + ")";
  }

  /**
   * The call for {@code role}, after what it needs beforehand (checkout: products with stock, which
   * needs the admin's login; cart: the carts).
   *
   * @param products how many demo products the server has (ids 1..products)
   */
  static OpenLoop.Call prepare(String role, ShopClient shop, int products)
      throws IOException, InterruptedException {
    return switch (role) {
      case "storefront" ->
          i -> ok(shop.get(i % 2 == 0 ? "/" : "/products/" + product(i, products)));
      case "search" ->
          i ->
              ok(
                  shop.get(
                      "/api/search?"
                          + SearchMix.MIX.get((int) (i % SearchMix.MIX.size())).queryString()));
      case "recommendations" ->
          i -> ok(shop.get("/api/recommendations/products/" + product(i, products) + "?limit=10"));
      case "cart" -> cartLoad(shop, products);
      case "checkout" -> checkoutLoad(shop);
      default -> throw new IllegalArgumentException(unknown(role));
    };
  }

  private static OpenLoop.Call cartLoad(ShopClient shop, int products)
      throws IOException, InterruptedException {
    List<String> carts = new ArrayList<>();
    for (int c = 0; c < CARTS; c++) {
      carts.add(created(shop.createCart(), "a cart"));
    }
    return i -> {
      String cart = carts.get((int) ((i / 2) % CARTS));
      if (i % 2 == 0) {
        // A few products per cart, so that a cart stays a shopper's size however long the sweep.
        long product = 1 + Math.floorMod(i / 2 / CARTS * 31, Math.min(products, 8));
        return ok(shop.setQuantity(cart, product, 1 + (int) (i % 3)));
      }
      return ok(shop.get("/api/cart", "X-Cart-Secret", cart));
    };
  }

  private static OpenLoop.Call checkoutLoad(ShopClient shop)
      throws IOException, InterruptedException {
    shop.loginAdmin(env("SECURECART_ADMIN_EMAIL"), env("SECURECART_ADMIN_PASSWORD"));
    long[] ids = new long[CHECKOUT_SKUS];
    // SKUs are upper-case letters, digits and dashes
    String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
    for (int s = 0; s < CHECKOUT_SKUS; s++) {
      ids[s] = shop.createProduct("CAP-" + run + "-" + s, 1999, CHECKOUT_STOCK);
    }
    return i -> {
      String cartId = ok("cart", shop.createCart()).body().path("id").asText();
      ok("item", shop.setQuantity(cartId, ids[(int) (i % CHECKOUT_SKUS)], 1));
      // A buyer of one's own each time: the index starts again at 0 every step, and the shop sends
      // one address at most 10 e-mails a day (the order confirmation would be skipped).
      ok("checkout", shop.checkout(cartId, "buyer-" + UUID.randomUUID() + "@example.com"));
      return true;
    };
  }

  private static long product(long i, int products) {
    return 1 + Math.floorMod(i * 7919L, products);
  }

  /** True for a 2xx; otherwise a {@link OpenLoop.Failed} labelled with the answer. */
  private static boolean ok(ShopClient.Reply reply) throws OpenLoop.Failed {
    ok("", reply);
    return true;
  }

  private static ShopClient.Reply ok(String step, ShopClient.Reply reply) throws OpenLoop.Failed {
    if (reply.status() < 200 || reply.status() >= 300) {
      throw new OpenLoop.Failed((step.isEmpty() ? "" : step + " ") + reply.label());
    }
    return reply;
  }

  private static String created(ShopClient.Reply reply, String what) throws IOException {
    if (reply.status() != 201 || !reply.body().path("id").isTextual()) {
      throw new IOException("creating " + what + " failed: " + reply.label() + " " + reply.body());
    }
    return reply.body().path("id").asText();
  }

  private static String env(String name) throws IOException {
    String value = System.getenv(name);
    if (value == null || value.isBlank()) {
      throw new IOException("set " + name + " (the bench script does)");
    }
    return value;
  }
}
