package com.securecart.orders;

import java.util.EnumSet;
import java.util.Set;

/** Where an order is in its life, and where it may go from there. */
public enum OrderStatus {
  PENDING_PAYMENT,
  AUTHORIZED,
  CONFIRMED,
  PAYMENT_FAILED,
  CANCELLED,
  EXPIRED,
  FAILED;

  private Set<OrderStatus> next() {
    return switch (this) {
      case PENDING_PAYMENT -> EnumSet.of(AUTHORIZED, PAYMENT_FAILED, CANCELLED, EXPIRED);
      case AUTHORIZED -> EnumSet.of(CONFIRMED, CANCELLED, FAILED);
      case CONFIRMED -> EnumSet.of(CANCELLED);
      case PAYMENT_FAILED, CANCELLED, EXPIRED, FAILED -> EnumSet.noneOf(OrderStatus.class);
    };
  }

  boolean canTransitionTo(OrderStatus target) {
    return next().contains(target);
  }

  /**
   * A customer may cancel until the order ships; shipping is not modelled yet, so until it is
   * final.
   */
  boolean cancellable() {
    return canTransitionTo(CANCELLED);
  }
}
