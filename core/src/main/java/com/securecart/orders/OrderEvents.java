package com.securecart.orders;

/** Outbox event types the orders context writes; the order pipeline reacts to them. */
public final class OrderEvents {
  public static final String PLACED = "order.placed";
  public static final String PAYMENT_AUTHORIZED = "order.payment-authorized";
  public static final String CONFIRMED = "order.confirmed";
  public static final String PAYMENT_FAILED = "order.payment-failed";
  public static final String CANCELLED = "order.cancelled";
  public static final String EXPIRED = "order.expired";
  public static final String FAILED = "order.failed";

  private OrderEvents() {}

  public static String forStatus(OrderStatus status) {
    return switch (status) {
      case PENDING_PAYMENT -> PLACED;
      case AUTHORIZED -> PAYMENT_AUTHORIZED;
      case CONFIRMED -> CONFIRMED;
      case PAYMENT_FAILED -> PAYMENT_FAILED;
      case CANCELLED -> CANCELLED;
      case EXPIRED -> EXPIRED;
      case FAILED -> FAILED;
    };
  }
}
