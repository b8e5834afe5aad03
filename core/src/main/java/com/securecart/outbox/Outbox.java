package com.securecart.outbox;

import java.time.Instant;
import java.util.List;

/**
 * Port to the outbox table. {@link #append} must be called inside the transaction of the state
 * change.
 */
public interface Outbox {

  void append(NewEvent event);

  /**
   * Claims up to {@code limit} due events for this worker until {@code leaseUntil}; another worker
   * sees them again only if the lease runs out (the worker died). Safe with any number of workers
   * on PostgreSQL (SKIP LOCKED).
   */
  List<OutboxEvent> claim(int limit, Instant now, Instant leaseUntil);

  void markDone(long eventId, Instant now);

  void retryAt(long eventId, Instant when, String error);

  void markDead(long eventId, Instant now, String error);

  /** Deletes events finished before {@code before}; returns how many. */
  int purgeFinished(Instant before);

  /** Events not yet done and when the oldest of them was written, in one read. */
  Backlog backlog();

  /**
   * When the oldest event that no worker has claimed yet was written, or empty when every event is
   * claimed or done: how far the pipeline's intake lags (checkout backpressure, ADR 0011). Events
   * waiting out a retry are left out, so one failing event does not read as a pipeline behind. This
   * default reads the whole backlog; the database outbox answers from its due index.
   */
  default java.util.Optional<Instant> oldestUnclaimed() {
    return backlog().oldestCreatedAt();
  }

  /**
   * The outbox's backlog: how many events wait, and since when the oldest waits (empty when none
   * does). An old oldest event means the pipeline is stuck, however small the count.
   */
  record Backlog(long pending, java.util.Optional<Instant> oldestCreatedAt) {
    public Backlog {
      java.util.Objects.requireNonNull(oldestCreatedAt);
    }
  }
}
