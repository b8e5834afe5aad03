package com.securecart.identity;

import java.util.Objects;

/**
 * An e-mail about an account. It carries no text the requester typed (issue 15 item 8): only the
 * fixed wording of its kind, and a link with the token where there is one.
 *
 * @param token the single-use token for the link; empty for a registration attempt
 */
public record AccountMail(Kind kind, String to, String token) {
  public enum Kind {
    VERIFY_EMAIL,
    PASSWORD_RESET,
    /** Someone tried to register with an address that has an account: the owner is told. */
    REGISTRATION_ATTEMPT
  }

  public AccountMail {
    Objects.requireNonNull(kind);
    Objects.requireNonNull(to);
    Objects.requireNonNull(token);
  }

  @Override
  public String toString() {
    return "AccountMail[kind=" + kind + ", token=***]";
  }
}
