package com.securecart.outbox;

import java.util.Map;
import java.util.Objects;

/** An event to append to the outbox, inside the transaction that made the change it describes. */
public record NewEvent(String type, String aggregateId, Map<String, String> payload) {
  public NewEvent {
    Objects.requireNonNull(type);
    Objects.requireNonNull(aggregateId);
    payload = Map.copyOf(payload);
  }

  public static NewEvent of(String type, Object aggregateId) {
    return new NewEvent(type, String.valueOf(aggregateId), Map.of());
  }
}
