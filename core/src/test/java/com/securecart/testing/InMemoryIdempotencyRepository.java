package com.securecart.testing;

import com.securecart.idempotency.IdempotencyRecord;
import com.securecart.idempotency.IdempotencyRepository;
import com.securecart.idempotency.StoredResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency keys in a map, honouring the port's contract the way the SQL table does.
 * Synchronized: tests call it from several threads.
 */
public class InMemoryIdempotencyRepository implements IdempotencyRepository {
  private record Id(String scope, String key) {}

  /** A stored key with its expiry. */
  public record Row(IdempotencyRecord record, Instant expiresAt) {}

  private final Map<Id, Row> rows = new HashMap<>();
  private final InMemoryTransactions transactions;

  /** Writes stay when a transaction fails, as if each were committed at once. */
  public InMemoryIdempotencyRepository() {
    this(null);
  }

  /** Writes made inside one of {@code transactions} are undone when it fails, as SQL's are. */
  public InMemoryIdempotencyRepository(InMemoryTransactions transactions) {
    this.transactions = transactions;
  }

  private void undoOnRollback(Id id, Row before) {
    if (transactions != null) {
      transactions.onRollback(
          () -> {
            synchronized (this) {
              if (before == null) {
                rows.remove(id);
              } else {
                rows.put(id, before);
              }
            }
          });
    }
  }

  @Override
  public synchronized boolean tryInsert(
      String scope, String key, String fingerprint, Instant now, Instant expiresAt) {
    Id id = new Id(scope, key);
    if (rows.putIfAbsent(id, new Row(new IdempotencyRecord(fingerprint, null, now), expiresAt))
        != null) {
      return false;
    }
    undoOnRollback(id, null);
    return true;
  }

  @Override
  public synchronized Optional<IdempotencyRecord> find(String scope, String key) {
    return Optional.ofNullable(rows.get(new Id(scope, key))).map(Row::record);
  }

  @Override
  public synchronized boolean complete(
      String scope, String key, Instant claimedAt, StoredResponse response) {
    Id id = new Id(scope, key);
    Row row = rows.get(id);
    if (!heldBy(row, claimedAt)) {
      return false;
    }
    rows.put(
        id,
        new Row(
            new IdempotencyRecord(row.record().fingerprint(), response, row.record().lockedAt()),
            row.expiresAt()));
    undoOnRollback(id, row);
    return true;
  }

  private static boolean heldBy(Row row, Instant claimedAt) {
    return row != null && row.record().inFlight() && row.record().lockedAt().equals(claimedAt);
  }

  @Override
  public synchronized boolean reclaim(String scope, String key, Instant staleBefore, Instant now) {
    Id id = new Id(scope, key);
    Row row = rows.get(id);
    if (row == null || !row.record().inFlight() || !row.record().lockedAt().isBefore(staleBefore)) {
      return false;
    }
    rows.put(
        id, new Row(new IdempotencyRecord(row.record().fingerprint(), null, now), row.expiresAt()));
    return true;
  }

  @Override
  public synchronized void release(String scope, String key, Instant claimedAt) {
    if (heldBy(rows.get(new Id(scope, key)), claimedAt)) {
      rows.remove(new Id(scope, key));
    }
  }

  @Override
  public synchronized int purgeExpired(Instant now) {
    int before = rows.size();
    rows.values().removeIf(row -> row.expiresAt().isBefore(now));
    return before - rows.size();
  }

  public synchronized Optional<Row> row(String scope, String key) {
    return Optional.ofNullable(rows.get(new Id(scope, key)));
  }

  public synchronized int size() {
    return rows.size();
  }
}
