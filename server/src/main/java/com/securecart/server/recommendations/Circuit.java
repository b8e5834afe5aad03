package com.securecart.server.recommendations;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Skips calls to a service that keeps failing: after {@code threshold} failures in a row it stays
 * open for {@code openFor}, then lets one call through to probe; the probe's success closes it, its
 * failure opens it again. So a dead service costs a page no time, and a recovered one is used again
 * within {@code openFor}.
 */
final class Circuit {
  private final int threshold;
  private final long openForNanos;
  private final LongSupplier nanoTime;
  private int failures;
  private long closedAfter;

  Circuit(int threshold, Duration openFor, LongSupplier nanoTime) {
    this.threshold = threshold;
    this.openForNanos = openFor.toNanos();
    this.nanoTime = nanoTime;
  }

  /** Whether to make this call; while open, true once per {@code openFor} (the probe). */
  synchronized boolean allows() {
    if (failures < threshold) {
      return true;
    }
    long now = nanoTime.getAsLong();
    if (now - closedAfter < 0) {
      return false;
    }
    closedAfter = now + openForNanos;
    return true;
  }

  synchronized void succeeded() {
    failures = 0;
  }

  synchronized void failed() {
    failures++;
    if (failures == threshold) {
      closedAfter = nanoTime.getAsLong() + openForNanos;
    }
  }
}
