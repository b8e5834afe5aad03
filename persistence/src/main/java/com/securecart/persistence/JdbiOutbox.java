package com.securecart.persistence;

import com.securecart.outbox.Continuation;
import com.securecart.outbox.NewEvent;
import com.securecart.outbox.Outbox;
import com.securecart.outbox.OutboxEvent;
import com.securecart.persistence.InsertsAtCommit.Cell;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.statement.Update;

/**
 * The outbox table. Claiming uses {@code FOR UPDATE SKIP LOCKED} on PostgreSQL, so any number of
 * workers take disjoint batches without waiting on each other, and a lease (available_at in the
 * future) instead of a long transaction, so a worker that dies simply lets its lease run out. A
 * live worker renews its leases ({@link #renew}), so the lease can be short.
 */
public final class JdbiOutbox implements Outbox {
  private static final String COLUMNS =
      "id, type, aggregate_id, payload, attempts, created_at, trace_parent";

  private static final String INSERT =
      "INSERT INTO outbox (type, aggregate_id, payload, status, attempts, available_at, created_at,"
          + " trace_parent)";

  private static final Cell NOW = Cell.sql("CURRENT_TIMESTAMP");

  /**
   * The claim a worker holds is the attempt it counted: a later claim of the same event (after the
   * lease ran out) counts another, so the first worker's late writes match no row (ADR 2).
   */
  private static final String CLAIM_HOLDS =
      " WHERE id = :id AND attempts = :attempts AND status = 'PENDING'";

  private final JdbiTransactions db;
  private final boolean postgres;
  private final String lockClause;
  private final Runnable onCommittedAppend;
  private final Supplier<String> traceParent;

  /**
   * @param onCommittedAppend called after a transaction that appended events commits, to wake local
   *     workers
   */
  public JdbiOutbox(JdbiTransactions db, boolean postgres, Runnable onCommittedAppend) {
    this(db, postgres, onCommittedAppend, () -> null);
  }

  /**
   * @param traceParent the W3C traceparent of the current trace, or null; stored with each event
   */
  public JdbiOutbox(
      JdbiTransactions db,
      boolean postgres,
      Runnable onCommittedAppend,
      Supplier<String> traceParent) {
    this.db = db;
    this.postgres = postgres;
    this.traceParent = traceParent;
    // H2 accepts SKIP LOCKED but locks every matching row; it is single-process anyway.
    this.lockClause = postgres ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
    this.onCommittedAppend = onCommittedAppend;
  }

  @Override
  public void append(NewEvent event) {
    // A continuation is due as of the event that led to it, so that it queues ahead of newer
    // orders; any other event is due at once.
    Optional<Instant> dueAsOf = Continuation.dueAsOf();
    String payload = Json.write(event.payload());
    String trace = traceParent.get();
    InsertsAtCommit atCommit = db.insertsAtCommit();
    if (atCommit != null) {
      atCommit.add(
          INSERT,
          List.of(
              Cell.of(event.type(), String.class),
              Cell.of(event.aggregateId(), String.class),
              Cell.of(payload, String.class),
              Cell.sql("'PENDING'"),
              Cell.sql("0"),
              dueAsOf.isPresent() ? Cell.of(dueAsOf.get(), Instant.class) : NOW,
              NOW,
              Cell.of(trace, String.class)));
    } else {
      db.useHandle(
          h -> {
            var insert =
                h.createUpdate(
                        INSERT
                            + " VALUES (:type, :aggregate, :payload, 'PENDING', 0, "
                            + (dueAsOf.isPresent() ? ":due" : "CURRENT_TIMESTAMP")
                            + ", CURRENT_TIMESTAMP, :traceParent)")
                    .bind("type", event.type())
                    .bind("aggregate", event.aggregateId())
                    .bind("payload", payload)
                    .bind("traceParent", trace);
            dueAsOf.ifPresent(due -> insert.bind("due", due));
            insert.execute();
          });
    }
    db.afterCommit(onCommittedAppend);
  }

  @Override
  public List<OutboxEvent> claim(int limit, Instant now, Instant leaseUntil) {
    return db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  List<Long> ids =
                      h.createQuery(
                              "SELECT id FROM outbox WHERE status = 'PENDING' AND available_at <= :now"
                                  + " ORDER BY available_at, id LIMIT :limit"
                                  + lockClause)
                          .bind("now", now)
                          .bind("limit", limit)
                          .mapTo(Long.class)
                          .list();
                  if (ids.isEmpty()) {
                    return List.of();
                  }
                  h.createUpdate(
                          "UPDATE outbox SET available_at = :lease, attempts = attempts + 1"
                              + " WHERE id IN (<ids>)")
                      .bind("lease", leaseUntil)
                      .bindList("ids", ids)
                      .execute();
                  return h.createQuery(
                          "SELECT " + COLUMNS + " FROM outbox WHERE id IN (<ids>) ORDER BY id")
                      .bindList("ids", ids)
                      .map(
                          (rs, ctx) ->
                              new OutboxEvent(
                                  rs.getLong("id"),
                                  rs.getString("type"),
                                  rs.getString("aggregate_id"),
                                  Json.read(rs.getString("payload")),
                                  rs.getInt("attempts"),
                                  Sql.instant(rs.getTimestamp("created_at")),
                                  rs.getString("trace_parent")))
                      .list();
                }));
  }

  /**
   * One statement for all of a worker's claims: each row must still carry the attempt its claim
   * counted, so a lease taken over by another worker (which counted another attempt) stays theirs.
   */
  @Override
  public int renew(Collection<OutboxEvent> claimed, Instant leaseUntil) {
    if (claimed.isEmpty()) {
      return 0;
    }
    List<OutboxEvent> events = List.copyOf(claimed);
    String held = claimsHeld(events);
    // On PostgreSQL a renewal never waits for a row lock: a row locked now is being finished by
    // the worker's own batch (whose commit it would otherwise wait for, and with which it could
    // deadlock, as the batch marks its events done in another order), so its lease needs no
    // extension; if that batch rolls back, the next beat renews it, a quarter lease later.
    String sql =
        postgres
            ? "UPDATE outbox SET available_at = :lease WHERE id IN (SELECT id FROM outbox WHERE "
                + held
                + lockClause
                + ")"
            : "UPDATE outbox SET available_at = :lease WHERE " + held;
    return db.withHandle(
        h -> bindClaims(h.createUpdate(sql), events).bind("lease", leaseUntil).execute());
  }

  @Override
  public int markAllDone(Collection<OutboxEvent> claimed, Instant now) {
    if (claimed.isEmpty()) {
      return 0;
    }
    List<OutboxEvent> events = List.copyOf(claimed);
    String sql =
        "UPDATE outbox SET status = 'DONE', processed_at = :now, last_error = NULL WHERE "
            + claimsHeld(events);
    return db.withHandle(h -> bindClaims(h.createUpdate(sql), events).bind("now", now).execute());
  }

  /** Pending under the same claim: each event's id with the attempt that claimed it. */
  private static String claimsHeld(List<OutboxEvent> events) {
    StringBuilder held = new StringBuilder("status = 'PENDING' AND (");
    for (int i = 0; i < events.size(); i++) {
      held.append(i == 0 ? "" : " OR ")
          .append("(id = :id" + i + " AND attempts = :attempts" + i + ")");
    }
    return held.append(')').toString();
  }

  private static Update bindClaims(Update update, List<OutboxEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      update.bind("id" + i, events.get(i).id()).bind("attempts" + i, events.get(i).attempts());
    }
    return update;
  }

  @Override
  public boolean markDone(OutboxEvent claimed, Instant now) {
    return finish(claimed, "DONE", now, null);
  }

  @Override
  public boolean retryAt(OutboxEvent claimed, Instant when, String error) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE outbox SET available_at = :when, last_error = :error" + CLAIM_HOLDS)
                    .bind("when", when)
                    .bind("error", truncate(error))
                    .bind("id", claimed.id())
                    .bind("attempts", claimed.attempts())
                    .execute())
        == 1;
  }

  @Override
  public boolean markDead(OutboxEvent claimed, Instant now, String error) {
    return finish(claimed, "DEAD", now, error);
  }

  @Override
  public int purgeFinished(Instant before) {
    return db.withHandle(
        h ->
            h.createUpdate(
                    "DELETE FROM outbox WHERE status <> 'PENDING' AND processed_at < :before")
                .bind("before", before)
                .execute());
  }

  @Override
  public Backlog backlog() {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox"
                        + " WHERE status = 'PENDING'")
                .map(
                    (rs, ctx) ->
                        new Backlog(
                            rs.getLong("pending"),
                            Optional.ofNullable(rs.getTimestamp("oldest")).map(Sql::instant)))
                .one());
  }

  /**
   * A claim sets attempts to 1 or more, and an unclaimed event's available_at is its created_at: so
   * the oldest unclaimed event is the first row of the (status, available_at) index with no
   * attempt.
   */
  @Override
  public Optional<Instant> oldestUnclaimed() {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT MIN(available_at) AS oldest FROM outbox"
                        + " WHERE status = 'PENDING' AND attempts = 0")
                .map((rs, ctx) -> Optional.ofNullable(rs.getTimestamp("oldest")).map(Sql::instant))
                .one());
  }

  private boolean finish(OutboxEvent claimed, String status, Instant now, String error) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE outbox SET status = :status, processed_at = :now, last_error = :error"
                            + CLAIM_HOLDS)
                    .bind("status", status)
                    .bind("now", now)
                    .bind("error", truncate(error))
                    .bind("id", claimed.id())
                    .bind("attempts", claimed.attempts())
                    .execute())
        == 1;
  }

  private static String truncate(String error) {
    return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
  }
}
