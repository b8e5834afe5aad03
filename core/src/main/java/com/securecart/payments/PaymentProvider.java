package com.securecart.payments;

import com.securecart.shared.Money;

/**
 * Port to a payment provider: the {@link SandboxPaymentProvider}, or Stripe (app's adapter). Every
 * call carries an idempotency key derived from the order, so that a retried pipeline step never
 * holds, captures or cancels twice.
 *
 * <p>Each method throws {@link PaymentUnavailableException} when the provider failed transiently
 * and the call may be retried (by the pipeline's RetryPolicy only: adapters do not retry).
 */
public interface PaymentProvider {

  /**
   * Authorizes (holds) an amount. The provider returns the earlier result for a repeated key
   * instead of authorizing again.
   */
  AuthorizationResult authorize(String idempotencyKey, Money amount, String paymentToken);

  /**
   * Takes the held amount. Repeating it is harmless.
   *
   * @return false if the provider refused for good (the hold expired or was cancelled)
   */
  boolean capture(String idempotencyKey, String authorizationId, Money amount);

  /** Releases an authorization that will not be captured. Repeating it is harmless. */
  void voidAuthorization(String idempotencyKey, String authorizationId);
}
