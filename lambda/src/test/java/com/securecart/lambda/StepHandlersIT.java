package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.securecart.inventory.StockLevel;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.PlacedOrder;
import com.securecart.payments.PaymentUnavailableException;
import com.securecart.payments.SandboxPaymentProvider;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.shared.OrderId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The step and compensation handlers invoked directly, as the managed runtime calls them, on a
 * freshly migrated database (H2 and PostgreSQL) with orders placed through the facades. The
 * handlers ignore the Lambda context, so none is passed. Most call the typed {@code handle}; the
 * JSON entry point the runtime calls is exercised where parsing matters.
 */
class StepHandlersIT {

  /** The runtime's entry point: JSON in, JSON out. */
  private static String invoke(RequestStreamHandler handler, String json) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), out, null);
    return out.toString(StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void anApprovedCardIsAuthorizedAndThenConfirmed(Engine engine) throws IOException {
    try (LambdaShop shop = new LambdaShop(engine)) {
      OrderId order = shop.placeOrder("tok_visa");

      String answer =
          invoke(
              new AuthorizePaymentHandler(shop.contexts),
              "{\"orderId\": " + order.value() + ", \"event\": \"order.placed\"}");

      assertThat(answer)
          .isEqualTo(
              "{\"orderId\":"
                  + order.value()
                  + ",\"event\":\"order.payment-authorized\",\"status\":\"AUTHORIZED\"}");
      StepOutput authorized =
          new StepOutput(order.value(), OrderEvents.PAYMENT_AUTHORIZED, "AUTHORIZED");
      assertThat(shop.authorization(order)).isEqualTo("AUTHORIZED");

      StepOutput confirmed =
          new ConfirmOrderHandler(shop.contexts)
              .handle(new StepInput(order.value(), authorized.event()));

      assertThat(confirmed)
          .isEqualTo(new StepOutput(order.value(), OrderEvents.CONFIRMED, "CONFIRMED"));
      assertThat(shop.stock()).isEqualTo(new StockLevel(shop.sku, LambdaShop.STOCK - 2, 0));
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aDeclinedCardFailsThePaymentAndReturnsTheStock(Engine engine) {
    try (LambdaShop shop = new LambdaShop(engine)) {
      OrderId order = shop.placeOrder("tok_chargeDeclined");
      assertThat(shop.stock().reserved()).isEqualTo(2);

      StepOutput out =
          new AuthorizePaymentHandler(shop.contexts)
              .handle(new StepInput(order.value(), OrderEvents.PLACED));

      assertThat(out)
          .isEqualTo(new StepOutput(order.value(), OrderEvents.PAYMENT_FAILED, "PAYMENT_FAILED"));
      assertThat(shop.stock()).isEqualTo(new StockLevel(shop.sku, LambdaShop.STOCK, 0));
      assertThat(shop.authorization(order)).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aProcessingErrorIsTransientTwiceAndThenAuthorizes(Engine engine) {
    try (LambdaShop shop = new LambdaShop(engine)) {
      OrderId order = shop.placeOrder("tok_processingError");
      AuthorizePaymentHandler handler = new AuthorizePaymentHandler(shop.contexts);
      StepInput input = new StepInput(order.value(), OrderEvents.PLACED);

      for (int attempt = 1; attempt <= 2; attempt++) {
        assertThatThrownBy(() -> handler.handle(input))
            .isInstanceOf(TransientStepException.class)
            .hasCauseInstanceOf(PaymentUnavailableException.class);
        assertThat(shop.status(order)).isEqualTo(OrderStatus.PENDING_PAYMENT);
        assertThat(shop.authorization(order)).isNull();
      }

      assertThat(handler.handle(input))
          .isEqualTo(new StepOutput(order.value(), OrderEvents.PAYMENT_AUTHORIZED, "AUTHORIZED"));
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void runningAStepTwiceHasNoSecondEffect(Engine engine) {
    try (LambdaShop shop = new LambdaShop(engine)) {
      OrderId order = shop.placeOrder("tok_visa");
      AuthorizePaymentHandler authorize = new AuthorizePaymentHandler(shop.contexts);
      ConfirmOrderHandler confirm = new ConfirmOrderHandler(shop.contexts);
      StepInput placed = new StepInput(order.value(), OrderEvents.PLACED);
      StepInput authorized = new StepInput(order.value(), OrderEvents.PAYMENT_AUTHORIZED);

      authorize.handle(placed);
      StepOutput again = authorize.handle(placed);

      // No second effect, and still the answer that sends the execution on to ConfirmOrder: a
      // rerun after the first run committed (its answer lost) must not strand the order.
      assertThat(again)
          .isEqualTo(new StepOutput(order.value(), OrderEvents.PAYMENT_AUTHORIZED, "AUTHORIZED"));
      assertThat(((SandboxPaymentProvider) shop.contexts.paymentProvider()).approvedCount())
          .isEqualTo(1);

      confirm.handle(authorized);
      StockLevel afterFirst = shop.stock();
      StepOutput confirmedAgain = confirm.handle(authorized);

      assertThat(confirmedAgain)
          .isEqualTo(new StepOutput(order.value(), OrderEvents.CONFIRMED, "CONFIRMED"));
      assertThat(shop.stock()).isEqualTo(afterFirst);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void confirmationsCompensationVoidsTheHoldAndFailsTheOrder(Engine engine) {
    try (LambdaShop shop = new LambdaShop(engine)) {
      OrderId order = shop.placeOrder("tok_visa");
      new AuthorizePaymentHandler(shop.contexts)
          .handle(new StepInput(order.value(), OrderEvents.PLACED));

      StepOutput out =
          new ConfirmOrderCompensationHandler(shop.contexts)
              .handle(
                  new CompensationInput(
                      order.value(), OrderEvents.PAYMENT_AUTHORIZED, "States.Timeout"));

      assertThat(out).isEqualTo(new StepOutput(order.value(), OrderEvents.FAILED, "FAILED"));
      assertThat(shop.authorization(order)).isEqualTo("VOIDED");
      assertThat(shop.stock()).isEqualTo(new StockLevel(shop.sku, LambdaShop.STOCK, 0));
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void authorizationsCompensationFailsAnOrderStillWaitingForPayment(Engine engine) {
    try (LambdaShop shop = new LambdaShop(engine)) {
      OrderId order = shop.placeOrder("tok_processingError");

      StepOutput out =
          new AuthorizePaymentCompensationHandler(shop.contexts)
              .handle(
                  new CompensationInput(
                      order.value(),
                      OrderEvents.PLACED,
                      "com.securecart.lambda.TransientStepException"));

      assertThat(out)
          .isEqualTo(new StepOutput(order.value(), OrderEvents.PAYMENT_FAILED, "PAYMENT_FAILED"));
      assertThat(shop.stock()).isEqualTo(new StockLevel(shop.sku, LambdaShop.STOCK, 0));
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void voidingTakesBothOfItsTriggersAndChangesNoStatus(Engine engine) {
    try (LambdaShop shop = new LambdaShop(engine)) {
      PlacedOrder placed = shop.place("tok_visa");
      OrderId order = placed.order().id();
      new AuthorizePaymentHandler(shop.contexts)
          .handle(new StepInput(order.value(), OrderEvents.PLACED));
      shop.contexts.orders().cancel(order, Optional.empty(), Optional.of(placed.accessToken()));
      VoidAuthorizationHandler handler = new VoidAuthorizationHandler(shop.contexts);

      StepOutput out = handler.handle(new StepInput(order.value(), OrderEvents.CANCELLED));
      StepOutput expired = handler.handle(new StepInput(order.value(), OrderEvents.EXPIRED));

      assertThat(out).isEqualTo(new StepOutput(order.value(), null, "CANCELLED"));
      // Called for by order.expired on an order that is cancelled: the answer names where the order
      // is, so an execution routes once more to the (idempotent) void for order.cancelled, then
      // ends.
      assertThat(expired)
          .isEqualTo(new StepOutput(order.value(), OrderEvents.CANCELLED, "CANCELLED"));
      assertThat(shop.authorization(order)).isEqualTo("VOIDED");
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aBadEventFailsTheInvocationAndChangesNoOrder(Engine engine) {
    try (LambdaShop shop = new LambdaShop(engine)) {
      OrderId order = shop.placeOrder("tok_visa");
      AuthorizePaymentHandler authorize = new AuthorizePaymentHandler(shop.contexts);
      AuthorizePaymentCompensationHandler compensate =
          new AuthorizePaymentCompensationHandler(shop.contexts);

      assertThatThrownBy(() -> new StepInput(0, OrderEvents.PLACED))
          .isInstanceOf(BadEventException.class)
          .hasMessageContaining("orderId");
      assertThatThrownBy(() -> new StepInput(order.value(), " "))
          .isInstanceOf(BadEventException.class)
          .hasMessageContaining("event");
      assertThatThrownBy(() -> new CompensationInput(order.value(), OrderEvents.PLACED, null))
          .isInstanceOf(BadEventException.class)
          .hasMessageContaining("error");
      assertThatThrownBy(() -> authorize.handle(null)).isInstanceOf(BadEventException.class);
      assertThatThrownBy(() -> invoke(authorize, "{not json"))
          .isInstanceOf(BadEventException.class)
          .hasMessageStartingWith("malformed event");
      assertThatThrownBy(
              () -> invoke(authorize, "{\"orderId\": \"seven\", \"event\": \"order.placed\"}"))
          .isInstanceOf(BadEventException.class)
          .hasMessageStartingWith("malformed event");
      assertThatThrownBy(() -> invoke(authorize, "{\"event\": \"order.placed\"}"))
          .isInstanceOf(BadEventException.class);
      assertThatThrownBy(() -> invoke(authorize, "{\"orderId\": -4, \"event\": \"order.placed\"}"))
          .isInstanceOf(BadEventException.class)
          .hasMessage("orderId must be a positive number");
      assertThatThrownBy(() -> invoke(authorize, "null")).isInstanceOf(BadEventException.class);
      assertThatThrownBy(
              () ->
                  invoke(
                      compensate,
                      "{\"orderId\": " + order.value() + ", \"event\": \"order.placed\"}"))
          .isInstanceOf(BadEventException.class)
          .hasMessage("error is required");
      assertThatThrownBy(() -> authorize.handle(new StepInput(order.value(), "order.bogus")))
          .isInstanceOf(BadEventException.class)
          .hasMessage("step authorize-payment does not handle event 'order.bogus'");
      assertThatThrownBy(
              () -> authorize.handle(new StepInput(order.value(), OrderEvents.PAYMENT_AUTHORIZED)))
          .isInstanceOf(BadEventException.class);
      assertThatThrownBy(
              () -> authorize.handle(new StepInput(order.value() + 1_000, OrderEvents.PLACED)))
          .isInstanceOf(BadEventException.class)
          .hasMessage("order " + (order.value() + 1_000) + " does not exist");
      assertThatThrownBy(
              () ->
                  compensate.handle(
                      new CompensationInput(order.value(), OrderEvents.CONFIRMED, "x")))
          .isInstanceOf(BadEventException.class);

      assertThat(shop.status(order)).isEqualTo(OrderStatus.PENDING_PAYMENT);
      assertThat(shop.stock()).isEqualTo(new StockLevel(shop.sku, LambdaShop.STOCK, 2));
      assertThat(shop.authorization(order)).isNull();
      assertThat(((SandboxPaymentProvider) shop.contexts.paymentProvider()).approvedCount())
          .isZero();
    }
  }
}
