package com.securecart.changes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A reader's position in the change log that yields each change once. Change ids are allocated
 * before their transactions commit, so a lower id can become visible after a higher one: the cursor
 * only moves over changes older than a settle window, and the changes above it that were already
 * handed out are remembered rather than handed out again.
 *
 * <p>Not thread-safe: one reader (one poller thread) per tail.
 */
public final class ChangeTail {
  /** What a read found: the changes not seen before, and every change it read. */
  public record Batch(List<Change> fresh, List<Change> read) {
    boolean isEmpty() {
      return fresh.isEmpty();
    }
  }

  private final ChangeLog log;
  private final Clock clock;
  private final Duration settle;
  private final Set<Long> seenAboveCursor = new HashSet<>();
  private long cursor;

  public ChangeTail(ChangeLog log, Clock clock, Duration settle) {
    this.log = log;
    this.clock = clock;
    this.settle = settle;
  }

  /** Starts from the newest change: only what happens from now on is read. */
  public void startAtHead() {
    reset(log.headId());
  }

  public void reset(long position) {
    cursor = position;
    seenAboveCursor.clear();
  }

  public long cursor() {
    return cursor;
  }

  /**
   * Reads the changes after the cursor without moving it; call {@link #advance} once they were
   * handled, so that a failed handling reads them again.
   */
  public Batch peek(int limit) {
    List<Change> read = log.since(cursor, limit);
    List<Change> fresh = new ArrayList<>(read.size());
    for (Change change : read) {
      if (!seenAboveCursor.contains(change.id())) {
        fresh.add(change);
      }
    }
    return new Batch(List.copyOf(fresh), read);
  }

  /** Marks a batch handled: the cursor moves over its leading run of settled changes. */
  public void advance(Batch batch) {
    Instant settled = clock.instant().minus(settle);
    boolean contiguous = true;
    for (Change change : batch.read()) {
      contiguous = contiguous && change.at().isBefore(settled);
      if (contiguous) {
        cursor = Math.max(cursor, change.id());
      } else {
        seenAboveCursor.add(change.id());
      }
    }
    seenAboveCursor.removeIf(id -> id <= cursor);
  }

  /** Reads and advances in one step, for readers whose handling cannot fail half-way. */
  public List<Change> next(int limit) {
    Batch batch = peek(limit);
    advance(batch);
    return batch.fresh();
  }
}
