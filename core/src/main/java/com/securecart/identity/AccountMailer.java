package com.securecart.identity;

/**
 * Port to the account e-mails. Implementations hand the mail off and return at once, so that a
 * request about an address with an account takes no longer than one about an unknown address.
 */
@FunctionalInterface
public interface AccountMailer {
  void send(AccountMail mail);
}
