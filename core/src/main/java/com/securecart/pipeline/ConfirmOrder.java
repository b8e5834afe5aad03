package com.securecart.pipeline;

import com.securecart.inventory.InventoryApi;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrdersApi;
import com.securecart.payments.PaymentsApi;
import com.securecart.shared.OrderId;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Step 2: the payment is held, so take it (capture), then confirm the order and commit its reserved
 * stock, in one transaction.
 */
public final class ConfirmOrder implements Step {
  private final OrdersApi orders;
  private final PaymentsApi payments;
  private final InventoryApi inventory;

  public ConfirmOrder(OrdersApi orders, PaymentsApi payments, InventoryApi inventory) {
    this.orders = orders;
    this.payments = payments;
    this.inventory = inventory;
  }

  @Override
  public String name() {
    return "confirm-order";
  }

  @Override
  public String trigger() {
    return OrderEvents.PAYMENT_AUTHORIZED;
  }

  @Override
  public Supplier<Effect> prepare(OrderId id) {
    if (orders.status(id).orElse(null) != OrderStatus.AUTHORIZED) {
      return () -> Effect.NONE;
    }
    BooleanSupplier capture = payments.capturing(id);
    return () -> {
      // The provider call runs outside the transaction, keyed by the order so that a retry after a
      // failed effect captures once; the capture is recorded with the confirmation, so an order is
      // CONFIRMED exactly when its payment is CAPTURED.
      if (!capture.getAsBoolean()) {
        throw new PermanentStepFailure("the payment could not be captured");
      }
      // The order row first, then stock rows: the order every other writer (cancel, expiry) locks
      // them in, so a customer cancelling while the order is confirmed cannot deadlock with this
      // step.
      return () -> {
        payments.recordCapture(id);
        orders.confirm(id);
        inventory.commit(id);
      };
    };
  }

  @Override
  public Effect compensate(OrderId id, String error) {
    payments.voidFor(id);
    return () -> {
      if (orders.status(id).orElse(null) == OrderStatus.AUTHORIZED) {
        orders.fail(id, "order could not be confirmed");
        inventory.releaseAll(id);
      }
    };
  }
}
