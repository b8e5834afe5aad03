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
import java.util.Collection;
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
    return transactions.inTransaction(() -> openOrCreate(caller).cart().id());
  }

  /**
   * {@link #open} with the cart's view, in the one transaction: a cart it creates is empty and is
   * not read back (issue 18: creating a cart costs one commit and no reads).
   */
  public CartView openView(Optional<Principal> caller) {
    return transactions.inTransaction(
        () -> {
          Opened opened = openOrCreate(caller);
          OpenCart cart = opened.cart();
          if (opened.created()) {
            return new CartView(cart.id(), cart.guest(), List.of(), 0, null);
          }
          List<CartItem> items = carts.items(cart.id());
          return priced(
              cart, items, catalog.getAll(items.stream().map(CartItem::productId).toList()));
        });
  }

  /** An open cart, and whether it was created just now (and so is empty). */
  private record Opened(OpenCart cart, boolean created) {}

  /** The customer's open cart, or a new one. */
  private Opened openOrCreate(Optional<Principal> caller) {
    CustomerId customer = caller.map(Principal::customerId).orElse(null);
    if (customer != null) {
      Optional<CartId> existing = carts.findOpenCartOf(customer);
      if (existing.isPresent()) {
        return new Opened(new OpenCart(existing.get(), customer, OpenCart.OPEN), false);
      }
    }
    CartId id = CartId.random();
    carts.create(id, customer, clock.instant());
    return new Opened(new OpenCart(id, customer, OpenCart.OPEN), true);
  }

  public CartView view(CartId id, Optional<Principal> caller) {
    OpenCart cart = requireOpen(id, caller);
    List<CartItem> items = carts.items(id);
    return priced(cart, items, catalog.getAll(items.stream().map(CartItem::productId).toList()));
  }

  /**
   * Sets a line's quantity; 0 removes it. The price is never taken from the caller. One
   * transaction: lock the cart, read its lines and their products, write the line, and build the
   * view from what it read (issue 18), so a change costs one commit and no second read.
   */
  public CartView setQuantity(
      CartId id, Optional<Principal> caller, ProductId productId, int quantity) {
    Check.range("quantity", quantity, 0, MAX_QUANTITY);
    if (quantity == 0) {
      return remove(id, caller, productId);
    }
    return transactions.inTransaction(
        () -> {
          OpenCart cart = lockOpen(id, caller);
          List<CartItem> items = carts.items(id);
          List<ProductId> ids = new ArrayList<>(items.stream().map(CartItem::productId).toList());
          boolean present = ids.contains(productId);
          if (!present) {
            ids.add(productId);
          }
          Map<ProductId, Product> products = catalog.getAll(ids);
          Product product = products.get(productId);
          if (product == null || !product.active()) {
            throw DomainException.notFound("Product " + productId);
          }
          if (!present && items.size() >= MAX_LINES) {
            throw DomainException.unprocessable(
                ProblemType.CART_FULL,
                "Cart full",
                "A cart holds at most " + MAX_LINES + " different products");
          }
          requireSameCurrency(products.values(), product);
          carts.setQuantity(id, productId, quantity, clock.instant());
          return priced(cart, withQuantity(items, productId, quantity), products);
        });
  }

  public CartView remove(CartId id, Optional<Principal> caller, ProductId productId) {
    return transactions.inTransaction(
        () -> {
          OpenCart cart = lockOpen(id, caller);
          carts.removeItem(id, productId, clock.instant());
          List<CartItem> items = carts.items(id);
          return priced(
              cart, items, catalog.getAll(items.stream().map(CartItem::productId).toList()));
        });
  }

  /** The lines priced from {@code products}; a line whose product is gone is left out. */
  private static CartView priced(
      OpenCart cart, List<CartItem> items, Map<ProductId, Product> products) {
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
    return new CartView(cart.id(), cart.guest(), lines, count, subtotal);
  }

  /**
   * The lines as the upsert leaves them: an existing line keeps its place, a new one (added now)
   * comes last, as the repository orders them by when they were added.
   */
  private static List<CartItem> withQuantity(
      List<CartItem> items, ProductId productId, int quantity) {
    List<CartItem> after = new ArrayList<>();
    boolean replaced = false;
    for (CartItem item : items) {
      if (item.productId().equals(productId)) {
        after.add(new CartItem(productId, quantity));
        replaced = true;
      } else {
        after.add(item);
      }
    }
    if (!replaced) {
      after.add(new CartItem(productId, quantity));
    }
    return after;
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
          carts.lockOpen(target, customer.customerId(), clock.instant());
          carts.close(guestCart.get(), customer.customerId(), OpenCart.MERGED, clock.instant());
          return Optional.of(target);
        });
  }

  /**
   * The distinct products in the caller's open cart, in id order; empty if the caller has no such
   * cart. Checkout groups concurrent buyers of the same goods by it.
   */
  public List<ProductId> productIds(CartId id, Optional<Principal> caller) {
    return carts.openProductIds(id, caller.map(Principal::customerId).orElse(null));
  }

  /**
   * Closes the cart for checkout and returns what it held. Call inside the checkout transaction:
   * the cart row's lock makes concurrent checkouts of one cart wait, and the loser finds it closed.
   */
  public List<CartItem> checkOut(CartId id, Optional<Principal> caller) {
    // Ownership and openness are checked by the closing statement itself; only when it closes
    // nothing is the cart read, to tell 404 from 409 (issue 18: one statement fewer per checkout).
    CustomerId callerId = caller.map(Principal::customerId).orElse(null);
    if (!carts.close(id, callerId, OpenCart.CHECKED_OUT, clock.instant())) {
      requireOpen(id, caller);
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

  /**
   * Marks the cart changed and holds its row lock to the end of the transaction, so that changes to
   * one cart run one after another and each sees the lines the one before it wrote. Ownership and
   * openness are in that one statement; only when it finds nothing is the cart read again, to tell
   * 404 from 409.
   */
  private OpenCart lockOpen(CartId id, Optional<Principal> caller) {
    CustomerId callerId = caller.map(Principal::customerId).orElse(null);
    return carts
        .lockOpen(id, callerId, clock.instant())
        .orElseGet(
            () -> {
              requireOpen(id, caller);
              throw checkedOut();
            });
  }

  private static DomainException checkedOut() {
    return DomainException.conflict(
        ProblemType.CART_CHECKED_OUT,
        "Cart checked out",
        "This cart was already checked out; open a new one");
  }

  /** One cart, one currency: an order is paid in a single currency. */
  private static void requireSameCurrency(Collection<Product> inCart, Product product) {
    boolean mismatch =
        inCart.stream().anyMatch(p -> !p.price().currency().equals(product.price().currency()));
    if (mismatch) {
      throw DomainException.unprocessable(
          ProblemType.CURRENCY_MISMATCH,
          "Currency mismatch",
          "The cart holds products priced in another currency");
    }
  }
}
