package com.securecart.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.PlacedOrder;
import com.securecart.payments.AuthorizationResult;
import com.securecart.payments.PaymentEvent;
import com.securecart.payments.PaymentsApi;
import com.securecart.payments.SandboxPaymentProvider;
import com.securecart.shared.CustomerId;
import com.securecart.shared.OrderId;
import com.securecart.testing.InMemoryPaymentRepository;
import com.securecart.testing.InMemoryShop;
import com.securecart.testing.OrderMother;
import org.junit.jupiter.api.Test;

/** Provider events move only an order that waits for the shopper's action, once per event id. */
class PaymentEventsTest {
  private final InMemoryShop shop = new InMemoryShop();
  private final PaymentsApi payments =
      new PaymentsApi(new SandboxPaymentProvider(), new InMemoryPaymentRepository(), shop.clock);
  private final PaymentEvents events =
      new PaymentEvents(shop.orders, payments, shop.inventory, shop.transactions);

  private OrderId waitingFor3dSecure(String intent) {
    PlacedOrder placed = shop.orders.place(OrderMother.newOrder(new CustomerId(1)));
    OrderId id = placed.order().id();
    payments.recordActionRequired(
        id,
        new AuthorizationResult.RequiresAction(intent, intent + "_secret_1"),
        placed.order().totals().total());
    return id;
  }

  private static PaymentEvent event(String id, PaymentEvent.Outcome outcome, String intent) {
    return new PaymentEvent(id, "payment_intent.test", outcome, intent);
  }

  @Test
  void anAuthorizedEventMovesTheWaitingOrderOnOnce() {
    OrderId order = waitingFor3dSecure("pi_1");

    assertThat(events.apply(event("evt_1", PaymentEvent.Outcome.AUTHORIZED, "pi_1")))
        .isEqualTo(PaymentEvents.Applied.APPLIED);
    assertThat(events.apply(event("evt_1", PaymentEvent.Outcome.AUTHORIZED, "pi_1")))
        .isEqualTo(PaymentEvents.Applied.DUPLICATE);

    assertThat(shop.orders.status(order)).contains(OrderStatus.AUTHORIZED);
    assertThat(shop.outbox.events())
        .filteredOn(e -> e.type().equals(OrderEvents.PAYMENT_AUTHORIZED))
        .hasSize(1);
    assertThat(payments.pendingAction(order)).isEmpty();
  }

  @Test
  void aFailedEventFailsTheWaitingOrderAndALaterSuccessIsIgnored() {
    OrderId order = waitingFor3dSecure("pi_2");

    assertThat(events.apply(event("evt_2", PaymentEvent.Outcome.FAILED, "pi_2")))
        .isEqualTo(PaymentEvents.Applied.APPLIED);
    assertThat(events.apply(event("evt_3", PaymentEvent.Outcome.AUTHORIZED, "pi_2")))
        .isEqualTo(PaymentEvents.Applied.IGNORED);

    assertThat(shop.orders.status(order)).contains(OrderStatus.PAYMENT_FAILED);
  }

  @Test
  void eventsForUnknownIntentsOtherTypesOrOrdersThatMovedOnChangeNothing() {
    OrderId order = waitingFor3dSecure("pi_3");

    assertThat(events.apply(event("evt_4", PaymentEvent.Outcome.AUTHORIZED, "pi_other")))
        .isEqualTo(PaymentEvents.Applied.IGNORED);
    assertThat(events.apply(event("evt_5", PaymentEvent.Outcome.IGNORED, "pi_3")))
        .isEqualTo(PaymentEvents.Applied.IGNORED);
    shop.orders.expire(order);
    assertThat(events.apply(event("evt_6", PaymentEvent.Outcome.AUTHORIZED, "pi_3")))
        .isEqualTo(PaymentEvents.Applied.IGNORED);

    assertThat(shop.orders.status(order)).contains(OrderStatus.EXPIRED);
    assertThat(payments.pendingAction(order)).isPresent();
  }
}
