package com.securecart.payments;

/** The provider's answer to an authorization. */
public sealed interface AuthorizationResult {
  /** The money is held for us. */
  record Approved(String authorizationId) implements AuthorizationResult {}

  /** The card was refused; retrying will not help. */
  record Declined(String reason) implements AuthorizationResult {}
}
