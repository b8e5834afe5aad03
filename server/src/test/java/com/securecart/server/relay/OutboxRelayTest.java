package com.securecart.server.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.securecart.orders.OrderEvents;
import com.securecart.pipeline.Effect;
import com.securecart.pipeline.Step;
import com.securecart.server.relay.OutboxRelay.Destination;
import com.securecart.shared.OrderId;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

  /** A step as the pipeline lists it: only its name, trigger and whether it notifies matter. */
  private record StubStep(String name, String trigger, boolean notifies) implements Step {
    @Override
    public Effect run(OrderId order) {
      throw new UnsupportedOperationException("the relay never runs a step");
    }
  }

  /** The pipeline's steps as Contexts wires them (names and triggers as in the contract). */
  private static final List<Step> PIPELINE =
      List.of(
          new StubStep("authorize-payment", OrderEvents.PLACED, false),
          new StubStep("confirm-order", OrderEvents.PAYMENT_AUTHORIZED, false),
          new StubStep("send-confirmation", OrderEvents.CONFIRMED, true),
          new StubStep("send-payment-failed", OrderEvents.PAYMENT_FAILED, true),
          new StubStep("void-authorization", OrderEvents.CANCELLED, false),
          new StubStep("void-authorization", OrderEvents.EXPIRED, false));

  @Test
  void ordersGoToTheStateMachineAndNotificationsToTheQueue() {
    assertThat(OutboxRelay.destinations(PIPELINE))
        .containsOnly(
            entry("order.placed", Destination.STATE_MACHINE),
            entry("order.cancelled", Destination.STATE_MACHINE),
            entry("order.expired", Destination.STATE_MACHINE),
            entry("order.confirmed", Destination.NOTIFICATION_QUEUE),
            entry("order.payment-failed", Destination.NOTIFICATION_QUEUE));
  }

  @Test
  void theDestinationsFollowTheStepsNotAList() {
    List<Step> more =
        List.of(
            new StubStep("ship-order", "order.shipped", false),
            new StubStep("send-shipped", "order.shipping-notice", true));
    assertThat(OutboxRelay.destinations(more))
        .containsOnly(
            entry("order.shipped", Destination.STATE_MACHINE),
            entry("order.shipping-notice", Destination.NOTIFICATION_QUEUE));
  }

  @Test
  void anExecutionIsNamedAfterTheOrderAndTheEvent() {
    assertThat(OutboxRelay.executionName(42, "order.placed")).isEqualTo("order-42-order-placed");
    assertThat(OutboxRelay.executionName(7, "order.payment-failed"))
        .isEqualTo("order-7-order-payment-failed");
    assertThat(OutboxRelay.executionName(1, "a b/c_d")).isEqualTo("order-1-a-b-c_d");
  }

  @Test
  void theInputAndTheMessageAreTheOrderAndTheEvent() {
    assertThat(OutboxRelay.payload(42, "order.confirmed"))
        .isEqualTo("{\"orderId\":42,\"event\":\"order.confirmed\"}");
  }

  @Test
  void aHandOverRetriesUntilItSucceeds() {
    assertThat(OutboxRelay.RETRY.maxAttempts()).isEqualTo(Integer.MAX_VALUE);
    assertThat(OutboxRelay.RETRY.cap()).isLessThanOrEqualTo(java.time.Duration.ofMinutes(1));
  }
}
