package com.securecart.notifications;

/** Port to a mail transport. Throws on failure; the pipeline retries. */
public interface Mailer {
  void send(EmailMessage message);
}
