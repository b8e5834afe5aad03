package com.securecart.app;

import java.util.Locale;

/**
 * Customer e-mail: SMTP when a host is set, otherwise the local mailbox (staff read it at Admin ->
 * Mailbox). Amazon SES is reached through its SMTP interface, which requires TLS: {@link
 * Tls#IMPLICIT} on port 465 or {@link Tls#STARTTLS_REQUIRED} on 587 (docs/adr/0017).
 *
 * <p>The SMTP login is either {@code user} and {@code password} ({@code SECURECART_SMTP_USER} and
 * {@code SECURECART_SMTP_PASSWORD}) or a Secrets Manager secret ({@code
 * SECURECART_SMTP_SECRET_ARN}) that the entry point reads before wiring ({@link
 * #withLoginFromSecret}): one source, never both.
 *
 * @param secret where the SMTP login lives, until the entry point has read it; null: {@code user}
 *     and {@code password} (or none)
 * @param perRecipientPerDay at most this many e-mails to one address in any 24 hours, whatever the
 *     transport ({@code SECURECART_MAIL_PER_RECIPIENT_PER_DAY}, 1 to 1000, default 10; issue 15
 *     item 8); over it a mail is skipped and logged
 */
public record MailSettings(
    String host,
    int port,
    String user,
    String password,
    String from,
    Tls tls,
    MailSecret secret,
    int perRecipientPerDay) {
  /** The default of {@code SECURECART_MAIL_PER_RECIPIENT_PER_DAY}. */
  public static final int DEFAULT_PER_RECIPIENT_PER_DAY = 10;

  public static final MailSettings LOCAL_MAILBOX =
      new MailSettings(null, 587, null, null, "SecureCart <orders@securecart.local>", Tls.STARTTLS);

  public MailSettings(String host, int port, String user, String password, String from, Tls tls) {
    this(host, port, user, password, from, tls, null);
  }

  public MailSettings(
      String host,
      int port,
      String user,
      String password,
      String from,
      Tls tls,
      MailSecret secret) {
    this(host, port, user, password, from, tls, secret, DEFAULT_PER_RECIPIENT_PER_DAY);
  }

  /** These settings with another per-recipient cap. */
  public MailSettings withPerRecipientPerDay(int cap) {
    return new MailSettings(host, port, user, password, from, tls, secret, cap);
  }

  /** How the SMTP connection is protected ({@code SECURECART_SMTP_TLS}). */
  public enum Tls {
    /** Plain SMTP (a local relay or a test server). */
    NONE,
    /** STARTTLS when the server offers it, plain otherwise: the historical default. */
    STARTTLS,
    /** STARTTLS or fail: a server that does not offer it, or a stripped offer, is an error. */
    STARTTLS_REQUIRED,
    /** TLS from the first byte (SMTPS, port 465). */
    IMPLICIT;

    /** Parses {@code none | starttls | starttls-required | implicit}. */
    public static Tls parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "none" -> NONE;
        case "starttls" -> STARTTLS;
        case "starttls-required" -> STARTTLS_REQUIRED;
        case "implicit" -> IMPLICIT;
        default ->
            throw new ConfigException(
                "SECURECART_SMTP_TLS must be none, starttls, starttls-required or implicit, got '"
                    + text
                    + "'");
      };
    }

    /** Whether a connection without TLS is refused. */
    public boolean required() {
      return this == STARTTLS_REQUIRED || this == IMPLICIT;
    }
  }

  public MailSettings {
    if (host != null && host.isBlank()) {
      host = null;
    }
    Ranges.require(port, 1, 65_535, "SECURECART_SMTP_PORT");
    Ranges.require(perRecipientPerDay, 1, 1_000, "SECURECART_MAIL_PER_RECIPIENT_PER_DAY");
    if (from == null || !from.contains("@")) {
      throw new ConfigException("SECURECART_SMTP_FROM must hold an e-mail address");
    }
    if (tls == null) {
      throw new ConfigException("SECURECART_SMTP_TLS must be set");
    }
    if (secret != null) {
      if (host == null) {
        throw new ConfigException(
            "SECURECART_SMTP_SECRET_ARN is set but SECURECART_SMTP_HOST is not: the SMTP login"
                + " is for an SMTP server");
      }
      user = blankToNull(user);
      password = blankToNull(password);
      if (user != null || password != null) {
        throw new ConfigException(
            "SECURECART_SMTP_USER and SECURECART_SMTP_PASSWORD must not be set with"
                + " SECURECART_SMTP_SECRET_ARN: the secret is the one source of the SMTP login");
      }
    }
    // Credentials (for SES: an SMTP password derived from an IAM key) never go in clear text:
    // neither without TLS nor with opportunistic STARTTLS, which a stripped offer turns into plain.
    String login =
        secret != null
            ? "SECURECART_SMTP_SECRET_ARN"
            : user != null ? "SECURECART_SMTP_USER" : null;
    if (login != null && host != null && tls == Tls.NONE) {
      throw new ConfigException(login + " is set: SECURECART_SMTP_TLS must not be none");
    }
    if (login != null && host != null && tls == Tls.STARTTLS) {
      throw new ConfigException(
          login
              + " is set: SECURECART_SMTP_TLS must be starttls-required or implicit"
              + " (starttls would send the password in clear text to a server that offers no TLS)");
    }
  }

  /**
   * These settings with the login read from {@link #secret()}; the secret is then spent (null), so
   * that what is wired holds one login.
   */
  public MailSettings withLoginFromSecret(String secretUser, String secretPassword) {
    if (secret == null) {
      throw new IllegalStateException("no SECURECART_SMTP_SECRET_ARN to have read the login from");
    }
    if (blankToNull(secretUser) == null || blankToNull(secretPassword) == null) {
      throw new ConfigException(
          "the secret in SECURECART_SMTP_SECRET_ARN must hold a non-empty username and password");
    }
    return new MailSettings(
        host, port, secretUser, secretPassword, from, tls, null, perRecipientPerDay);
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  public boolean smtp() {
    return host != null;
  }

  @Override
  public String toString() {
    return host == null
        ? "local mailbox"
        : "Smtp[host="
            + host
            + ", port="
            + port
            + ", tls="
            + tls
            + (secret == null ? "" : ", login from Secrets Manager")
            + ", perRecipientPerDay="
            + perRecipientPerDay
            + "]";
  }
}
