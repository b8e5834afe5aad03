package com.securecart.identity;

import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;
import java.time.Duration;
import java.util.Map;

/**
 * Too many failed sign-ins for one e-mail (429 {@code account-locked} with {@code retryAfter}
 * seconds, sent as Retry-After too). Unknown e-mails are counted the same way, so the answer says
 * nothing about whether an account exists.
 */
public final class AccountLockedException extends DomainException {
  private final transient Duration retryAfter;

  AccountLockedException(Duration retryAfter) {
    super(
        Kind.TOO_MANY_REQUESTS,
        ProblemType.ACCOUNT_LOCKED,
        "Too many failed sign-ins",
        "Too many failed sign-ins for this e-mail; try again later",
        Map.of("retryAfter", Math.max(1, retryAfter.toSeconds())));
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
