package com.securecart.app.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.securecart.payments.PaymentEvent;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Stripe's webhook events, verified by their {@code Stripe-Signature} (HMAC-SHA256 of the raw body
 * with the endpoint's signing secret, at most five minutes old) and reduced to a {@link
 * PaymentEvent}. The event's object is read from its raw JSON rather than through stripe-java's
 * typed model, which gives nothing for events sent with another API version than the library's.
 */
public final class StripeWebhooks {
  /** Stripe's own default: older signatures are refused, which bounds replays. */
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  static final String AUTHORIZED = "payment_intent.amount_capturable_updated";
  static final String FAILED = "payment_intent.payment_failed";
  static final String CANCELED = "payment_intent.canceled";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String signingSecret;
  private final Clock clock;

  public StripeWebhooks(String signingSecret, Clock clock) {
    this.signingSecret = signingSecret;
    this.clock = clock;
  }

  /** The event, or empty if the signature does not verify (nothing may be applied then). */
  public Optional<PaymentEvent> verify(String payload, String signatureHeader) {
    if (payload == null || signatureHeader == null || signatureHeader.isBlank()) {
      return Optional.empty();
    }
    Event event;
    try {
      event =
          Webhook.constructEvent(
              payload, signatureHeader, signingSecret, TOLERANCE.toSeconds(), clock);
    } catch (SignatureVerificationException | RuntimeException e) {
      // A forged or stale signature, or a body that is not an event: all the same to the sender.
      return Optional.empty();
    }
    if (event.getId() == null || event.getType() == null) {
      return Optional.empty();
    }
    JsonNode object = dataObject(event);
    String intent = text(object, "id");
    PaymentEvent.Outcome outcome =
        switch (event.getType()) {
          case AUTHORIZED ->
              "requires_capture".equals(text(object, "status"))
                  ? PaymentEvent.Outcome.AUTHORIZED
                  : PaymentEvent.Outcome.IGNORED;
          case FAILED, CANCELED -> PaymentEvent.Outcome.FAILED;
          default -> PaymentEvent.Outcome.IGNORED;
        };
    if (intent == null || !"payment_intent".equals(text(object, "object"))) {
      outcome = PaymentEvent.Outcome.IGNORED;
    }
    return Optional.of(new PaymentEvent(event.getId(), event.getType(), outcome, intent));
  }

  private static JsonNode dataObject(Event event) {
    try {
      String raw =
          event.getDataObjectDeserializer() == null
              ? null
              : event.getDataObjectDeserializer().getRawJson();
      return raw == null ? MissingNode.getInstance() : JSON.readTree(raw);
    } catch (Exception e) {
      return MissingNode.getInstance();
    }
  }

  private static String text(JsonNode object, String field) {
    JsonNode value = object.path(field);
    return value.isTextual() ? value.asText() : null;
  }
}
