package com.securecart.app;

/**
 * Customer e-mail: SMTP when a host is set, otherwise the local mailbox (staff read it at Admin ->
 * Mailbox).
 */
public record MailSettings(
    String host, int port, String user, String password, String from, boolean startTls) {
  public static final MailSettings LOCAL_MAILBOX =
      new MailSettings(null, 587, null, null, "SecureCart <orders@securecart.local>", true);

  public MailSettings {
    if (host != null && host.isBlank()) {
      host = null;
    }
    Ranges.require(port, 1, 65_535, "SECURECART_SMTP_PORT");
    if (from == null || !from.contains("@")) {
      throw new ConfigException("SECURECART_SMTP_FROM must hold an e-mail address");
    }
  }

  public boolean smtp() {
    return host != null;
  }

  @Override
  public String toString() {
    return host == null ? "local mailbox" : "Smtp[host=" + host + ", port=" + port + "]";
  }
}
