package com.securecart.outbox;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One stored event: what happened to which aggregate, and how often dispatch was tried. {@code
 * traceParent} is the W3C trace context of the request that wrote it (null when none was recorded),
 * so that the work the event causes joins that request's trace.
 */
public record OutboxEvent(
    long id,
    String type,
    String aggregateId,
    Map<String, String> payload,
    int attempts,
    Instant createdAt,
    String traceParent) {
  public OutboxEvent {
    Objects.requireNonNull(type);
    Objects.requireNonNull(aggregateId);
    payload = Map.copyOf(payload);
  }

  /** An event with no recorded trace context. */
  public OutboxEvent(
      long id,
      String type,
      String aggregateId,
      Map<String, String> payload,
      int attempts,
      Instant createdAt) {
    this(id, type, aggregateId, payload, attempts, createdAt, null);
  }
}
