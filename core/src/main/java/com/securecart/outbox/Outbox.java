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

  /** Events not yet done (the backlog the operations page charts). */
  long pendingCount();
}
