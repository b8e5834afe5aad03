package com.securecart.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.orders.Address;
import com.securecart.orders.Order;
import com.securecart.orders.OrderDetails;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrderTotals;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import com.securecart.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationsApiTest {
  private static final NotificationKind KIND = NotificationKind.ORDER_CONFIRMATION;

  /** Sent records, claims and the mailbox, in memory. */
  private static class Records implements NotificationRepository {
    final Set<String> sent = new HashSet<>();
    final Map<String, Instant> claims = new HashMap<>();
    final List<EmailMessage> mailbox = new ArrayList<>();
    final List<Map.Entry<String, Instant>> sentTo = new ArrayList<>();
    final Map<String, SendDecision> skipped = new HashMap<>();

    @Override
    public boolean wasSent(long orderId, NotificationKind kind) {
      return sent.contains(orderId + kind.name()) || claims.containsKey(orderId + kind.name());
    }

    @Override
    public boolean recordSent(long orderId, NotificationKind kind, String recipient, Instant now) {
      sentTo.add(Map.entry(recipient, now));
      return sent.add(orderId + kind.name());
    }

    @Override
    public boolean recordSkipped(
        long orderId, NotificationKind kind, String recipient, SendDecision decision, Instant now) {
      skipped.put(orderId + kind.name(), decision);
      return sent.add(orderId + kind.name());
    }

    @Override
    public long countSentTo(String recipient, Instant since) {
      return sentTo.stream()
          .filter(e -> e.getKey().equals(recipient) && !e.getValue().isBefore(since))
          .count();
    }

    @Override
    public boolean claim(long orderId, NotificationKind kind, String recipient, Instant now) {
      boolean claimed =
          !sent.contains(orderId + kind.name())
              && claims.putIfAbsent(orderId + kind.name(), now) == null;
      if (claimed) {
        sentTo.add(Map.entry(recipient, now));
      }
      return claimed;
    }

    @Override
    public void markSent(long orderId, NotificationKind kind, Instant now) {
      if (claims.remove(orderId + kind.name()) != null) {
        sent.add(orderId + kind.name());
      }
    }

    @Override
    public void releaseClaim(long orderId, NotificationKind kind) {
      claims.remove(orderId + kind.name());
    }

    @Override
    public Optional<Instant> unsentClaimedAt(long orderId, NotificationKind kind) {
      return Optional.ofNullable(claims.get(orderId + kind.name()));
    }

    @Override
    public List<UnsentClaim> unsentClaims(Instant claimedBefore, int limit) {
      return claims.entrySet().stream()
          .filter(e -> e.getValue().isBefore(claimedBefore))
          .map(
              e ->
                  new UnsentClaim(
                      Long.parseLong(e.getKey().replace(KIND.name(), "")), KIND, e.getValue()))
          .limit(limit)
          .toList();
    }

    @Override
    public void recordAccountMail(String recipient, String kind, Instant now) {
      sentTo.add(Map.entry(recipient, now));
    }

    @Override
    public int deleteAccountMailsBefore(Instant before) {
      return 0;
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
      new EmailTemplates() {
        @Override
        public EmailMessage render(
            NotificationKind kind, com.securecart.orders.OrderDetails order) {
          return new EmailMessage(
              order.order().email(),
              "Order " + order.order().number(),
              "<p>thanks</p>",
              "thanks",
              "<" + order.order().id().value() + "." + kind + "@test>");
        }

        @Override
        public EmailMessage render(com.securecart.identity.AccountMail mail) {
          return new EmailMessage(mail.to(), "Account", "<p>link</p>", "link", "<account@test>");
        }
      };

  @Test
  void theLocalMailboxDeliversOnlyWhenTheRecordIsWrittenSoALostTransactionCannotDeliverTwice() {
    NotificationsApi api =
        new NotificationsApi(
            templates,
            new LocalMailbox(records, clock),
            records,
            clock,
            NotificationsApi.DEFAULT_PER_RECIPIENT_PER_DAY);

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
  void anOutsideTransportClaimsSendsThenRecordsAndNeverSendsAgain() {
    List<EmailMessage> smtp = new ArrayList<>();
    NotificationsApi api =
        new NotificationsApi(
            templates, smtp::add, records, clock, NotificationsApi.DEFAULT_PER_RECIPIENT_PER_DAY);

    Runnable record = api.sendOnce(KIND, order(8)).orElseThrow();
    assertThat(smtp).hasSize(1);
    assertThat(records.sent).as("claimed, recorded as sent only by the step's write").isEmpty();
    assertThat(records.claims).containsKey(8 + KIND.name());
    record.run();

    assertThat(api.sendOnce(KIND, order(8))).isEmpty();
    assertThat(smtp).hasSize(1);
    assertThat(records.mailbox).isEmpty();
  }

  @Test
  void anOutsideTransportClaimsBeforeSendingSoASecondConcurrentSenderSendsNothingAndRetries() {
    List<EmailMessage> ses = new ArrayList<>();
    NotificationsApi api =
        new NotificationsApi(
            templates, ses::add, records, clock, NotificationsApi.DEFAULT_PER_RECIPIENT_PER_DAY);

    Runnable first = api.sendOnce(KIND, order(9)).orElseThrow();
    // A duplicate delivery running before the first has recorded anything sees the claim, sends
    // nothing and asks to be retried, in case the first one's send fails.
    assertThatThrownBy(() -> api.sendOnce(KIND, order(9)))
        .isInstanceOf(NotificationInFlightException.class);
    first.run();

    assertThat(ses).hasSize(1);
    assertThat(api.sendOnce(KIND, order(9))).isEmpty();
    assertThat(api.staleClaims(10)).isEmpty();
  }

  @Test
  void aSendThatFailsGivesTheClaimBackSoTheRetrySends() {
    List<EmailMessage> ses = new ArrayList<>();
    boolean[] down = {true};
    Mailer flaky =
        message -> {
          if (down[0]) {
            throw new IllegalStateException("SMTP send failed: ConnectException");
          }
          ses.add(message);
        };
    NotificationsApi api =
        new NotificationsApi(
            templates, flaky, records, clock, NotificationsApi.DEFAULT_PER_RECIPIENT_PER_DAY);

    assertThatThrownBy(() -> api.sendOnce(KIND, order(10)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(records.claims).isEmpty();
    down[0] = false;
    api.sendOnce(KIND, order(10)).orElseThrow().run();

    assertThat(ses).hasSize(1);
  }

  @Test
  void aSenderThatDiedAfterItsClaimIsNeverResentButReportedOnceStale() {
    List<EmailMessage> ses = new ArrayList<>();
    NotificationsApi api =
        new NotificationsApi(
            templates, ses::add, records, clock, NotificationsApi.DEFAULT_PER_RECIPIENT_PER_DAY);
    // The function died between its claim and its send.
    records.claim(11, KIND, "ada@example.com", clock.instant());

    assertThatThrownBy(() -> api.sendOnce(KIND, order(11)))
        .as("still possibly in flight")
        .isInstanceOf(NotificationInFlightException.class);
    assertThat(api.staleClaims(10)).isEmpty();
    clock.advance(NotificationsApi.STALE_CLAIM.plusSeconds(1));
    assertThat(api.sendOnce(KIND, order(11))).isEmpty();

    assertThat(ses).isEmpty();
    assertThat(api.staleClaims(10))
        .containsExactly(
            new UnsentClaim(
                11, KIND, clock.instant().minus(NotificationsApi.STALE_CLAIM).minusSeconds(1)));
  }

  @Test
  void aStaleClaimIsReportedWithoutARedeliveryAndAFreshOneIsNot() {
    NotificationsApi api =
        new NotificationsApi(
            templates,
            message -> {},
            records,
            clock,
            NotificationsApi.DEFAULT_PER_RECIPIENT_PER_DAY);
    // A sender died after its claim on order 12; another claimed order 13 just now.
    records.claim(12, KIND, "ada@example.com", clock.instant());
    clock.advance(NotificationsApi.STALE_CLAIM.plusMinutes(1));
    records.claim(13, KIND, "ada@example.com", clock.instant());

    assertThat(api.staleClaims(10))
        .containsExactly(
            new UnsentClaim(
                12, KIND, clock.instant().minus(NotificationsApi.STALE_CLAIM.plusMinutes(1))));
  }

  @Test
  void aClaimThatCannotBeGivenBackKeepsTheMailErrorAndAddsTheReleaseFailure() {
    Mailer down =
        message -> {
          throw new IllegalStateException("SMTP send failed: ConnectException");
        };
    Records brokenRelease =
        new Records() {
          @Override
          public void releaseClaim(long orderId, NotificationKind kind) {
            throw new IllegalStateException("database went away");
          }
        };
    NotificationsApi api =
        new NotificationsApi(
            templates, down, brokenRelease, clock, NotificationsApi.DEFAULT_PER_RECIPIENT_PER_DAY);

    assertThatThrownBy(() -> api.sendOnce(KIND, order(14)))
        .hasMessage("SMTP send failed: ConnectException")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .extracting(Throwable::getMessage)
                    .containsExactly("database went away"));
  }

  @Test
  void aPaymentFailedNoticeToAGuestIsRecordedAsSkippedAndNeverSent() {
    List<EmailMessage> smtp = new ArrayList<>();
    NotificationsApi api =
        new NotificationsApi(
            templates, smtp::add, records, clock, NotificationsApi.DEFAULT_PER_RECIPIENT_PER_DAY);

    api.sendOnce(NotificationKind.PAYMENT_FAILED, order(20, null, "victim@example.com"))
        .orElseThrow()
        .run();

    assertThat(smtp).isEmpty();
    assertThat(records.skipped)
        .containsEntry(20 + "PAYMENT_FAILED", SendDecision.SKIPPED_UNVERIFIED_GUEST);
    assertThat(SendDecision.SKIPPED_UNVERIFIED_GUEST.label())
        .isEqualTo("skipped: unverified guest");
    assertThat(api.sendOnce(NotificationKind.PAYMENT_FAILED, order(20, null, "victim@example.com")))
        .as("done: the step completes and is never retried")
        .isEmpty();
    assertThat(smtp).isEmpty();
  }

  @Test
  void aCustomerStillGetsThePaymentFailedNoticeAndAGuestItsConfirmation() {
    List<EmailMessage> smtp = new ArrayList<>();
    NotificationsApi api =
        new NotificationsApi(
            templates, smtp::add, records, clock, NotificationsApi.DEFAULT_PER_RECIPIENT_PER_DAY);

    api.sendOnce(NotificationKind.PAYMENT_FAILED, order(21, new CustomerId(5), "ada@example.com"))
        .orElseThrow()
        .run();
    api.sendOnce(NotificationKind.ORDER_CONFIRMATION, order(22, null, "guest@example.com"))
        .orElseThrow()
        .run();

    assertThat(smtp)
        .extracting(EmailMessage::to)
        .containsExactly("ada@example.com", "guest@example.com");
    assertThat(records.skipped).isEmpty();
  }

  @Test
  void overThePerRecipientCapTheMailIsSkippedForADayWhateverTheAddressCase() {
    List<EmailMessage> smtp = new ArrayList<>();
    NotificationsApi api = new NotificationsApi(templates, smtp::add, records, clock, 2);

    api.sendOnce(KIND, order(30, null, "target@example.com")).orElseThrow().run();
    api.sendOnce(KIND, order(31, null, "Target@Example.com")).orElseThrow().run();
    api.sendOnce(KIND, order(32, null, "TARGET@example.com ")).orElseThrow().run();
    api.sendOnce(KIND, order(33, null, "other@example.com")).orElseThrow().run();

    assertThat(smtp).extracting(EmailMessage::to).hasSize(3).doesNotContain("TARGET@example.com ");
    assertThat(records.skipped).containsEntry(32 + KIND.name(), SendDecision.SKIPPED_RECIPIENT_CAP);

    clock.advance(java.time.Duration.ofHours(24).plusSeconds(1));
    api.sendOnce(KIND, order(34, null, "target@example.com")).orElseThrow().run();
    assertThat(smtp).as("the window rolls").hasSize(4);
  }

  @Test
  void theRuleItself() {
    Order guest = order(40, null, "a@example.com").order();
    Order customer = order(41, new CustomerId(1), "a@example.com").order();
    assertThat(SendDecision.of(NotificationKind.PAYMENT_FAILED, guest, 0, 10))
        .isEqualTo(SendDecision.SKIPPED_UNVERIFIED_GUEST);
    assertThat(SendDecision.of(NotificationKind.PAYMENT_FAILED, customer, 0, 10))
        .isEqualTo(SendDecision.SEND);
    assertThat(SendDecision.of(NotificationKind.ORDER_CONFIRMATION, guest, 9, 10))
        .isEqualTo(SendDecision.SEND);
    assertThat(SendDecision.of(NotificationKind.ORDER_CONFIRMATION, customer, 10, 10))
        .isEqualTo(SendDecision.SKIPPED_RECIPIENT_CAP);
  }

  private static OrderDetails order(long id) {
    return order(id, null, "ada@example.com");
  }

  private static OrderDetails order(long id, CustomerId customer, String email) {
    Money zero = Money.of(0, "EUR");
    Order order =
        Order.rehydrate(
            new OrderId(id),
            "SC-" + id,
            customer,
            email,
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

  @Test
  void accountMailsCountTowardTheRecipientCap() {
    NotificationsApi api =
        new NotificationsApi(templates, new LocalMailbox(records, clock), records, clock, 2);
    com.securecart.identity.AccountMail reset =
        new com.securecart.identity.AccountMail(
            com.securecart.identity.AccountMail.Kind.PASSWORD_RESET, "Flood@Example.com", "t0k3n");

    assertThat(api.sendAccountMail(reset)).isTrue();
    assertThat(api.sendAccountMail(reset)).isTrue();
    assertThat(api.sendAccountMail(reset)).as("third within 24 hours").isFalse();
    assertThat(records.mailbox).hasSize(2);

    clock.advance(NotificationsApi.CAP_WINDOW.plusSeconds(1));
    assertThat(api.sendAccountMail(reset)).isTrue();
  }
}
