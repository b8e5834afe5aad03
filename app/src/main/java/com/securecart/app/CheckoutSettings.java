package com.securecart.app;

import com.securecart.checkout.PricingRules;
import java.time.Duration;

/**
 * How checkouts price, hold stock and remember their Idempotency-Keys.
 *
 * @param reservationTtl how long an unpaid order holds its stock
 * @param coalescingBatch the most buyers of the same goods sharing one transaction (ADR 12)
 * @param coalescingLanes how many such batches of one SKU may run at once
 * @param idempotencyRetention how long a key's stored answer is replayed
 * @param idempotencyLease how long a key left in flight by a version before issue 18 (which
 *     committed its claim before the order) blocks a retry; a checkout now claims its key inside
 *     its own transaction, so nothing else leaves one in flight (ADR 4)
 */
public record CheckoutSettings(
    PricingRules pricing,
    Duration reservationTtl,
    ReservationMode reservationMode,
    int coalescingBatch,
    int coalescingLanes,
    Duration idempotencyRetention,
    Duration idempotencyLease) {

  /**
   * How checkouts take stock (docs/adr/0012): {@code COALESCED} groups concurrent buyers of the
   * same goods into one transaction per batch; {@code DIRECT} gives each buyer a transaction of his
   * own (one row lock and commit each), kept for comparison.
   */
  public enum ReservationMode {
    DIRECT,
    COALESCED
  }

  public CheckoutSettings {
    if (pricing == null) {
      throw new ConfigException("pricing rules are required");
    }
    Ranges.require(
        reservationTtl,
        Duration.ofMinutes(1),
        Duration.ofDays(1),
        "SECURECART_RESERVATION_TTL_MINUTES");
    if (reservationMode == null) {
      throw new ConfigException("SECURECART_RESERVATION_MODE must be direct or coalesced");
    }
    Ranges.require(coalescingBatch, 1, 1_000, "SECURECART_COALESCING_BATCH");
    Ranges.require(coalescingLanes, 1, 64, "SECURECART_COALESCING_LANES");
    Ranges.require(
        idempotencyRetention,
        Duration.ofHours(1),
        Duration.ofDays(30),
        "SECURECART_IDEMPOTENCY_RETENTION_HOURS");
    Ranges.require(
        idempotencyLease,
        Duration.ofSeconds(1),
        Duration.ofMinutes(10),
        "SECURECART_IDEMPOTENCY_LEASE_SECONDS");
  }

  /** The defaults: 15 min holds, coalesced batches of 64 in 4 lanes, keys kept 48 h, 2 s lease. */
  public static CheckoutSettings defaults(PricingRules pricing) {
    return new CheckoutSettings(
        pricing,
        Duration.ofMinutes(15),
        ReservationMode.COALESCED,
        64,
        4,
        Duration.ofHours(48),
        Duration.ofSeconds(2));
  }

  public CheckoutSettings withReservationMode(ReservationMode mode) {
    return new CheckoutSettings(
        pricing,
        reservationTtl,
        mode,
        coalescingBatch,
        coalescingLanes,
        idempotencyRetention,
        idempotencyLease);
  }
}
