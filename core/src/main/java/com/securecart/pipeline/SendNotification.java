package com.securecart.pipeline;

import com.securecart.notifications.NotificationKind;
import com.securecart.notifications.NotificationsApi;
import com.securecart.orders.OrderDetails;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrdersApi;
import com.securecart.shared.OrderId;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Step 3: e-mail the customer (the confirmation, or the payment-failed notice), at most once per
 * order.
 */
public final class SendNotification implements Step {
  private final OrdersApi orders;
  private final NotificationsApi notifications;
  private final NotificationKind kind;

  private SendNotification(
      OrdersApi orders, NotificationsApi notifications, NotificationKind kind) {
    this.orders = orders;
    this.notifications = notifications;
    this.kind = kind;
  }

  public static SendNotification confirmation(OrdersApi orders, NotificationsApi notifications) {
    return new SendNotification(orders, notifications, NotificationKind.ORDER_CONFIRMATION);
  }

  public static SendNotification paymentFailed(OrdersApi orders, NotificationsApi notifications) {
    return new SendNotification(orders, notifications, NotificationKind.PAYMENT_FAILED);
  }

  @Override
  public String name() {
    return kind == NotificationKind.ORDER_CONFIRMATION
        ? "send-confirmation"
        : "send-payment-failed";
  }

  @Override
  public boolean notifies() {
    return true;
  }

  @Override
  public String trigger() {
    return kind == NotificationKind.ORDER_CONFIRMATION
        ? OrderEvents.CONFIRMED
        : OrderEvents.PAYMENT_FAILED;
  }

  @Override
  public Supplier<Effect> prepare(OrderId id) {
    OrderDetails order = orders.findDetails(id).orElse(null);
    if (order == null) {
      return () -> Effect.NONE;
    }
    Supplier<Optional<Runnable>> sending = notifications.sending(kind, order);
    return () -> sending.get().<Effect>map(record -> record::run).orElse(Effect.NONE);
  }
}
