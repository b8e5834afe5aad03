package com.securecart.notifications;

/** Port to a mail transport. Throws on failure; the pipeline retries. */
public interface Mailer {
  void send(EmailMessage message);

  /**
   * Whether this transport delivers by writing to SecureCart's own database. Such a delivery is
   * made in the transaction that records the notification as sent, so a crash or a lost database
   * between the two can never deliver twice. Any other transport (SMTP) is sent before that
   * transaction and is at least once; its stable Message-ID lets mail stores drop a repeat.
   */
  default boolean deliversInTransaction() {
    return false;
  }
}
