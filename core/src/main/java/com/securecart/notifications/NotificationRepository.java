package com.securecart.notifications;

import java.time.Instant;
import java.util.List;

/** Port to the record of sent notifications and to the local mailbox. */
public interface NotificationRepository {
  /** Whether it was sent, or is claimed by a sender (see {@link #claim}). */
  boolean wasSent(long orderId, NotificationKind kind);

  /**
   * False if it was already recorded (a concurrent duplicate).
   *
   * @param recipient the address, lower case, counted by {@link #countSentTo}
   */
  boolean recordSent(long orderId, NotificationKind kind, String recipient, Instant now);

  /**
   * Claims the (order, kind) for a transport outside the database, before it sends; committed on
   * its own when called outside a transaction. False if it is claimed or sent already: the loser of
   * two racing senders does not send.
   */
  boolean claim(long orderId, NotificationKind kind, String recipient, Instant now);

  /**
   * Records a notification that was decided against ({@link SendDecision}): it counts as done, so
   * it is never tried again, and it counts toward no cap. False if it was already recorded.
   */
  boolean recordSkipped(
      long orderId, NotificationKind kind, String recipient, SendDecision decision, Instant now);

  /**
   * How many notifications and account e-mails to {@code recipient} (lower case) were sent or
   * claimed at or after {@code since}; skipped ones are not counted.
   */
  long countSentTo(String recipient, Instant since);

  /** Records a claimed notification as sent. */
  void markSent(long orderId, NotificationKind kind, Instant now);

  /** Gives back a claim whose send failed, so that a retry can take it; a sent one stays. */
  void releaseClaim(long orderId, NotificationKind kind);

  /** When an unsent claim on (order, kind) was taken; empty if there is none. */
  java.util.Optional<Instant> unsentClaimedAt(long orderId, NotificationKind kind);

  /** Claims taken before {@code claimedBefore} and never marked sent, oldest first. */
  List<UnsentClaim> unsentClaims(Instant claimedBefore, int limit);

  /** Records an account e-mail as sent (or claimed for sending) to {@code recipient}. */
  void recordAccountMail(String recipient, String kind, Instant now);

  /** Deletes the account e-mail records sent before {@code before}; returns how many. */
  int deleteAccountMailsBefore(Instant before);

  void storeInMailbox(EmailMessage message, Instant now);

  List<MailboxEntry> mailbox(int limit);

  java.util.Optional<MailboxEntry> mailboxEntry(long id);
}
