package com.securecart.idempotency;

import java.time.Instant;
import java.util.Optional;

/** Port to the idempotency key store; (scope, key) is unique. */
public interface IdempotencyRepository {
  /** Inserts an in-flight record; false if the key exists. */
  boolean tryInsert(String scope, String key, String fingerprint, Instant now, Instant expiresAt);

  Optional<IdempotencyRecord> find(String scope, String key);

  /**
   * Stores the response, only while the claim taken at {@code claimedAt} still holds; false when
   * another caller has taken the key over since (the caller must then roll back its work).
   */
  boolean complete(String scope, String key, Instant claimedAt, StoredResponse response);

  /**
   * Tells others that the claim taken at {@code claimedAt} is still being worked on (its owner is
   * alive): the record counts as fresh from {@code now}. False when the claim no longer holds
   * (completed, freed or taken over), and then nothing changes.
   */
  boolean renew(String scope, String key, Instant claimedAt, Instant now);

  /**
   * Takes over an in-flight record whose owner died: neither claimed nor renewed since {@code
   * staleBefore}.
   */
  boolean reclaim(String scope, String key, Instant staleBefore, Instant now);

  /** Frees an in-flight key, only while the claim taken at {@code claimedAt} still holds. */
  void release(String scope, String key, Instant claimedAt);

  int purgeExpired(Instant now);
}
