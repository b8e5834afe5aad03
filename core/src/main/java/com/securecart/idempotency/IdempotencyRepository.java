package com.securecart.idempotency;

import java.time.Instant;
import java.util.Optional;

/** Port to the idempotency key store; (scope, key) is unique. */
public interface IdempotencyRepository {
  /**
   * Inserts an in-flight record; false if the key exists. Inside a transaction, a concurrent insert
   * of the same key waits until that transaction ends.
   */
  boolean tryInsert(String scope, String key, String fingerprint, Instant now, Instant expiresAt);

  Optional<IdempotencyRecord> find(String scope, String key);

  /**
   * Stores the response, only while the claim taken at {@code claimedAt} still holds; false when
   * another caller has taken the key over since (the caller must then roll back its work).
   */
  boolean complete(String scope, String key, Instant claimedAt, StoredResponse response);

  /**
   * Takes over an in-flight record whose owner died: neither claimed nor renewed since {@code
   * staleBefore}. Only versions before issue 18's one-transaction checkout committed a claim before
   * completing it (and renewed it while they ran).
   */
  boolean reclaim(String scope, String key, Instant staleBefore, Instant now);

  /** Frees an in-flight key, only while the claim taken at {@code claimedAt} still holds. */
  void release(String scope, String key, Instant claimedAt);

  int purgeExpired(Instant now);
}
