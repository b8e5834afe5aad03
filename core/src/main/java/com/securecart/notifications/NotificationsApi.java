package com.securecart.notifications;

import com.securecart.orders.OrderDetails;
import java.time.Clock;
import java.util.List;

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
   * Sends the e-mail unless it was sent before. Returns whether it was sent now; the caller records
   * that with {@link #recordSent} in the transaction that completes its step.
   */
  public boolean sendOnce(NotificationKind kind, OrderDetails order) {
    if (repository.wasSent(order.order().id().value(), kind)) {
      return false;
    }
    mailer.send(templates.render(kind, order));
    return true;
  }

  public void recordSent(NotificationKind kind, long orderId) {
    repository.recordSent(orderId, kind, clock.instant());
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
