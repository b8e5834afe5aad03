package com.securecart.notifications;

import com.securecart.orders.OrderDetails;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The notifications context's public face. */
public final class NotificationsApi {
  private static final System.Logger LOG = System.getLogger(NotificationsApi.class.getName());

  private final EmailTemplates templates;
  private final Mailer mailer;
  private final NotificationRepository repository;
  private final Clock clock;

  public NotificationsApi(
      EmailTemplates templates, Mailer mailer, NotificationRepository repository, Clock clock) {
    this.templates = templates;
    this.mailer = mailer;
    this.repository = repository;
    this.clock = clock;
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
   */
  public Optional<Runnable> sendOnce(NotificationKind kind, OrderDetails order) {
    long orderId = order.order().id().value();
    if (repository.wasSent(orderId, kind)) {
      failIfInFlight(orderId, kind);
      return Optional.empty();
    }
    EmailMessage message = templates.render(kind, order);
    if (mailer.deliversInTransaction()) {
      return Optional.of(
          () -> {
            if (repository.recordSent(orderId, kind, clock.instant())) {
              mailer.send(message);
            }
          });
    }
    if (!repository.claim(orderId, kind, clock.instant())) {
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
