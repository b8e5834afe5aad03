package com.securecart.persistence;

import com.securecart.identity.LoginFailureRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed sign-in counts in SQL, shared by every instance. The increment is one upsert (ADR 14), so
 * concurrent failures on several instances each count.
 */
public final class JdbiLoginFailureRepository implements LoginFailureRepository {
  private final JdbiTransactions db;

  public JdbiLoginFailureRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public Optional<Instant> lockedUntil(String key) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT locked_until FROM login_failures WHERE key_hash = :key")
                .bind("key", key)
                .map((rs, ctx) -> Optional.ofNullable(Sql.instant(rs.getTimestamp(1))))
                .findOne()
                .flatMap(o -> o));
  }

  @Override
  public int recordFailure(String key, Instant now, Instant forgetBefore) {
    return db.inTransaction(
        () -> {
          Upsert.into("login_failures")
              .key("key_hash", ":key")
              .insert("failures", "1")
              .insert("last_failure_at", ":now")
              .update(
                  "failures",
                  "CASE WHEN t.last_failure_at < :forget THEN 1 ELSE t.failures + 1 END")
              .update("last_failure_at", ":now")
              .bind("key", key)
              .bind("now", now)
              .bind("forget", forgetBefore)
              .execute(db);
          return db.withHandle(
              h ->
                  h.createQuery("SELECT failures FROM login_failures WHERE key_hash = :key")
                      .bind("key", key)
                      .mapTo(Integer.class)
                      .one());
        });
  }

  @Override
  public void lock(String key, Instant until) {
    db.useHandle(
        h ->
            h.createUpdate("UPDATE login_failures SET locked_until = :until WHERE key_hash = :key")
                .bind("until", until)
                .bind("key", key)
                .execute());
  }

  @Override
  public int deleteQuiet(Instant quietSince, Instant now) {
    return db.withHandle(
        h ->
            h.createUpdate(
                    "DELETE FROM login_failures WHERE last_failure_at < :quiet"
                        + " AND (locked_until IS NULL OR locked_until <= :now)")
                .bind("quiet", quietSince)
                .bind("now", now)
                .execute());
  }

  @Override
  public void clear(String key) {
    db.useHandle(
        h ->
            h.createUpdate("DELETE FROM login_failures WHERE key_hash = :key")
                .bind("key", key)
                .execute());
  }
}
