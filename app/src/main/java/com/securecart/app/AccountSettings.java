package com.securecart.app;

import java.time.Duration;

/**
 * Sign-in sessions and the first admin account, created once on an empty database.
 *
 * @param adminPassword null: a random one, printed once at the first start
 */
public record AccountSettings(Duration sessionTtl, String adminEmail, String adminPassword) {
  public AccountSettings {
    Ranges.require(
        sessionTtl, Duration.ofMinutes(5), Duration.ofDays(30), "SECURECART_SESSION_TTL_MINUTES");
    if (adminEmail == null || !adminEmail.contains("@")) {
      throw new ConfigException("SECURECART_ADMIN_EMAIL must be an e-mail address");
    }
  }

  @Override
  public String toString() {
    return "AccountSettings[sessionTtl=" + sessionTtl + ", admin=" + adminEmail + "]";
  }
}
