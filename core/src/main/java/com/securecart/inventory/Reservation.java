package com.securecart.inventory;

import java.time.Instant;

/** Stock held for an order. RESERVED until the order is confirmed (COMMITTED) or not (RELEASED). */
public record Reservation(
    long orderId, String sku, int quantity, Status status, Instant expiresAt) {
  /** The life of a reservation; each change is a guarded UPDATE from one status to the next. */
  public enum Status {
    RESERVED,
    COMMITTED,
    RELEASED,
    RETURNED
  }
}
