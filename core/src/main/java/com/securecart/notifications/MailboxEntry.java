package com.securecart.notifications;

import java.time.Instant;

/** A message kept in the local mailbox. */
public record MailboxEntry(
    long id,
    String to,
    String subject,
    String text,
    String html,
    String messageId,
    Instant sentAt) {}
