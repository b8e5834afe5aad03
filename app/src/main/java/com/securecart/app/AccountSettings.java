package com.securecart.app;

import com.securecart.identity.IdentityApi;
import com.securecart.identity.SessionPolicy;
import java.time.Duration;
import java.util.Locale;

/**
 * Sign-in sessions, staff access and the first owner account, created once on an empty database.
 *
 * @param adminPassword null: a random one, printed once at the first start
 * @param staffIdle a staff session ends after this long without a request
 * @param customerIdle a customer session ends after this long without a request
 * @param adminTotpSecret null: the first owner enrols TOTP at the first sign-in; else its base32
 *     TOTP secret, as a deployment takes it from a secrets store
 * @param adminHost null: staff paths on every host name; else only on this one (lower case)
 * @param publicUrl the base of the links in account e-mails ({@code SECURECART_PUBLIC_URL})
 */
public record AccountSettings(
    Duration sessionTtl,
    String adminEmail,
    String adminPassword,
    Duration staffIdle,
    Duration customerIdle,
    String adminTotpSecret,
    String adminHost,
    String publicUrl) {
  /** Staff idle timeout: 30 minutes, as issue 15 asks for privileged sessions. */
  public static final Duration STAFF_IDLE = Duration.ofMinutes(30);

  /**
   * Customer idle timeout: an hour. Long enough to read and compare products without being signed
   * out mid-purchase (the cart survives anyway), short enough that a shop left open on a shared
   * computer does not stay signed in for the whole 12-hour session.
   */
  public static final Duration CUSTOMER_IDLE = Duration.ofMinutes(60);

  /** The links' base when no public URL is set: a shop running on this machine. */
  public static final String LOCAL_URL = "http://localhost:8080";

  /** The session rules and defaults above, with the given lifetime and first admin. */
  public static AccountSettings of(Duration sessionTtl, String adminEmail, String adminPassword) {
    return new AccountSettings(
        sessionTtl, adminEmail, adminPassword, STAFF_IDLE, CUSTOMER_IDLE, null, null, LOCAL_URL);
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
    Ranges.require(
        staffIdle, Duration.ofMinutes(1), Duration.ofHours(12), "SECURECART_STAFF_IDLE_MINUTES");
    Ranges.require(
        customerIdle,
        Duration.ofMinutes(1),
        Duration.ofDays(30),
        "SECURECART_CUSTOMER_IDLE_MINUTES");
    if (adminEmail == null || !adminEmail.contains("@")) {
      throw new ConfigException("SECURECART_ADMIN_EMAIL must be an e-mail address");
    }
    if (adminTotpSecret != null && adminTotpSecret.isBlank()) {
      adminTotpSecret = null;
    }
    if (adminTotpSecret != null && !IdentityApi.validTotpSecret(adminTotpSecret)) {
      throw new ConfigException(
          "SECURECART_ADMIN_TOTP_SECRET must be base32 (A-Z, 2-7) of at least 128 bits"
              + " (26 characters or more)");
    }
    if (adminHost != null) {
      adminHost = adminHost.strip().toLowerCase(Locale.ROOT);
      if (adminHost.isEmpty()) {
        adminHost = null;
      } else if (!adminHost.matches("[a-z0-9.-]+")) {
        throw new ConfigException(
            "SECURECART_ADMIN_HOST must be a host name such as admin.shop.example.com");
      }
    }
  }

  public AccountSettings withAdminTotpSecret(String secret) {
    return new AccountSettings(
        sessionTtl,
        adminEmail,
        adminPassword,
        staffIdle,
        customerIdle,
        secret,
        adminHost,
        publicUrl);
  }

  public AccountSettings withAdminHost(String host) {
    return new AccountSettings(
        sessionTtl,
        adminEmail,
        adminPassword,
        staffIdle,
        customerIdle,
        adminTotpSecret,
        host,
        publicUrl);
  }

  public SessionPolicy sessionPolicy() {
    return new SessionPolicy(sessionTtl, staffIdle, customerIdle);
  }

  @Override
  public String toString() {
    return "AccountSettings[sessionTtl="
        + sessionTtl
        + ", admin="
        + adminEmail
        + ", staffIdle="
        + staffIdle
        + ", customerIdle="
        + customerIdle
        + ", adminHost="
        + adminHost
        + "]";
  }
}
