package com.securecart.notifications;

import java.time.Clock;

/**
 * The mail transport used when no SMTP server is configured: messages are kept in the database,
 * where the admin API lists them, so that anyone running SecureCart locally can see what a customer
 * would have received.
 */
public final class LocalMailbox implements Mailer {
  private final NotificationRepository repository;
  private final Clock clock;

  public LocalMailbox(NotificationRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  @Override
  public void send(EmailMessage message) {
    repository.storeInMailbox(message, clock.instant());
  }

  @Override
  public boolean deliversInTransaction() {
    return true;
  }
}
