package com.securecart.pipeline;

import com.securecart.inventory.InventoryApi;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrdersApi;
import com.securecart.orders.PaymentDue;
import com.securecart.payments.AuthorizationResult;
import com.securecart.payments.PaymentsApi;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Step 1: hold the order's total on the customer's card. A decline fails the order and returns its
 * stock; a card that needs the shopper to authenticate (3-D Secure) leaves the order waiting.
 */
public final class AuthorizePayment implements Step {
  private final OrdersApi orders;
  private final PaymentsApi payments;
  private final InventoryApi inventory;

  public AuthorizePayment(OrdersApi orders, PaymentsApi payments, InventoryApi inventory) {
    this.orders = orders;
    this.payments = payments;
    this.inventory = inventory;
  }

  @Override
  public String name() {
    return "authorize-payment";
  }

  @Override
  public String trigger() {
    return OrderEvents.PLACED;
  }

  @Override
  public Supplier<Effect> prepare(OrderId id) {
    Optional<PaymentDue> due = orders.paymentDue(id);
    if (due.isEmpty()) {
      return () -> Effect.NONE;
    }
    Money total = due.get().total();
    Supplier<AuthorizationResult> authorization =
        payments.authorization(id, total, due.get().paymentToken());
    return () ->
        switch (authorization.get()) {
          case AuthorizationResult.Approved approved ->
              () -> {
                payments.record(id, approved.authorizationId(), total);
                orders.markAuthorized(id, approved.authorizationId());
              };
          case AuthorizationResult.Declined declined ->
              () -> {
                orders.markPaymentFailed(id, declined.reason());
                inventory.release(id);
              };
          // The order keeps waiting (its reservation still expires); a verified provider event
          // moves it on (PaymentEvents).
          case AuthorizationResult.RequiresAction action ->
              () -> payments.recordActionRequired(id, action, total);
        };
  }

  /**
   * Retries ran out (the provider stayed down) or the order moved on meanwhile (it expired or was
   * cancelled): void any hold we got, and fail the order if it is still waiting for payment.
   */
  @Override
  public Effect compensate(OrderId id, String error) {
    payments.voidFor(id);
    return () -> {
      if (orders.status(id).orElse(null) == OrderStatus.PENDING_PAYMENT) {
        orders.markPaymentFailed(id, "payment could not be processed");
        inventory.release(id);
      }
    };
  }
}
