package com.securecart.checkout;

import com.securecart.cart.CartApi;
import com.securecart.cart.CartItem;
import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.inventory.InventoryApi;
import com.securecart.inventory.StockRequest;
import com.securecart.orders.Address;
import com.securecart.orders.NewOrder;
import com.securecart.orders.OrderLine;
import com.securecart.orders.OrderTotals;
import com.securecart.orders.OrdersApi;
import com.securecart.orders.PlacedOrder;
import com.securecart.sales.SaleBuyer;
import com.securecart.sales.SalesApi;
import com.securecart.shared.DomainException;
import com.securecart.shared.Money;
import com.securecart.shared.Principal;
import com.securecart.shared.ProblemType;
import com.securecart.shared.ProductId;
import com.securecart.shared.Transactions;
import com.securecart.shared.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The checkout context's public face. */
public final class CheckoutApi {
  private final CartApi carts;
  private final CatalogApi catalog;
  private final InventoryApi inventory;
  private final OrdersApi orders;
  private final SalesApi sales;
  private final PricingRules pricing;
  private final Transactions transactions;
  private final Clock clock;
  private final Duration reservationTtl;

  public CheckoutApi(
      CartApi carts,
      CatalogApi catalog,
      InventoryApi inventory,
      OrdersApi orders,
      SalesApi sales,
      PricingRules pricing,
      Transactions transactions,
      Clock clock,
      Duration reservationTtl) {
    this.carts = carts;
    this.catalog = catalog;
    this.inventory = inventory;
    this.orders = orders;
    this.sales = sales;
    this.pricing = pricing;
    this.transactions = transactions;
    this.clock = clock;
    this.reservationTtl = reservationTtl;
  }

  /**
   * Places the order: all of it or nothing. Out-of-stock lines, unavailable products, a purchase
   * beyond a running sale's per-customer limit or a cart that is not the caller's reject the whole
   * checkout and leave the cart open.
   */
  public PlacedOrder checkout(CheckoutCommand command, Optional<Principal> caller) {
    // A signed-in customer's order goes to the account's address, whatever the form said: the shop
    // mails only an address it can tie to the buyer (issue 15 item 8). A guest's is the form's.
    String email =
        caller
            .map(Principal::email)
            .or(() -> Optional.ofNullable(command.email()))
            .orElseThrow(() -> new ValidationException("email", "is required"));
    return transactions.inTransaction(
        () -> {
          List<CartItem> items = carts.checkOut(command.cartId(), caller);
          List<OrderLine> lines = price(items);
          Money subtotal =
              lines.stream().map(OrderLine::lineTotal).reduce(Money::plus).orElseThrow();
          String country = command.shippingAddress().country();
          OrderTotals totals =
              OrderTotals.of(subtotal, pricing.tax(subtotal, country), pricing.shipping(subtotal));
          PlacedOrder placed =
              orders.place(
                  new NewOrder(
                      caller.map(Principal::customerId).orElse(null),
                      email,
                      command.shippingAddress(),
                      lines,
                      totals,
                      command.paymentToken()));
          inventory.reserve(
              placed.order().id(),
              lines.stream().map(l -> new StockRequest(l.sku(), l.quantity())).toList(),
              clock.instant().plus(reservationTtl));
          // After the stock rows, as direct and careful transactions take them (ADR 12): stock
          // first, then the buyer's own sale counter. An optimistic batch reserves its stock total
          // last; a deadlock there sends it to its careful run.
          Address shipTo = command.shippingAddress();
          sales.claim(
              new SaleBuyer(
                  placed.order().customer(),
                  email,
                  shipTo.line1(),
                  shipTo.postalCode(),
                  shipTo.country(),
                  caller.map(p -> !p.emailVerified()).orElse(false)),
              lines.stream()
                  .collect(
                      java.util.stream.Collectors.toMap(
                          OrderLine::sku, OrderLine::quantity, Integer::sum)));
          return placed;
        });
  }

  /**
   * What concurrent checkouts may share a transaction by (docs/adr/0012): the exact set of products
   * in the cart, so that every transaction locks stock rows in the same order; null for a cart the
   * caller cannot check out (it fails on its own).
   */
  public String coalescingKey(CheckoutCommand command, Optional<Principal> caller) {
    List<ProductId> products = carts.productIds(command.cartId(), caller);
    if (products.isEmpty()) {
      return null;
    }
    StringBuilder key = new StringBuilder("stock");
    products.forEach(p -> key.append(':').append(p.value()));
    return key.toString();
  }

  private List<OrderLine> price(List<CartItem> items) {
    Map<ProductId, Product> products =
        catalog.getAll(items.stream().map(CartItem::productId).toList());
    List<OrderLine> lines = new ArrayList<>();
    List<String> unavailable = new ArrayList<>();
    for (CartItem item : items) {
      Product p = products.get(item.productId());
      if (p == null || !p.active()) {
        unavailable.add(String.valueOf(item.productId()));
        continue;
      }
      lines.add(
          new OrderLine(
              p.id(),
              p.sku(),
              p.name(),
              p.price(),
              item.quantity(),
              p.price().times(item.quantity())));
    }
    if (!unavailable.isEmpty()) {
      throw new DomainException(
          DomainException.Kind.CONFLICT,
          ProblemType.PRODUCT_UNAVAILABLE,
          "Product unavailable",
          "Some products in the cart are no longer sold",
          Map.of("productIds", unavailable));
    }
    if (lines.stream().map(l -> l.unitPrice().currency()).distinct().count() > 1) {
      throw DomainException.unprocessable(
          ProblemType.CURRENCY_MISMATCH,
          "Currency mismatch",
          "The cart holds products in several currencies");
    }
    return lines;
  }
}
