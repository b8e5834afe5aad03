package com.securecart.cart;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.shared.CartId;
import com.securecart.shared.Check;
import com.securecart.shared.CustomerId;
import com.securecart.shared.DomainException;
import com.securecart.shared.Money;
import com.securecart.shared.Principal;
import com.securecart.shared.ProblemType;
import com.securecart.shared.ProductId;
import com.securecart.shared.Transactions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cart context's public face. */
public final class CartApi {
  public static final int MAX_QUANTITY = 99;
  static final int MAX_LINES = 50;

  private final CartRepository carts;
  private final CatalogApi catalog;
  private final Transactions transactions;
  private final Clock clock;

  public CartApi(CartRepository carts, CatalogApi catalog, Transactions transactions, Clock clock) {
    this.carts = carts;
    this.catalog = catalog;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** A new guest cart, or the customer's open cart (created if he has none). */
  public CartId open(Optional<Principal> caller) {
    return transactions.inTransaction(
        () -> {
          if (caller.isPresent()) {
            CustomerId customer = caller.get().customerId();
            Optional<CartId> existing = carts.findOpenCartOf(customer);
            if (existing.isPresent()) {
              return existing.get();
            }
            CartId id = CartId.random();
            carts.create(id, customer, clock.instant());
            return id;
          }
          CartId id = CartId.random();
          carts.create(id, null, clock.instant());
          return id;
        });
  }

  public CartView view(CartId id, Optional<Principal> caller) {
    OpenCart cart = requireOpen(id, caller);
    List<CartItem> items = carts.items(id);
    Map<ProductId, Product> products =
        catalog.getAll(items.stream().map(CartItem::productId).toList());
    List<CartLine> lines = new ArrayList<>();
    Money subtotal = null;
    int count = 0;
    for (CartItem item : items) {
      Product p = products.get(item.productId());
      if (p == null) {
        continue;
      }
      Money lineTotal = p.price().times(item.quantity());
      lines.add(
          new CartLine(
              p.id(), p.sku(), p.name(), p.price(), item.quantity(), lineTotal, p.active()));
      if (p.active()) {
        subtotal = subtotal == null ? lineTotal : subtotal.plus(lineTotal);
        count += item.quantity();
      }
    }
    return new CartView(id, cart.guest(), lines, count, subtotal);
  }

  /** Sets a line's quantity; 0 removes it. The price is never taken from the caller. */
  public CartView setQuantity(
      CartId id, Optional<Principal> caller, ProductId productId, int quantity) {
    Check.range("quantity", quantity, 0, MAX_QUANTITY);
    if (quantity == 0) {
      return remove(id, caller, productId);
    }
    transactions.run(
        () -> {
          requireOpen(id, caller);
          Product product = catalog.getActive(productId);
          List<CartItem> items = carts.items(id);
          boolean present = items.stream().anyMatch(i -> i.productId().equals(productId));
          if (!present && items.size() >= MAX_LINES) {
            throw DomainException.unprocessable(
                ProblemType.CART_FULL,
                "Cart full",
                "A cart holds at most " + MAX_LINES + " different products");
          }
          requireSameCurrency(items, product);
          carts.setQuantity(id, productId, quantity, clock.instant());
        });
    return view(id, caller);
  }

  public CartView remove(CartId id, Optional<Principal> caller, ProductId productId) {
    transactions.run(
        () -> {
          requireOpen(id, caller);
          carts.removeItem(id, productId, clock.instant());
        });
    return view(id, caller);
  }

  /**
   * At login: moves a guest cart's lines into the customer's cart (quantities add up, capped) and
   * closes the guest cart. Returns the customer's cart. An unknown or already-closed guest cart is
   * ignored.
   */
  public Optional<CartId> mergeAtLogin(Optional<CartId> guestCart, Principal customer) {
    if (guestCart.isEmpty()) {
      return Optional.empty();
    }
    return transactions.inTransaction(
        () -> {
          Optional<OpenCart> guest = carts.find(guestCart.get(), customer.customerId());
          if (guest.isEmpty() || !guest.get().guest() || !guest.get().open()) {
            return Optional.<CartId>empty();
          }
          CartId target = open(Optional.of(customer));
          Map<ProductId, Integer> merged = new HashMap<>();
          carts.items(target).forEach(i -> merged.put(i.productId(), i.quantity()));
          for (CartItem item : carts.items(guestCart.get())) {
            int quantity =
                Math.min(MAX_QUANTITY, merged.getOrDefault(item.productId(), 0) + item.quantity());
            carts.setQuantity(target, item.productId(), quantity, clock.instant());
          }
          carts.close(guestCart.get(), OpenCart.MERGED, clock.instant());
          return Optional.of(target);
        });
  }

  /**
   * The distinct products in the caller's open cart, in id order; empty if the caller has no such
   * cart. Checkout groups concurrent buyers of the same goods by it.
   */
  public List<ProductId> productIds(CartId id, Optional<Principal> caller) {
    CustomerId callerId = caller.map(Principal::customerId).orElse(null);
    if (carts.find(id, callerId).filter(OpenCart::open).isEmpty()) {
      return List.of();
    }
    return carts.items(id).stream()
        .map(CartItem::productId)
        .distinct()
        .sorted(java.util.Comparator.comparingLong(ProductId::value))
        .toList();
  }

  /**
   * Closes the cart for checkout and returns what it held. Call inside the checkout transaction:
   * the cart row's lock makes concurrent checkouts of one cart wait, and the loser finds it closed.
   */
  public List<CartItem> checkOut(CartId id, Optional<Principal> caller) {
    requireOpen(id, caller);
    if (!carts.close(id, OpenCart.CHECKED_OUT, clock.instant())) {
      throw checkedOut();
    }
    List<CartItem> items = carts.items(id);
    if (items.isEmpty()) {
      throw DomainException.unprocessable(
          ProblemType.CART_EMPTY, "Cart empty", "The cart has no items");
    }
    return items;
  }

  /**
   * Returns the owner (empty for a guest cart); 404 when the caller may not see it, to hide its
   * existence.
   */
  private OpenCart requireOpen(CartId id, Optional<Principal> caller) {
    CustomerId callerId = caller.map(Principal::customerId).orElse(null);
    OpenCart cart =
        carts
            .find(id, callerId)
            .filter(c -> !OpenCart.MERGED.equals(c.status()))
            .orElseThrow(() -> DomainException.notFound("Cart"));
    if (!cart.open()) {
      throw checkedOut();
    }
    return cart;
  }

  private static DomainException checkedOut() {
    return DomainException.conflict(
        ProblemType.CART_CHECKED_OUT,
        "Cart checked out",
        "This cart was already checked out; open a new one");
  }

  /** One cart, one currency: an order is paid in a single currency. */
  private void requireSameCurrency(List<CartItem> items, Product product) {
    if (items.isEmpty()) {
      return;
    }
    boolean mismatch =
        catalog.getAll(items.stream().map(CartItem::productId).toList()).values().stream()
            .anyMatch(p -> !p.price().currency().equals(product.price().currency()));
    if (mismatch) {
      throw DomainException.unprocessable(
          ProblemType.CURRENCY_MISMATCH,
          "Currency mismatch",
          "The cart holds products priced in another currency");
    }
  }
}
