package com.securecart.payments;

/** The provider's answer to an authorization. */
public sealed interface AuthorizationResult {
  /** The money is held for us. */
  record Approved(String authorizationId) implements AuthorizationResult {}

  /** The card was refused; retrying will not help. */
  record Declined(String reason) implements AuthorizationResult {}

  /**
   * The card issuer wants the shopper to act first (3-D Secure): nothing is held yet. The order
   * waits; the shopper's browser completes the action with {@code clientSecret}, and the provider
   * tells us the outcome later (a webhook, see {@link PaymentEvent}).
   */
  record RequiresAction(String authorizationId, String clientSecret)
      implements AuthorizationResult {
    @Override
    public String toString() {
      return "RequiresAction[" + authorizationId + "]";
    }
  }
}
