package com.securecart.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** One stored event: what happened to which aggregate, and how often dispatch was tried. */
public record OutboxEvent(
    long id,
    String type,
    String aggregateId,
    Map<String, String> payload,
    int attempts,
    Instant createdAt) {
  public OutboxEvent {
    Objects.requireNonNull(type);
    Objects.requireNonNull(aggregateId);
    payload = Map.copyOf(payload);
  }
}
