package com.securecart.idempotency;

import java.time.Instant;

/** A stored key: the request's fingerprint, and the response once there is one. */
public record IdempotencyRecord(String fingerprint, StoredResponse response, Instant lockedAt) {
  public boolean inFlight() {
    return response == null;
  }
}
