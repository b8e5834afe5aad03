package com.securecart.identity;

import java.time.Duration;

/**
 * What a single-use account token proves, and for how long. A reset token is short-lived because it
 * grants the account to whoever reads the mail; a verification token only proves the mailbox.
 */
public enum TokenPurpose {
  PASSWORD_RESET(Duration.ofMinutes(30)),
  VERIFY_EMAIL(Duration.ofHours(24));

  private final Duration lifetime;

  TokenPurpose(Duration lifetime) {
    this.lifetime = lifetime;
  }

  public Duration lifetime() {
    return lifetime;
  }
}
