package com.securecart.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.orders.Address;
import com.securecart.orders.Order;
import com.securecart.orders.OrderDetails;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrderTotals;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import com.securecart.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationsApiTest {
  private static final NotificationKind KIND = NotificationKind.ORDER_CONFIRMATION;

  /** Sent records and the mailbox, in memory. */
  private static final class Records implements NotificationRepository {
    final Set<String> sent = new HashSet<>();
    final List<EmailMessage> mailbox = new ArrayList<>();

    @Override
    public boolean wasSent(long orderId, NotificationKind kind) {
      return sent.contains(orderId + kind.name());
    }

    @Override
    public boolean recordSent(long orderId, NotificationKind kind, Instant now) {
      return sent.add(orderId + kind.name());
    }

    @Override
    public void storeInMailbox(EmailMessage message, Instant now) {
      mailbox.add(message);
    }

    @Override
    public List<MailboxEntry> mailbox(int limit) {
      return List.of();
    }

    @Override
    public Optional<MailboxEntry> mailboxEntry(long id) {
      return Optional.empty();
    }
  }

  private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
  private final Records records = new Records();
  private final EmailTemplates templates =
      (kind, order) ->
          new EmailMessage(
              order.order().email(),
              "Order " + order.order().number(),
              "<p>thanks</p>",
              "thanks",
              "<" + order.order().id().value() + "." + kind + "@test>");

  @Test
  void theLocalMailboxDeliversOnlyWhenTheRecordIsWrittenSoALostTransactionCannotDeliverTwice() {
    NotificationsApi api =
        new NotificationsApi(templates, new LocalMailbox(records, clock), records, clock);

    Runnable lost = api.sendOnce(KIND, order(7)).orElseThrow();
    assertThat(records.mailbox).as("nothing delivered before the step's transaction").isEmpty();
    // The transaction carrying `lost` never commits (the database went away); the step is retried.
    Runnable retried = api.sendOnce(KIND, order(7)).orElseThrow();
    retried.run();
    // A second worker that raced the first commits its own copy of the write afterwards.
    lost.run();

    assertThat(records.mailbox).hasSize(1);
    assertThat(api.sendOnce(KIND, order(7))).isEmpty();
  }

  @Test
  void anOutsideTransportSendsBeforeTheRecordAndNotAgainOnceRecorded() {
    List<EmailMessage> smtp = new ArrayList<>();
    NotificationsApi api = new NotificationsApi(templates, smtp::add, records, clock);

    Runnable record = api.sendOnce(KIND, order(8)).orElseThrow();
    assertThat(smtp).hasSize(1);
    assertThat(records.wasSent(8, KIND)).isFalse();
    record.run();

    assertThat(api.sendOnce(KIND, order(8))).isEmpty();
    assertThat(smtp).hasSize(1);
    assertThat(records.mailbox).isEmpty();
  }

  private static OrderDetails order(long id) {
    Money zero = Money.of(0, "EUR");
    Order order =
        Order.rehydrate(
            new OrderId(id),
            "SC-" + id,
            null,
            "ada@example.com",
            new Address("Ada Lovelace", "12 Main St", null, "Berlin", "10115", "DE"),
            List.of(),
            OrderTotals.of(Money.of(1_000, "EUR"), zero, zero),
            OrderStatus.CONFIRMED,
            null,
            "auth-1",
            Instant.parse("2026-11-26T09:00:00Z"),
            1);
    return new OrderDetails(order, List.of());
  }
}
