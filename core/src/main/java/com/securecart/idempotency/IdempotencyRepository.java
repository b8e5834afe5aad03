package com.securecart.idempotency;

import java.time.Instant;
import java.util.Optional;

/** Port to the idempotency key store; (scope, key) is unique. */
public interface IdempotencyRepository {
  /** Inserts an in-flight record; false if the key exists. */
  boolean tryInsert(String scope, String key, String fingerprint, Instant now, Instant expiresAt);

  Optional<IdempotencyRecord> find(String scope, String key);

  void complete(String scope, String key, StoredResponse response);

  /** Takes over an in-flight record whose owner died (locked before {@code staleBefore}). */
  boolean reclaim(String scope, String key, Instant staleBefore, Instant now);

  void delete(String scope, String key);

  int purgeExpired(Instant now);
}
