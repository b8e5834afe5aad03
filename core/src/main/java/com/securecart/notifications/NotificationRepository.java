package com.securecart.notifications;

import java.time.Instant;
import java.util.List;

/** Port to the record of sent notifications and to the local mailbox. */
public interface NotificationRepository {
  boolean wasSent(long orderId, NotificationKind kind);

  /** False if it was already recorded (a concurrent duplicate). */
  boolean recordSent(long orderId, NotificationKind kind, Instant now);

  void storeInMailbox(EmailMessage message, Instant now);

  List<MailboxEntry> mailbox(int limit);

  java.util.Optional<MailboxEntry> mailboxEntry(long id);
}
