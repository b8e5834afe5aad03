package com.securecart.persistence;

import com.securecart.notifications.EmailMessage;
import com.securecart.notifications.MailboxEntry;
import com.securecart.notifications.NotificationKind;
import com.securecart.notifications.NotificationRepository;
import com.securecart.notifications.SendDecision;
import com.securecart.notifications.UnsentClaim;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

/** Sent-notification records and the local mailbox in SQL. */
public final class JdbiNotificationRepository implements NotificationRepository {
  private final JdbiTransactions db;

  public JdbiNotificationRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public boolean wasSent(long orderId, NotificationKind kind) {
    return db.withHandle(
        h ->
            h.createQuery(
                        "SELECT COUNT(*) FROM notifications_sent WHERE order_id = :id AND kind = :kind")
                    .bind("id", orderId)
                    .bind("kind", kind.name())
                    .mapTo(Long.class)
                    .one()
                > 0);
  }

  @Override
  public boolean recordSent(long orderId, NotificationKind kind, String recipient, Instant now) {
    return insert(orderId, kind, recipient, "SEND", now, now);
  }

  @Override
  public boolean claim(long orderId, NotificationKind kind, String recipient, Instant now) {
    // The primary key (order_id, kind) decides a race: the second insert waits for the first to
    // commit, then fails on the key and reports false.
    return insert(orderId, kind, recipient, "SEND", now, null);
  }

  @Override
  public boolean recordSkipped(
      long orderId, NotificationKind kind, String recipient, SendDecision decision, Instant now) {
    // Sent at = decided at: a skipped row is done, so no stale-claim report ever picks it up.
    return insert(orderId, kind, recipient, decision.name(), now, now);
  }

  /** One row per (order, kind); false when it already exists. A null sentAt is an open claim. */
  private boolean insert(
      long orderId,
      NotificationKind kind,
      String recipient,
      String outcome,
      Instant claimedAt,
      Instant sentAt) {
    return db.insertIfAbsent(
        "INSERT INTO notifications_sent (order_id, kind, recipient, outcome, claimed_at, sent_at)"
            + " VALUES (:id, :kind, :recipient, :outcome, :claimed, :sent)",
        u ->
            u.bind("id", orderId)
                .bind("kind", kind.name())
                .bind("recipient", recipient)
                .bind("outcome", outcome)
                .bind("claimed", claimedAt)
                .bind("sent", sentAt));
  }

  @Override
  public long countSentTo(String recipient, Instant since) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT (SELECT COUNT(*) FROM notifications_sent"
                        + " WHERE recipient = :recipient AND claimed_at >= :since"
                        + " AND outcome = 'SEND')"
                        + " + (SELECT COUNT(*) FROM account_mail_sent"
                        + " WHERE recipient = :recipient AND sent_at >= :since)")
                .bind("recipient", recipient)
                .bind("since", since)
                .mapTo(Long.class)
                .one());
  }

  @Override
  public void markSent(long orderId, NotificationKind kind, Instant now) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE notifications_sent SET sent_at = :now"
                        + " WHERE order_id = :id AND kind = :kind AND sent_at IS NULL")
                .bind("id", orderId)
                .bind("kind", kind.name())
                .bind("now", now)
                .execute());
  }

  @Override
  public void releaseClaim(long orderId, NotificationKind kind) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "DELETE FROM notifications_sent"
                        + " WHERE order_id = :id AND kind = :kind AND sent_at IS NULL")
                .bind("id", orderId)
                .bind("kind", kind.name())
                .execute());
  }

  @Override
  public Optional<Instant> unsentClaimedAt(long orderId, NotificationKind kind) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT claimed_at FROM notifications_sent"
                        + " WHERE order_id = :id AND kind = :kind AND sent_at IS NULL")
                .bind("id", orderId)
                .bind("kind", kind.name())
                .map((rs, ctx) -> Sql.instant(rs.getTimestamp("claimed_at")))
                .findOne());
  }

  @Override
  public List<UnsentClaim> unsentClaims(Instant claimedBefore, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT order_id, kind, claimed_at FROM notifications_sent"
                        + " WHERE sent_at IS NULL AND claimed_at < :before"
                        + " ORDER BY claimed_at LIMIT :limit")
                .bind("before", claimedBefore)
                .bind("limit", limit)
                .map(
                    (rs, ctx) ->
                        new UnsentClaim(
                            rs.getLong("order_id"),
                            NotificationKind.valueOf(rs.getString("kind")),
                            Sql.instant(rs.getTimestamp("claimed_at"))))
                .list());
  }

  @Override
  public void recordAccountMail(String recipient, String kind, Instant now) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO account_mail_sent (recipient, kind, sent_at)"
                        + " VALUES (:recipient, :kind, :now)")
                .bind("recipient", recipient)
                .bind("kind", kind)
                .bind("now", now)
                .execute());
  }

  @Override
  public int deleteAccountMailsBefore(Instant before) {
    return db.withHandle(
        h ->
            h.createUpdate("DELETE FROM account_mail_sent WHERE sent_at < :before")
                .bind("before", before)
                .execute());
  }

  @Override
  public void storeInMailbox(EmailMessage m, Instant now) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO mailbox (recipient, subject, text_body, html_body, message_id, sent_at)"
                        + " VALUES (:to, :subject, :text, :html, :messageId, :now)")
                .bind("to", m.to())
                .bind("subject", m.subject())
                .bind("text", m.text())
                .bind("html", m.html())
                .bind("messageId", m.messageId())
                .bind("now", now)
                .execute());
  }

  @Override
  public List<MailboxEntry> mailbox(int limit) {
    return db.withHandle(
        h ->
            h.createQuery(MAILBOX_COLUMNS + " ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(JdbiNotificationRepository::entry)
                .list());
  }

  @Override
  public Optional<MailboxEntry> mailboxEntry(long id) {
    return db.withHandle(
        h ->
            h.createQuery(MAILBOX_COLUMNS + " WHERE id = :id")
                .bind("id", id)
                .map(JdbiNotificationRepository::entry)
                .findOne());
  }

  private static final String MAILBOX_COLUMNS =
      "SELECT id, recipient, subject, text_body, html_body, message_id, sent_at FROM mailbox";

  private static MailboxEntry entry(ResultSet rs, StatementContext ctx) throws SQLException {
    return new MailboxEntry(
        rs.getLong("id"),
        rs.getString("recipient"),
        rs.getString("subject"),
        rs.getString("text_body"),
        rs.getString("html_body"),
        rs.getString("message_id"),
        Sql.instant(rs.getTimestamp("sent_at")));
  }
}
