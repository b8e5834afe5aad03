package com.securecart.payments;

import com.securecart.shared.Money;

/** Port to a payment provider. Real providers (Stripe, Adyen, ...) plug in here. */
public interface PaymentProvider {

  /**
   * Authorizes an amount. {@code idempotencyKey} is stable per order: the provider returns the
   * earlier result for a repeated key instead of authorizing again.
   *
   * @throws PaymentUnavailableException when the provider failed transiently and the call may be
   *     retried
   */
  AuthorizationResult authorize(String idempotencyKey, Money amount, String paymentToken);

  /** Releases an authorization that will not be captured. Repeating it is harmless. */
  void voidAuthorization(String authorizationId);
}
