package com.securecart.outbox;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Port to the outbox table. {@link #append} must be called inside the transaction of the state
 * change.
 */
public interface Outbox {

  void append(NewEvent event);

  /**
   * Claims up to {@code limit} due events for this worker until {@code leaseUntil}; another worker
   * sees them again only if the lease runs out (the worker died, or stopped renewing). Safe with
   * any number of workers on PostgreSQL (SKIP LOCKED). Each claim counts an attempt, and the
   * returned event's {@link OutboxEvent#attempts()} identifies this claim: the calls below that
   * finish an event change it only while that claim still holds (ADR 2).
   */
  List<OutboxEvent> claim(int limit, Instant now, Instant leaseUntil);

  /**
   * Extends the lease of those {@code claimed} events that are still pending under the same claim
   * to {@code leaseUntil}, in one statement; events finished or claimed again since are left alone.
   * Returns how many leases it extended.
   */
  int renew(Collection<OutboxEvent> claimed, Instant leaseUntil);

  /** Marks the event done; false (and nothing changed) if its claim was taken over meanwhile. */
  boolean markDone(OutboxEvent claimed, Instant now);

  /**
   * Marks each of {@code claimed} done while its own claim holds, in one statement where the store
   * allows (a pipeline batch's completions); returns how many it marked. A caller that needs every
   * claim held (a batch's commit) rolls back when fewer were.
   */
  default int markAllDone(Collection<OutboxEvent> claimed, Instant now) {
    int held = 0;
    for (OutboxEvent event : claimed) {
      if (markDone(event, now)) {
        held++;
      }
    }
    return held;
  }

  /** Schedules another attempt; false (and nothing changed) if its claim was taken over. */
  boolean retryAt(OutboxEvent claimed, Instant when, String error);

  /** Parks the event as dead; false (and nothing changed) if its claim was taken over. */
  boolean markDead(OutboxEvent claimed, Instant now, String error);

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
