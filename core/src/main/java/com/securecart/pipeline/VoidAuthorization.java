package com.securecart.pipeline;

import com.securecart.payments.PaymentsApi;
import com.securecart.shared.OrderId;

/** After a cancellation or an expiry: release the hold on the customer's card, if there is one. */
public final class VoidAuthorization implements Step {
  private final PaymentsApi payments;
  private final String trigger;

  public VoidAuthorization(PaymentsApi payments, String trigger) {
    this.payments = payments;
    this.trigger = trigger;
  }

  @Override
  public String name() {
    return "void-authorization";
  }

  @Override
  public String trigger() {
    return trigger;
  }

  @Override
  public Effect run(OrderId id) {
    payments.voidFor(id);
    return Effect.NONE;
  }
}
