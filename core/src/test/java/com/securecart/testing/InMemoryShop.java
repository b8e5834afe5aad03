package com.securecart.testing;

import com.securecart.cart.CartApi;
import com.securecart.catalog.CatalogApi;
import com.securecart.checkout.CheckoutApi;
import com.securecart.checkout.PricingRules;
import com.securecart.inventory.InventoryApi;
import com.securecart.orders.OrdersApi;
import com.securecart.sales.SalesApi;
import java.time.Duration;

/**
 * The commerce contexts wired as the composition root wires them, over in-memory stores and one
 * {@link RollbackTransactions}, so that a unit test can drive the facades and look at the stores.
 */
public final class InMemoryShop {
  public static final Duration RESERVATION_TTL = Duration.ofMinutes(30);

  public final MutableClock clock = MutableClock.at("2026-11-26T09:00:00Z");
  public final InMemoryProductRepository products = new InMemoryProductRepository();
  public final InMemoryInventoryRepository stock = new InMemoryInventoryRepository();
  public final InMemoryCartRepository carts = new InMemoryCartRepository();
  public final InMemoryOrderRepository orderRows = new InMemoryOrderRepository();
  public final InMemorySaleRepository saleRows = new InMemorySaleRepository();
  public final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  public final InMemoryChangeLog changes = new InMemoryChangeLog(clock);
  public final RollbackTransactions transactions =
      new RollbackTransactions(products, stock, carts, orderRows, saleRows, outbox, changes);

  public final InventoryApi inventory = new InventoryApi(stock, transactions, changes);
  public final CatalogApi catalog =
      new CatalogApi(products, inventory, transactions, changes, clock);
  public final CartApi cart = new CartApi(carts, catalog, transactions, clock);
  public final OrdersApi orders = new OrdersApi(orderRows, inventory, transactions, outbox, clock);
  public final SalesApi sales = new SalesApi(saleRows, clock);

  /** Checkout with these tax and shipping rules. */
  public CheckoutApi checkout(PricingRules pricing) {
    return new CheckoutApi(
        cart, catalog, inventory, orders, sales, pricing, transactions, clock, RESERVATION_TTL);
  }
}
