package com.securecart.testing;

import com.securecart.orders.Address;
import com.securecart.orders.NewOrder;
import com.securecart.orders.Order;
import com.securecart.orders.OrderLine;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrderTotals;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import com.securecart.shared.ProductId;
import java.time.Instant;
import java.util.List;

/** Orders as checkout hands them over, and as storage hands them back. */
public final class OrderMother {
  public static final String SKU = "SKU-1";

  private OrderMother() {}

  public static Address address() {
    return new Address("Ada Lovelace", "12 Main St", null, "Berlin", "10115", "DE");
  }

  /** Two units of {@link #SKU} at 10.00 EUR, plus 4.99 shipping; {@code customer} null: a guest. */
  public static NewOrder newOrder(CustomerId customer) {
    Money unit = Money.of(1_000, "EUR");
    OrderLine line = new OrderLine(new ProductId(1), SKU, "Product " + SKU, unit, 2, unit.times(2));
    return new NewOrder(
        customer,
        customer == null ? "guest@example.com" : "customer" + customer.value() + "@example.com",
        address(),
        List.of(line),
        OrderTotals.of(unit.times(2), Money.of(0, "EUR"), Money.of(499, "EUR")),
        "tok_visa");
  }

  /** An order as storage holds it, in any status. */
  public static Order stored(long id, CustomerId customer, OrderStatus status) {
    NewOrder order = newOrder(customer);
    return Order.rehydrate(
        new OrderId(id),
        "SC-" + id,
        customer,
        order.email(),
        order.shippingAddress(),
        order.lines(),
        order.totals(),
        status,
        null,
        status == OrderStatus.PENDING_PAYMENT ? null : "auth-" + id,
        Instant.parse("2026-11-26T09:00:00Z"),
        1);
  }

  /** The same order moved to {@code status} without the state machine: another writer's change. */
  public static Order withStatus(Order order, OrderStatus status, String reason) {
    return Order.rehydrate(
        order.id(),
        order.number(),
        order.customer(),
        order.email(),
        order.shippingAddress(),
        order.lines(),
        order.totals(),
        status,
        reason,
        order.paymentAuthorization(),
        order.createdAt(),
        order.version());
  }
}
