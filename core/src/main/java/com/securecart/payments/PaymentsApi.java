package com.securecart.payments;

import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import java.time.Clock;
import java.util.Optional;

/** The payments context's public face. */
public final class PaymentsApi {
  private final PaymentProvider provider;
  private final PaymentRepository payments;
  private final Clock clock;

  public PaymentsApi(PaymentProvider provider, PaymentRepository payments, Clock clock) {
    this.provider = provider;
    this.payments = payments;
    this.clock = clock;
  }

  /**
   * Authorizes the order's total once. A repeated call returns the recorded authorization without
   * asking the provider again; if the record was lost, the provider's idempotency key still
   * prevents a second hold.
   */
  public AuthorizationResult authorize(OrderId order, Money amount, String paymentToken) {
    Optional<Authorization> existing = payments.find(order);
    if (existing.isPresent()) {
      return new AuthorizationResult.Approved(existing.get().authorizationId());
    }
    return provider.authorize("order-" + order, amount, paymentToken);
  }

  /**
   * Records an approved authorization, in the transaction that moves the order on; a second record
   * for the order is ignored.
   */
  public void record(OrderId order, String authorizationId, Money amount) {
    payments.insert(order, authorizationId, amount, clock.instant());
  }

  /** Voids the order's authorization, if it has one that is not voided yet. */
  public void voidFor(OrderId order) {
    Optional<Authorization> existing = payments.find(order);
    if (existing.isPresent() && existing.get().status() == Authorization.Status.AUTHORIZED) {
      provider.voidAuthorization(existing.get().authorizationId());
      payments.markVoided(order, clock.instant());
    }
  }

  Optional<Authorization> authorization(OrderId order) {
    return payments.find(order);
  }
}
