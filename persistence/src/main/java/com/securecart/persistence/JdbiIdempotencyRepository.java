package com.securecart.persistence;

import com.securecart.idempotency.IdempotencyRecord;
import com.securecart.idempotency.IdempotencyRepository;
import com.securecart.idempotency.StoredResponse;
import java.time.Instant;
import java.util.Optional;

/** Idempotency keys in SQL; the primary key (scope, key) decides which request runs. */
public final class JdbiIdempotencyRepository implements IdempotencyRepository {
  private final JdbiTransactions db;

  public JdbiIdempotencyRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public boolean tryInsert(
      String scope, String key, String fingerprint, Instant now, Instant expiresAt) {
    // One statement on PostgreSQL, no savepoint: the claim is taken inside the checkout's
    // transaction, which may be a coalesced batch of many (ADR 12) that should open no
    // subtransaction per buyer. A concurrent claim of the same key waits for this one's transaction
    // and then inserts nothing.
    return db.insertIfAbsent(
        "INSERT INTO idempotency_keys (scope, idem_key, fingerprint, locked_at, expires_at)"
            + " VALUES (:scope, :key, :fingerprint, :now, :expiresAt)",
        u ->
            u.bind("scope", scope)
                .bind("key", key)
                .bind("fingerprint", fingerprint)
                .bind("now", now)
                .bind("expiresAt", expiresAt));
  }

  @Override
  public Optional<IdempotencyRecord> find(String scope, String key) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT fingerprint, response_status, response_type, response_body, locked_at"
                        + " FROM idempotency_keys WHERE scope = :scope AND idem_key = :key")
                .bind("scope", scope)
                .bind("key", key)
                .map(
                    (rs, ctx) -> {
                      int status = rs.getInt("response_status");
                      StoredResponse response =
                          rs.wasNull()
                              ? null
                              : new StoredResponse(
                                  status,
                                  rs.getString("response_type"),
                                  rs.getString("response_body"));
                      return new IdempotencyRecord(
                          rs.getString("fingerprint"),
                          response,
                          Sql.instant(rs.getTimestamp("locked_at")));
                    })
                .findOne());
  }

  @Override
  public boolean complete(String scope, String key, Instant claimedAt, StoredResponse response) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE idempotency_keys SET response_status = :status, response_type = :type,"
                            + " response_body = :body WHERE scope = :scope AND idem_key = :key"
                            + " AND locked_at = :claimedAt AND response_status IS NULL")
                    .bind("status", response.status())
                    .bind("type", response.contentType())
                    .bind("body", response.body())
                    .bind("scope", scope)
                    .bind("key", key)
                    .bind("claimedAt", claimedAt)
                    .execute())
        == 1;
  }

  @Override
  public boolean reclaim(String scope, String key, Instant staleBefore, Instant now) {
    // A claim is fresh from its last renewal (none yet: from the claim itself).
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE idempotency_keys SET locked_at = :now, renewed_at = NULL"
                            + " WHERE scope = :scope AND idem_key = :key AND response_status IS NULL"
                            + " AND COALESCE(renewed_at, locked_at) < :staleBefore")
                    .bind("now", now)
                    .bind("scope", scope)
                    .bind("key", key)
                    .bind("staleBefore", staleBefore)
                    .execute())
        == 1;
  }

  @Override
  public void release(String scope, String key, Instant claimedAt) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "DELETE FROM idempotency_keys WHERE scope = :scope AND idem_key = :key"
                        + " AND locked_at = :claimedAt AND response_status IS NULL")
                .bind("scope", scope)
                .bind("key", key)
                .bind("claimedAt", claimedAt)
                .execute());
  }

  @Override
  public int purgeExpired(Instant now) {
    return db.withHandle(
        h ->
            h.createUpdate("DELETE FROM idempotency_keys WHERE expires_at < :now")
                .bind("now", now)
                .execute());
  }
}
