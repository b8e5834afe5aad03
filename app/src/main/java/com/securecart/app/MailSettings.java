package com.securecart.app;

import java.util.Locale;

/**
 * Customer e-mail: SMTP when a host is set, otherwise the local mailbox (staff read it at Admin ->
 * Mailbox). Amazon SES is reached through its SMTP interface, which requires TLS: {@link
 * Tls#IMPLICIT} on port 465 or {@link Tls#STARTTLS_REQUIRED} on 587 (docs/adr/0017).
 */
public record MailSettings(
    String host, int port, String user, String password, String from, Tls tls) {
  public static final MailSettings LOCAL_MAILBOX =
      new MailSettings(null, 587, null, null, "SecureCart <orders@securecart.local>", Tls.STARTTLS);

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
    if (from == null || !from.contains("@")) {
      throw new ConfigException("SECURECART_SMTP_FROM must hold an e-mail address");
    }
    if (tls == null) {
      throw new ConfigException("SECURECART_SMTP_TLS must be set");
    }
    // Credentials (for SES: an SMTP password derived from an IAM key) never go in clear text:
    // neither without TLS nor with opportunistic STARTTLS, which a stripped offer turns into plain.
    if (user != null && host != null && tls == Tls.NONE) {
      throw new ConfigException(
          "SECURECART_SMTP_USER is set: SECURECART_SMTP_TLS must not be none");
    }
    if (user != null && host != null && tls == Tls.STARTTLS) {
      throw new ConfigException(
          "SECURECART_SMTP_USER is set: SECURECART_SMTP_TLS must be starttls-required or implicit"
              + " (starttls would send the password in clear text to a server that offers no TLS)");
    }
  }

  public boolean smtp() {
    return host != null;
  }

  @Override
  public String toString() {
    return host == null
        ? "local mailbox"
        : "Smtp[host=" + host + ", port=" + port + ", tls=" + tls + "]";
  }
}
