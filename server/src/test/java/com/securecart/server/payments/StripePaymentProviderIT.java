package com.securecart.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.payments.StripePaymentProvider;
import com.securecart.app.payments.StripeWebhooks;
import com.securecart.payments.AuthorizationResult;
import com.securecart.payments.PaymentEvent;
import com.securecart.payments.PaymentUnavailableException;
import com.securecart.server.testing.LocalStripeApi;
import com.securecart.shared.Money;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Stripe adapter against {@link LocalStripeApi}: what it sends (manual capture, confirm, the
 * order's idempotency keys) and how it reads Stripe's answers; and the webhook signature check.
 */
class StripePaymentProviderIT {
  private static final Money TOTAL = Money.of(12_399, "EUR");

  private final LocalStripeApi stripe = LocalStripeApi.start();
  private final StripePaymentProvider provider =
      new StripePaymentProvider(LocalStripeApi.SECRET_KEY, stripe.uri());

  @AfterEach
  void stop() {
    stripe.close();
  }

  @Test
  void anApprovedCardIsAManualCapturePaymentIntentConfirmedUnderTheOrdersKey() {
    AuthorizationResult result = provider.authorize("order-7-authorize", TOTAL, "pm_card_visa");

    assertThat(result).isInstanceOf(AuthorizationResult.Approved.class);
    String intent = ((AuthorizationResult.Approved) result).authorizationId();
    assertThat(intent).startsWith("pi_");
    LocalStripeApi.Call call = stripe.calls().getFirst();
    assertThat(call.path()).isEqualTo("/v1/payment_intents");
    assertThat(call.idempotencyKey()).isEqualTo("order-7-authorize");
    assertThat(call.params())
        .containsEntry("amount", "12399")
        .containsEntry("currency", "eur")
        .containsEntry("capture_method", "manual")
        .containsEntry("confirm", "true")
        .containsEntry("payment_method", "pm_card_visa")
        .containsEntry("payment_method_types[0]", "card");
    assertThat(stripe.intent(intent)).containsEntry("status", "requires_capture");
  }

  @Test
  void aRepeatedKeyReachesTheSamePaymentIntent() {
    AuthorizationResult first = provider.authorize("order-7-authorize", TOTAL, "pm_card_visa");
    AuthorizationResult again = provider.authorize("order-7-authorize", TOTAL, "pm_card_visa");

    assertThat(again).isEqualTo(first);
  }

  @Test
  void aDeclinedCardIsDeclined() {
    assertThat(provider.authorize("order-7-authorize", TOTAL, "pm_card_chargeDeclined"))
        .isEqualTo(new AuthorizationResult.Declined("card declined"));
  }

  @Test
  void aCardThatNeeds3dSecureReturnsTheIntentAndItsClientSecret() {
    AuthorizationResult result =
        provider.authorize("order-7-authorize", TOTAL, "pm_card_authenticationRequired");

    assertThat(result).isInstanceOf(AuthorizationResult.RequiresAction.class);
    AuthorizationResult.RequiresAction action = (AuthorizationResult.RequiresAction) result;
    assertThat(action.clientSecret())
        .isEqualTo(stripe.intent(action.authorizationId()).get("client_secret"));
  }

  @Test
  void aStripeServerErrorIsUnavailableAndNotRetriedByTheClient() {
    stripe.failNext(1);

    assertThatThrownBy(() -> provider.authorize("order-7-authorize", TOTAL, "pm_card_visa"))
        .isInstanceOf(PaymentUnavailableException.class);
    // One call: stripe-java's own retries are off, the pipeline's RetryPolicy is the one layer.
    assertThat(stripe.calls()).hasSize(1);
  }

  @Test
  void aTokenThatIsNotAPaymentMethodIsDeclinedWithoutCallingStripe() {
    assertThat(provider.authorize("order-7-authorize", TOTAL, "tok_visa"))
        .isInstanceOf(AuthorizationResult.Declined.class);
    assertThat(stripe.calls()).isEmpty();
  }

  @Test
  void captureTakesTheHeldAmountUnderTheCaptureKey() {
    String intent = approved();

    assertThat(provider.capture("order-7-capture", intent, TOTAL)).isTrue();

    LocalStripeApi.Call call = stripe.calls().getLast();
    assertThat(call.path()).isEqualTo("/v1/payment_intents/" + intent + "/capture");
    assertThat(call.idempotencyKey()).isEqualTo("order-7-capture");
    assertThat(call.params()).containsEntry("amount_to_capture", "12399");
    assertThat(stripe.intent(intent)).containsEntry("status", "succeeded");
  }

  @Test
  void cancelReleasesTheHoldOnceAndACancelledHoldCannotBeCaptured() {
    String intent = approved();

    provider.voidAuthorization("order-7-cancel", intent);
    provider.voidAuthorization("order-7-cancel-again", intent);

    assertThat(stripe.intent(intent)).containsEntry("status", "canceled");
    assertThat(stripe.calls().get(1).idempotencyKey()).isEqualTo("order-7-cancel");
    assertThat(provider.capture("order-7-capture", intent, TOTAL)).isFalse();
  }

  @Test
  void webhookEventsAreReadOnlyWithAValidFreshSignature() {
    String intent =
        ((AuthorizationResult.RequiresAction)
                provider.authorize("order-7-authorize", TOTAL, "pm_card_authenticationRequired"))
            .authorizationId();
    LocalStripeApi.SignedEvent event = stripe.authenticate(intent);
    StripeWebhooks webhooks = new StripeWebhooks(LocalStripeApi.WEBHOOK_SECRET, Clock.systemUTC());

    assertThat(webhooks.verify(event.payload(), event.signature()))
        .contains(
            new PaymentEvent(
                event.id(),
                "payment_intent.amount_capturable_updated",
                PaymentEvent.Outcome.AUTHORIZED,
                intent));
    assertThat(webhooks.verify(event.payload().replace("12399", "1"), event.signature())).isEmpty();
    assertThat(webhooks.verify(event.payload(), "t=1,v1=00")).isEmpty();
    StripeWebhooks later =
        new StripeWebhooks(
            LocalStripeApi.WEBHOOK_SECRET,
            Clock.fixed(Instant.now().plus(Duration.ofMinutes(6)), ZoneOffset.UTC));
    assertThat(later.verify(event.payload(), event.signature())).isEmpty();
    StripeWebhooks otherSecret = new StripeWebhooks("whsec_other", Clock.systemUTC());
    assertThat(otherSecret.verify(event.payload(), event.signature())).isEmpty();
  }

  @Test
  void unknownEventTypesAreReadAsIgnored() {
    LocalStripeApi.SignedEvent event =
        stripe.event("customer.created", Map.of("id", "cus_1", "object", "customer"));

    assertThat(
            new StripeWebhooks(LocalStripeApi.WEBHOOK_SECRET, Clock.systemUTC())
                .verify(event.payload(), event.signature()))
        .map(PaymentEvent::outcome)
        .contains(PaymentEvent.Outcome.IGNORED);
  }

  private String approved() {
    return ((AuthorizationResult.Approved)
            provider.authorize("order-7-authorize", TOTAL, "pm_card_visa"))
        .authorizationId();
  }
}
