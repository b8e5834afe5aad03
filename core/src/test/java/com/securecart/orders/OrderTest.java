package com.securecart.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.outbox.NewEvent;
import com.securecart.shared.CustomerId;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.testing.OrderMother;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderTest {
  private static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
  private static final CustomerId ALICE = new CustomerId(7);

  @Test
  void aPlacedOrderAwaitsPaymentAndRecordsOrderPlaced() {
    NewOrder request = OrderMother.newOrder(ALICE);

    Order.Transition placed = Order.place(new OrderId(3), "SC-3", request, NOW);

    Order order = placed.order();
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(order.statusReason()).isNull();
    assertThat(order.paymentAuthorization()).isNull();
    assertThat(order.version()).isZero();
    assertThat(order.createdAt()).isEqualTo(NOW);
    assertThat(order.customer()).isEqualTo(ALICE);
    assertThat(order.lines()).isEqualTo(request.lines());
    assertThat(order.totals()).isEqualTo(request.totals());
    assertThat(placed.event()).isEqualTo(new NewEvent(OrderEvents.PLACED, "3", Map.of()));
  }

  @Test
  void aTransitionReturnsTheMovedOrderAndItsEventWithTheStatusItCameFrom() {
    Order authorized = OrderMother.stored(5, ALICE, OrderStatus.AUTHORIZED);

    Order.Transition confirmed = authorized.moveTo(OrderStatus.CONFIRMED, null);

    assertThat(confirmed.order().status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(confirmed.event())
        .isEqualTo(new NewEvent(OrderEvents.CONFIRMED, "5", Map.of("from", "AUTHORIZED")));
    // Everything else is carried over; the repository counts the version up, not the aggregate.
    assertThat(confirmed.order().paymentAuthorization()).isEqualTo("auth-5");
    assertThat(confirmed.order().version()).isEqualTo(authorized.version());
    assertThat(confirmed.order().number()).isEqualTo(authorized.number());
    assertThat(confirmed.order().lines()).isEqualTo(authorized.lines());
    assertThat(confirmed.order().createdAt()).isEqualTo(authorized.createdAt());
    // The original is untouched: the aggregate is immutable.
    assertThat(authorized.status()).isEqualTo(OrderStatus.AUTHORIZED);
  }

  @Test
  void aReasonGoesWithTheTransitionAndIsClearedByTheNext() {
    Order pending = OrderMother.stored(6, ALICE, OrderStatus.PENDING_PAYMENT);

    Order cancelled = pending.moveTo(OrderStatus.CANCELLED, "cancelled by customer").order();
    assertThat(cancelled.statusReason()).isEqualTo("cancelled by customer");

    Order authorized = pending.authorize("auth-9").order();
    assertThat(authorized.statusReason()).isNull();
  }

  @Test
  void authorizingKeepsTheAuthorizationAndRecordsPaymentAuthorized() {
    Order pending = OrderMother.stored(8, null, OrderStatus.PENDING_PAYMENT);

    Order.Transition authorized = pending.authorize("auth-42");

    assertThat(authorized.order().status()).isEqualTo(OrderStatus.AUTHORIZED);
    assertThat(authorized.order().paymentAuthorization()).isEqualTo("auth-42");
    assertThat(authorized.event())
        .isEqualTo(
            new NewEvent(OrderEvents.PAYMENT_AUTHORIZED, "8", Map.of("from", "PENDING_PAYMENT")));
  }

  @Test
  void everyStatusRecordsTheEventThePipelineListensFor() {
    assertThat(
            OrderMother.stored(1, ALICE, OrderStatus.PENDING_PAYMENT)
                .moveTo(OrderStatus.PAYMENT_FAILED, "declined")
                .event()
                .type())
        .isEqualTo("order.payment-failed");
    assertThat(
            OrderMother.stored(1, ALICE, OrderStatus.PENDING_PAYMENT)
                .moveTo(OrderStatus.EXPIRED, null)
                .event()
                .type())
        .isEqualTo("order.expired");
    assertThat(
            OrderMother.stored(1, ALICE, OrderStatus.AUTHORIZED)
                .moveTo(OrderStatus.FAILED, "capture failed")
                .event()
                .type())
        .isEqualTo("order.failed");
    assertThat(
            OrderMother.stored(1, ALICE, OrderStatus.CONFIRMED)
                .moveTo(OrderStatus.CANCELLED, null)
                .event()
                .type())
        .isEqualTo("order.cancelled");
  }

  @Test
  void aTransitionTheStateMachineForbidsIsAConflictAndRecordsNothing() {
    Order cancelled = OrderMother.stored(9, ALICE, OrderStatus.CANCELLED);

    assertThatThrownBy(() -> cancelled.moveTo(OrderStatus.CONFIRMED, null))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
              assertThat(e.type()).isEqualTo("invalid-order-state");
            });
    assertThatThrownBy(() -> OrderMother.stored(9, ALICE, OrderStatus.CONFIRMED).authorize("a"))
        .isInstanceOf(DomainException.class);
  }

  @Test
  void rehydrateRestoresEveryFieldAndEqualityIsByValue() {
    Order stored = OrderMother.stored(4, ALICE, OrderStatus.CONFIRMED);
    Order again = OrderMother.stored(4, ALICE, OrderStatus.CONFIRMED);

    assertThat(stored.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored).isEqualTo(again).hasSameHashCodeAs(again);
    assertThat(stored).isNotEqualTo(OrderMother.stored(4, ALICE, OrderStatus.CANCELLED));
    assertThat(stored.guest()).isFalse();
    assertThat(OrderMother.stored(4, null, OrderStatus.CONFIRMED).guest()).isTrue();
  }

  @Test
  void anOrderCannotBeRehydratedWithoutAStatus() {
    Order o = OrderMother.stored(4, ALICE, OrderStatus.CONFIRMED);
    assertThatThrownBy(
            () ->
                Order.rehydrate(
                    o.id(),
                    o.number(),
                    o.customer(),
                    o.email(),
                    o.shippingAddress(),
                    o.lines(),
                    o.totals(),
                    null,
                    null,
                    null,
                    o.createdAt(),
                    0))
        .isInstanceOf(NullPointerException.class);
  }
}
