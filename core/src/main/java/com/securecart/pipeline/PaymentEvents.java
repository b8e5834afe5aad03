package com.securecart.pipeline;

import com.securecart.inventory.InventoryApi;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrdersApi;
import com.securecart.payments.PaymentEvent;
import com.securecart.payments.PaymentsApi;
import com.securecart.shared.OrderId;
import com.securecart.shared.Transactions;
import java.util.Optional;

/**
 * Applies what the provider tells us after the authorize step left an order waiting for the
 * shopper's action (3-D Secure): the order moves on through the same transitions and outbox events
 * as a direct approval or decline, so the confirm step and the e-mails follow as usual. The event
 * id, the payment record and the order move in one transaction: a redelivered event changes
 * nothing, and a failed one is not recorded, so the provider's redelivery applies it.
 */
public final class PaymentEvents {
  /** What became of an event. */
  public enum Applied {
    APPLIED,
    DUPLICATE,
    IGNORED
  }

  private final OrdersApi orders;
  private final PaymentsApi payments;
  private final InventoryApi inventory;
  private final Transactions transactions;

  public PaymentEvents(
      OrdersApi orders, PaymentsApi payments, InventoryApi inventory, Transactions transactions) {
    this.orders = orders;
    this.payments = payments;
    this.inventory = inventory;
    this.transactions = transactions;
  }

  public Applied apply(PaymentEvent event) {
    return transactions.inTransaction(
        () -> {
          if (!payments.firstDelivery(event)) {
            return Applied.DUPLICATE;
          }
          // Events for orders that already moved on (expired, cancelled: their hold is voided by
          // the void step) or that never waited for an action are acknowledged and ignored.
          Optional<OrderId> order =
              event.outcome() == PaymentEvent.Outcome.IGNORED
                  ? Optional.empty()
                  : payments.awaitingAction(event.authorizationId());
          if (order.isEmpty()
              || orders.status(order.get()).orElse(null) != OrderStatus.PENDING_PAYMENT
              || !payments.settleAction(order.get(), event.outcome())) {
            return Applied.IGNORED;
          }
          OrderId id = order.get();
          if (event.outcome() == PaymentEvent.Outcome.AUTHORIZED) {
            orders.markAuthorized(id, event.authorizationId());
          } else {
            orders.markPaymentFailed(id, "payment authentication failed");
            inventory.release(id);
          }
          return Applied.APPLIED;
        });
  }
}
