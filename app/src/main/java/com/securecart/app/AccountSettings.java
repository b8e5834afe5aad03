package com.securecart.app;

import java.time.Duration;

/**
 * Sign-in sessions and the first admin account, created once on an empty database.
 *
 * @param adminPassword null: a random one, printed once at the first start
 * @param publicUrl the base of the links in account e-mails ({@code SECURECART_PUBLIC_URL})
 */
public record AccountSettings(
    Duration sessionTtl, String adminEmail, String adminPassword, String publicUrl) {
  /** The links' base when no public URL is set: a shop running on this machine. */
  public static final String LOCAL_URL = "http://localhost:8080";

  /** Links to {@link #LOCAL_URL}. */
  public AccountSettings(Duration sessionTtl, String adminEmail, String adminPassword) {
    this(sessionTtl, adminEmail, adminPassword, LOCAL_URL);
  }

  public AccountSettings {
    publicUrl = publicUrl == null || publicUrl.isBlank() ? LOCAL_URL : publicUrl.strip();
    if (publicUrl.endsWith("/")) {
      publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
    }
    if (!publicUrl.startsWith("https://") && !publicUrl.startsWith("http://")) {
      throw new ConfigException("SECURECART_PUBLIC_URL must be an http(s):// URL");
    }
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
