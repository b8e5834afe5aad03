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
 * Synchronized: an executor's heartbeat renews claims from a thread of its own.
 */
public class InMemoryIdempotencyRepository implements IdempotencyRepository {
  private record Id(String scope, String key) {}

  /** A stored key with its expiry. */
  public record Row(IdempotencyRecord record, Instant expiresAt) {}

  private final Map<Id, Row> rows = new HashMap<>();
  // The table's renewed_at: the last renewal of the current claim, if any.
  private final Map<Id, Instant> renewals = new HashMap<>();

  @Override
  public synchronized boolean tryInsert(
      String scope, String key, String fingerprint, Instant now, Instant expiresAt) {
    return rows.putIfAbsent(
            new Id(scope, key), new Row(new IdempotencyRecord(fingerprint, null, now), expiresAt))
        == null;
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
    return true;
  }

  private static boolean heldBy(Row row, Instant claimedAt) {
    return row != null && row.record().inFlight() && row.record().lockedAt().equals(claimedAt);
  }

  @Override
  public synchronized boolean renew(String scope, String key, Instant claimedAt, Instant now) {
    Id id = new Id(scope, key);
    if (!heldBy(rows.get(id), claimedAt)) {
      return false;
    }
    renewals.put(id, now);
    return true;
  }

  @Override
  public synchronized boolean reclaim(String scope, String key, Instant staleBefore, Instant now) {
    Id id = new Id(scope, key);
    Row row = rows.get(id);
    if (row == null
        || !row.record().inFlight()
        || !renewals.getOrDefault(id, row.record().lockedAt()).isBefore(staleBefore)) {
      return false;
    }
    renewals.remove(id);
    rows.put(
        id, new Row(new IdempotencyRecord(row.record().fingerprint(), null, now), row.expiresAt()));
    return true;
  }

  @Override
  public synchronized void release(String scope, String key, Instant claimedAt) {
    if (heldBy(rows.get(new Id(scope, key)), claimedAt)) {
      rows.remove(new Id(scope, key));
      renewals.remove(new Id(scope, key));
    }
  }

  @Override
  public synchronized int purgeExpired(Instant now) {
    int before = rows.size();
    rows.values().removeIf(row -> row.expiresAt().isBefore(now));
    renewals.keySet().retainAll(rows.keySet());
    return before - rows.size();
  }

  public synchronized Optional<Row> row(String scope, String key) {
    return Optional.ofNullable(rows.get(new Id(scope, key)));
  }

  /** When the current claim on the key was last renewed; empty if it never was. */
  public synchronized Optional<Instant> renewedAt(String scope, String key) {
    return Optional.ofNullable(renewals.get(new Id(scope, key)));
  }

  public synchronized int size() {
    return rows.size();
  }
}
