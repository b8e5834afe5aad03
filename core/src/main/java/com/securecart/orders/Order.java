package com.securecart.orders;

import com.securecart.shared.CustomerId;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.shared.ProblemType;
import java.time.Instant;
import java.util.List;

/**
 * The order aggregate. It is immutable; a transition returns the changed order, and only the
 * transitions the state machine allows are possible. {@code version} guards concurrent writers
 * (optimistic locking).
 */
public record Order(
    OrderId id,
    String number,
    CustomerId customer,
    String email,
    Address shippingAddress,
    List<OrderLine> lines,
    OrderTotals totals,
    OrderStatus status,
    String statusReason,
    String paymentAuthorization,
    Instant createdAt,
    int version) {

  public Order {
    lines = List.copyOf(lines);
  }

  public boolean guest() {
    return customer == null;
  }

  Order moveTo(OrderStatus target, String reason) {
    if (!status.canTransitionTo(target)) {
      throw DomainException.conflict(
          ProblemType.INVALID_ORDER_STATE,
          "Order cannot change state",
          "An order that is " + status + " cannot become " + target);
    }
    return new Order(
        id,
        number,
        customer,
        email,
        shippingAddress,
        lines,
        totals,
        target,
        reason,
        paymentAuthorization,
        createdAt,
        version);
  }

  Order authorized(String authorization) {
    Order next = moveTo(OrderStatus.AUTHORIZED, null);
    return new Order(
        id,
        number,
        customer,
        email,
        shippingAddress,
        lines,
        totals,
        next.status,
        null,
        authorization,
        createdAt,
        version);
  }

  @Override
  public String toString() {
    return "Order[id=" + id + ", number=" + number + ", status=" + status + "]";
  }
}
