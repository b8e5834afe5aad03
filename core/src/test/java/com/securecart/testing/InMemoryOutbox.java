package com.securecart.testing;

import com.securecart.outbox.NewEvent;
import com.securecart.outbox.Outbox;
import com.securecart.outbox.OutboxEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outbox table in a map, with the same claim semantics as the SQL one: a claim takes due
 * pending events, leases them until {@code leaseUntil} and counts the attempt.
 */
public final class InMemoryOutbox implements Outbox, Snapshottable {
  public enum Status {
    PENDING,
    DONE,
    DEAD
  }

  /** One row of the table. */
  public record Row(
      long id,
      NewEvent event,
      Status status,
      int attempts,
      Instant availableAt,
      Instant createdAt,
      Instant processedAt,
      String lastError) {
    Row with(
        Status status, int attempts, Instant availableAt, Instant processedAt, String lastError) {
      return new Row(id, event, status, attempts, availableAt, createdAt, processedAt, lastError);
    }
  }

  private final Clock clock;
  private final Map<Long, Row> rows = new LinkedHashMap<>();
  private long nextId = 1;

  public InMemoryOutbox(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void append(NewEvent event) {
    long id = nextId++;
    Instant now = clock.instant();
    Instant due = com.securecart.outbox.Continuation.dueAsOf().orElse(now);
    rows.put(id, new Row(id, event, Status.PENDING, 0, due, now, null, null));
  }

  @Override
  public List<OutboxEvent> claim(int limit, Instant now, Instant leaseUntil) {
    List<Row> due =
        rows.values().stream()
            .filter(r -> r.status() == Status.PENDING && !r.availableAt().isAfter(now))
            .sorted(Comparator.comparing(Row::availableAt).thenComparing(Row::id))
            .limit(limit)
            .toList();
    List<OutboxEvent> claimed = new ArrayList<>();
    for (Row r : due) {
      Row leased = r.with(r.status(), r.attempts() + 1, leaseUntil, r.processedAt(), r.lastError());
      rows.put(r.id(), leased);
      claimed.add(
          new OutboxEvent(
              r.id(),
              r.event().type(),
              r.event().aggregateId(),
              r.event().payload(),
              leased.attempts(),
              r.createdAt()));
    }
    return claimed;
  }

  @Override
  public int renew(Collection<OutboxEvent> claimed, Instant leaseUntil) {
    int renewed = 0;
    for (OutboxEvent e : claimed) {
      if (holds(e)) {
        Row r = row(e.id());
        rows.put(
            e.id(), r.with(r.status(), r.attempts(), leaseUntil, r.processedAt(), r.lastError()));
        renewed++;
      }
    }
    return renewed;
  }

  @Override
  public boolean markDone(OutboxEvent claimed, Instant now) {
    if (!holds(claimed)) {
      return false;
    }
    Row r = row(claimed.id());
    rows.put(claimed.id(), r.with(Status.DONE, r.attempts(), r.availableAt(), now, null));
    return true;
  }

  @Override
  public boolean retryAt(OutboxEvent claimed, Instant when, String error) {
    if (!holds(claimed)) {
      return false;
    }
    Row r = row(claimed.id());
    rows.put(claimed.id(), r.with(r.status(), r.attempts(), when, r.processedAt(), error));
    return true;
  }

  @Override
  public boolean markDead(OutboxEvent claimed, Instant now, String error) {
    if (!holds(claimed)) {
      return false;
    }
    Row r = row(claimed.id());
    rows.put(claimed.id(), r.with(Status.DEAD, r.attempts(), r.availableAt(), now, error));
    return true;
  }

  /** As the SQL outbox: a claim holds while the row is pending with the attempt it counted. */
  private boolean holds(OutboxEvent claimed) {
    Row r = rows.get(claimed.id());
    return r != null && r.status() == Status.PENDING && r.attempts() == claimed.attempts();
  }

  @Override
  public int purgeFinished(Instant before) {
    int before0 = rows.size();
    rows.values()
        .removeIf(
            r ->
                r.status() != Status.PENDING
                    && r.processedAt() != null
                    && r.processedAt().isBefore(before));
    return before0 - rows.size();
  }

  public long pendingCount() {
    return rows.values().stream().filter(r -> r.status() == Status.PENDING).count();
  }

  @Override
  public Backlog backlog() {
    return new Backlog(
        pendingCount(),
        rows.values().stream()
            .filter(r -> r.status() == Status.PENDING)
            .map(Row::createdAt)
            .min(Comparator.naturalOrder()));
  }

  public Row row(long eventId) {
    Row r = rows.get(eventId);
    if (r == null) {
      throw new IllegalArgumentException("no outbox event " + eventId);
    }
    return r;
  }

  public List<Row> rows() {
    return List.copyOf(rows.values());
  }

  /** The events appended so far, oldest first. */
  public List<NewEvent> events() {
    return rows.values().stream().map(Row::event).toList();
  }

  @Override
  public Runnable snapshot() {
    Map<Long, Row> copy = new LinkedHashMap<>(rows);
    long id = nextId;
    return () -> {
      rows.clear();
      rows.putAll(copy);
      nextId = id;
    };
  }
}
