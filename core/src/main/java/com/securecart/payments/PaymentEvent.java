package com.securecart.payments;

/**
 * What a provider told us about a payment after the fact (a verified webhook), reduced to what the
 * order pipeline acts on.
 *
 * @param eventId the provider's event id: each is applied once
 * @param type the provider's event type, for the record
 * @param authorizationId the provider's id for the payment: our record of it names the order (the
 *     event's own metadata is not trusted for that)
 */
public record PaymentEvent(String eventId, String type, Outcome outcome, String authorizationId) {
  /** AUTHORIZED: the shopper's action succeeded and the money is held; FAILED: it did not. */
  public enum Outcome {
    AUTHORIZED,
    FAILED,
    IGNORED
  }

  public PaymentEvent {
    if (eventId == null || eventId.isBlank() || type == null || outcome == null) {
      throw new IllegalArgumentException("an event needs its id, type and outcome");
    }
  }
}
