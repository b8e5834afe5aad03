package com.securecart.notifications;

import com.securecart.identity.AccountMail;
import com.securecart.orders.OrderDetails;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** The notifications context's public face. */
public final class NotificationsApi {
  private static final System.Logger LOG = System.getLogger(NotificationsApi.class.getName());

  private final EmailTemplates templates;
  private final Mailer mailer;
  private final NotificationRepository repository;
  private final Clock clock;
  private final int perRecipientPerDay;

  /** The default of {@code SECURECART_MAIL_PER_RECIPIENT_PER_DAY}. */
  public static final int DEFAULT_PER_RECIPIENT_PER_DAY = 10;

  /** The window of the per-recipient cap. */
  public static final Duration CAP_WINDOW = Duration.ofHours(24);

  /**
   * @param perRecipientPerDay at most this many e-mails to one address in any 24 hours, counted in
   *     the database so that every instance and the Lambda notification function share it
   */
  public NotificationsApi(
      EmailTemplates templates,
      Mailer mailer,
      NotificationRepository repository,
      Clock clock,
      int perRecipientPerDay) {
    if (perRecipientPerDay < 1) {
      throw new IllegalArgumentException("perRecipientPerDay must be at least 1");
    }
    this.templates = templates;
    this.mailer = mailer;
    this.repository = repository;
    this.clock = clock;
    this.perRecipientPerDay = perRecipientPerDay;
  }

  /**
   * A claim this old without a send recorded is no longer in flight: longer than a Lambda function
   * may run (15 minutes) and than any SMTP timeout. It is reported, never retaken.
   */
  public static final Duration STALE_CLAIM = Duration.ofMinutes(15);

  /**
   * Sends the e-mail unless it was sent (or claimed) before. Returns empty when it was; otherwise
   * the write that records it as sent, which the caller runs in the transaction that completes its
   * step.
   *
   * <p>The local mailbox delivers inside that write, and only if the record is new, so its delivery
   * is exactly once. A transport outside the database (SMTP, Amazon SES) first claims the (order,
   * kind) on its own, so that of two concurrent senders (a message SQS delivered twice) only one
   * sends, and the other throws {@link NotificationInFlightException} to be retried later; a send
   * that throws gives the claim back for the retry. A sender that dies after its claim leaves it
   * unsent: at most once, so it is never sent again, only reported ({@link #staleClaims},
   * docs/adr/0017).
   *
   * <p>Some are not sent at all ({@link SendDecision}): a payment-failed notice to a guest, and
   * anything to an address over its daily cap. The returned write then records the skip, so the
   * step completes and the notification is never tried again.
   */
  public Optional<Runnable> sendOnce(NotificationKind kind, OrderDetails order) {
    return sending(kind, order).get();
  }

  /**
   * {@link #sendOnce} in two halves: makes its reads now (in the caller's read transaction, which a
   * batch of pipeline steps shares), and claims and sends, where the transport needs it, only when
   * the returned call runs, outside any transaction. The local mailbox needs no call: its delivery
   * is in the returned write.
   */
  public Supplier<Optional<Runnable>> sending(NotificationKind kind, OrderDetails order) {
    long orderId = order.order().id().value();
    if (repository.wasSent(orderId, kind)) {
      failIfInFlight(orderId, kind);
      return Optional::empty;
    }
    String recipient = recipient(order.order().email());
    Instant now = clock.instant();
    // Two senders racing for one address may both pass the count: the cap can be overshot by the
    // number of concurrent senders (a worker's batch counts as its size), never more.
    SendDecision decision =
        SendDecision.of(
            kind,
            order.order(),
            repository.countSentTo(recipient, now.minus(CAP_WINDOW)),
            perRecipientPerDay);
    if (!decision.sends()) {
      if (decision == SendDecision.SKIPPED_RECIPIENT_CAP) {
        // No address and no body in the log: the order says who it was for.
        LOG.log(
            System.Logger.Level.WARNING,
            "notification skipped: order {0} {1}, its recipient had {2} e-mails in the last 24"
                + " hours (SECURECART_MAIL_PER_RECIPIENT_PER_DAY)",
            String.valueOf(orderId),
            kind,
            perRecipientPerDay);
      } else {
        LOG.log(
            System.Logger.Level.INFO,
            "notification skipped: order {0} {1}, {2}",
            String.valueOf(orderId),
            kind,
            decision.label());
      }
      Runnable skip =
          () -> repository.recordSkipped(orderId, kind, recipient, decision, clock.instant());
      return () -> Optional.of(skip);
    }
    EmailMessage message = templates.render(kind, order);
    if (mailer.deliversInTransaction()) {
      Runnable deliver =
          () -> {
            if (repository.recordSent(orderId, kind, recipient, clock.instant())) {
              mailer.send(message);
            }
          };
      return () -> Optional.of(deliver);
    }
    return () -> claimAndSend(orderId, kind, recipient, message);
  }

  /** A transport outside the database: claim, send, and return the write that records it sent. */
  private Optional<Runnable> claimAndSend(
      long orderId, NotificationKind kind, String recipient, EmailMessage message) {
    if (!repository.claim(orderId, kind, recipient, clock.instant())) {
      failIfInFlight(orderId, kind);
      return Optional.empty();
    }
    try {
      mailer.send(message);
    } catch (RuntimeException e) {
      try {
        repository.releaseClaim(orderId, kind);
      } catch (RuntimeException releaseFailed) {
        // The mail error is the cause; a claim left behind becomes stale and is reported.
        e.addSuppressed(releaseFailed);
      }
      throw e;
    }
    return Optional.of(() -> repository.markSent(orderId, kind, clock.instant()));
  }

  /**
   * Sends an account e-mail (verification, password reset, registration attempt) now, within the
   * same per-recipient cap as the order e-mails, so that registration and reset requests cannot
   * flood a mailbox. Not retried: the requester can ask again. Returns whether it was sent.
   */
  public boolean sendAccountMail(AccountMail mail) {
    String recipient = recipient(mail.to());
    Instant now = clock.instant();
    if (repository.countSentTo(recipient, now.minus(CAP_WINDOW)) >= perRecipientPerDay) {
      LOG.log(
          System.Logger.Level.WARNING,
          "account mail skipped: {0}, its recipient had {1} e-mails in the last 24 hours"
              + " (SECURECART_MAIL_PER_RECIPIENT_PER_DAY)",
          mail.kind(),
          perRecipientPerDay);
      return false;
    }
    EmailMessage message = templates.render(mail);
    repository.recordAccountMail(recipient, mail.kind().name(), now);
    mailer.send(message);
    return true;
  }

  /** Forgets account e-mails older than the cap's window: they no longer count toward it. */
  public int purgeAccountMailRecords() {
    return repository.deleteAccountMailsBefore(clock.instant().minus(CAP_WINDOW));
  }

  /** The address as counted for the cap: one mailbox however its letters are cased. */
  static String recipient(String email) {
    return email.strip().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Notifications claimed over {@link #STALE_CLAIM} ago and never recorded as sent, oldest first up
   * to {@code limit}. The periodic clean-up reports them ({@code Maintenance.reportStaleClaims}).
   */
  public List<UnsentClaim> staleClaims(int limit) {
    return repository.unsentClaims(clock.instant().minus(STALE_CLAIM), limit);
  }

  /**
   * Sent: nothing to do. Claimed a while ago and never recorded: the sender died, so report it and
   * do nothing. Claimed just now: another sender is at it, so throw to be retried later.
   */
  private void failIfInFlight(long orderId, NotificationKind kind) {
    Optional<Instant> claimed = repository.unsentClaimedAt(orderId, kind);
    if (claimed.isEmpty()) {
      return;
    }
    if (!claimed.get().isBefore(clock.instant().minus(STALE_CLAIM))) {
      throw new NotificationInFlightException(orderId, kind);
    }
    LOG.log(
        System.Logger.Level.WARNING,
        "notification claim unsent: order {0} {1} claimed at {2}; not resent, check the"
            + " transport log for the message",
        String.valueOf(orderId),
        kind,
        claimed.get());
  }

  public List<MailboxEntry> mailbox(int limit) {
    return repository.mailbox(limit);
  }

  /** One message of the local mailbox; 404 when there is none with that id. */
  public MailboxEntry mailboxEntry(long id) {
    return repository
        .mailboxEntry(id)
        .orElseThrow(() -> com.securecart.shared.DomainException.notFound("Message " + id));
  }
}
