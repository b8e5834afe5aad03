package com.securecart.server.web;

import com.securecart.cart.CartApi;
import com.securecart.cart.CartLine;
import com.securecart.cart.CartView;
import com.securecart.server.http.Http;
import com.securecart.server.http.RouteTable;
import com.securecart.shared.CartId;
import com.securecart.shared.DomainException;
import com.securecart.shared.Principal;
import com.securecart.shared.ProductId;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cart page and its forms. The browser holds its cart's id in an HttpOnly cookie. */
public final class CartPages implements RouteTable.Api {
  private final Pages pages;
  private final CartApi carts;
  private final RecommendedCards recommended;

  public CartPages(Pages pages, CartApi carts, RecommendedCards recommended) {
    this.pages = pages;
    this.carts = carts;
    this.recommended = recommended;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/cart", pages.get(this::cart))
        .post("/cart/items", pages.post(this::add))
        .post("/cart/items/{productId}", pages.post(this::update));
  }

  private void cart(WebRequest w, ServerResponse res) {
    Optional<CartView> view = current(w);
    WebViews.CartPage cart = view.map(WebViews.CartPage::of).orElse(WebViews.CartPage.EMPTY);
    List<com.securecart.shared.ProductId> inCart =
        view.map(v -> v.lines().stream().map(l -> l.productId()).toList()).orElse(List.of());
    pages.render(
        w,
        res,
        "web/cart.jte",
        Map.of(
            "ctx",
            w.page("Your cart"),
            "cart",
            cart,
            "alsoLike",
            recommended.forBasket(inCart, 4)));
  }

  /** The browser's open cart, if its cookie names one it may see. */
  static Optional<CartView> current(WebRequest w, CartApi carts) {
    Optional<CartId> id = w.browser().cart();
    if (id.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(carts.view(id.get(), w.principal()));
    } catch (DomainException e) {
      // Checked out, merged at sign-in, or not this account's: the browser has no open cart.
      return Optional.empty();
    }
  }

  private Optional<CartView> current(WebRequest w) {
    return current(w, carts);
  }

  private void add(WebRequest w, ServerResponse res) {
    ProductId product = new ProductId(id(w.form().get("productId")));
    int quantity = quantity(w.form().get("quantity"), 1);
    Optional<Principal> caller = w.principal();
    Optional<CartView> cart = current(w);
    CartId id;
    int already = 0;
    if (cart.isPresent()) {
      id = cart.get().id();
      already =
          cart.get().lines().stream()
              .filter(l -> l.productId().equals(product))
              .mapToInt(CartLine::quantity)
              .sum();
    } else {
      id = carts.open(caller);
      pages.sessions().setCart(res, w.browser(), id);
    }
    carts.setQuantity(id, caller, product, Math.min(CartApi.MAX_QUANTITY, already + quantity));
    pages.redirect(w, res, "/cart");
  }

  private void update(WebRequest w, ServerResponse res) {
    ProductId product = new ProductId(Http.pathId(w.req(), "productId", "Product"));
    int quantity = quantity(w.form().get("quantity"), 0);
    CartView cart = current(w).orElseThrow(() -> DomainException.notFound("Cart"));
    carts.setQuantity(cart.id(), w.principal(), product, quantity);
    pages.redirect(w, res, "/cart");
  }

  private static long id(String value) {
    try {
      long id = Long.parseLong(value == null ? "" : value.strip());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw DomainException.notFound("Product");
  }

  private static int quantity(String value, int fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int q = Integer.parseInt(value.strip());
      if (q >= 0 && q <= CartApi.MAX_QUANTITY) {
        return q;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ValidationException(
        "quantity", "must be a whole number from 0 to " + CartApi.MAX_QUANTITY);
  }
}
