package com.securecart.notifications;

import com.securecart.orders.OrderDetails;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The notifications context's public face. */
public final class NotificationsApi {
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
   * Sends the e-mail unless it was sent before. Returns empty when it was sent before; otherwise
   * the write that records it as sent, which the caller runs in the transaction that completes its
   * step. A transport outside the database has sent the message by then; the local mailbox delivers
   * inside that write, and only if the record is new, so its delivery is exactly once.
   */
  public Optional<Runnable> sendOnce(NotificationKind kind, OrderDetails order) {
    long orderId = order.order().id().value();
    if (repository.wasSent(orderId, kind)) {
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
    mailer.send(message);
    return Optional.of(() -> repository.recordSent(orderId, kind, clock.instant()));
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
