package com.securecart.payments;

import com.securecart.shared.Money;
import com.securecart.shared.OrderId;

/**
 * Our record of an order's authorization.
 *
 * @param authorizationId the provider's id for the hold (a Stripe PaymentIntent's {@code pi_...})
 * @param clientSecret what the shopper's browser needs to complete a {@link Status#REQUIRES_ACTION}
 *     step with the provider; null in every other status
 */
public record Authorization(
    OrderId orderId, String authorizationId, Money amount, Status status, String clientSecret) {

  /**
   * REQUIRES_ACTION (the shopper must authenticate, e.g. 3-D Secure) or AUTHORIZED, then CAPTURED
   * when the order is confirmed, VOIDED when it is not, FAILED when the shopper's action failed.
   */
  public enum Status {
    REQUIRES_ACTION,
    AUTHORIZED,
    CAPTURED,
    VOIDED,
    FAILED
  }

  /** A hold we still own and must release if the order does not go ahead. */
  public boolean voidable() {
    return status == Status.AUTHORIZED || status == Status.REQUIRES_ACTION;
  }

  // The client secret lets anyone who has it complete the payment: it stays out of logs.
  @Override
  public String toString() {
    return "Authorization[order="
        + orderId
        + ", id="
        + authorizationId
        + ", status="
        + status
        + "]";
  }
}
