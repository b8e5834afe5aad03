package com.securecart.testing;

import com.securecart.idempotency.IdempotencyRecord;
import com.securecart.idempotency.IdempotencyRepository;
import com.securecart.idempotency.StoredResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Idempotency keys in a map, honouring the port's contract the way the SQL table does. */
public class InMemoryIdempotencyRepository implements IdempotencyRepository {
  private record Id(String scope, String key) {}

  /** A stored key with its expiry. */
  public record Row(IdempotencyRecord record, Instant expiresAt) {}

  private final Map<Id, Row> rows = new HashMap<>();

  @Override
  public boolean tryInsert(
      String scope, String key, String fingerprint, Instant now, Instant expiresAt) {
    return rows.putIfAbsent(
            new Id(scope, key), new Row(new IdempotencyRecord(fingerprint, null, now), expiresAt))
        == null;
  }

  @Override
  public Optional<IdempotencyRecord> find(String scope, String key) {
    return Optional.ofNullable(rows.get(new Id(scope, key))).map(Row::record);
  }

  @Override
  public boolean complete(String scope, String key, Instant claimedAt, StoredResponse response) {
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
  public boolean reclaim(String scope, String key, Instant staleBefore, Instant now) {
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
  public void release(String scope, String key, Instant claimedAt) {
    if (heldBy(rows.get(new Id(scope, key)), claimedAt)) {
      rows.remove(new Id(scope, key));
    }
  }

  @Override
  public int purgeExpired(Instant now) {
    int before = rows.size();
    rows.values().removeIf(row -> row.expiresAt().isBefore(now));
    return before - rows.size();
  }

  public Optional<Row> row(String scope, String key) {
    return Optional.ofNullable(rows.get(new Id(scope, key)));
  }

  public int size() {
    return rows.size();
  }
}
