package com.securecart.pipeline;

import com.securecart.inventory.InventoryApi;
import com.securecart.orders.Order;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrdersApi;
import com.securecart.shared.OrderId;
import com.securecart.shared.Transactions;
import java.time.Clock;
import java.util.Optional;

/**
 * Returns to stock what orders that were never paid still hold. Runs periodically on workers; safe
 * to run on many instances at once, because every change is a guarded transition.
 */
public final class ReservationExpiry {
  private final InventoryApi inventory;
  private final OrdersApi orders;
  private final Transactions transactions;
  private final Clock clock;

  public ReservationExpiry(
      InventoryApi inventory, OrdersApi orders, Transactions transactions, Clock clock) {
    this.inventory = inventory;
    this.orders = orders;
    this.transactions = transactions;
    this.clock = clock;
  }

  /** Returns how many orders were expired. */
  public int sweep(int limit) {
    int expired = 0;
    for (OrderId id : inventory.ordersWithExpiredReservations(clock.instant(), limit)) {
      expired += transactions.inTransaction(() -> expireOne(id)) ? 1 : 0;
    }
    return expired;
  }

  private boolean expireOne(OrderId id) {
    Optional<Order> order = orders.find(id);
    OrderStatus status = order.map(Order::status).orElse(OrderStatus.FAILED);
    if (status == OrderStatus.AUTHORIZED || status == OrderStatus.CONFIRMED) {
      // Paid: the confirm step commits the stock; nothing to return.
      return false;
    }
    boolean expired = status == OrderStatus.PENDING_PAYMENT && orders.expire(id);
    inventory.release(id);
    return expired;
  }
}
