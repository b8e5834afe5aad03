package com.securecart.persistence;

import com.securecart.identity.ActiveSession;
import com.securecart.identity.SessionRepository;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Principal;
import com.securecart.shared.Role;
import java.time.Instant;
import java.util.Optional;

/** Sessions in SQL, keyed by the token's SHA-256. */
public final class JdbiSessionRepository implements SessionRepository {
  private final JdbiTransactions db;

  public JdbiSessionRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public void insert(String tokenHash, CustomerId customer, Instant now, Instant expiresAt) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO sessions (token_hash, account_id, created_at, expires_at,"
                        + " last_seen_at) VALUES (:hash, :account, :now, :expiresAt, :now)")
                .bind("hash", tokenHash)
                .bind("account", customer.value())
                .bind("now", now)
                .bind("expiresAt", expiresAt)
                .execute());
  }

  @Override
  public Optional<ActiveSession> findActive(String tokenHash, Instant now) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT a.id, a.email, a.role, a.email_verified_at, s.created_at, s.last_seen_at,"
                        + " s.stepped_up_at"
                        + " FROM sessions s JOIN accounts a ON a.id = s.account_id"
                        + " WHERE s.token_hash = :hash AND s.expires_at > :now"
                        + " AND a.disabled_at IS NULL")
                .bind("hash", tokenHash)
                .bind("now", now)
                .map(
                    (rs, ctx) -> {
                      Instant lastSeen = Sql.instant(rs.getTimestamp("last_seen_at"));
                      return new ActiveSession(
                          new Principal(
                              new CustomerId(rs.getLong("id")),
                              rs.getString("email"),
                              Role.valueOf(rs.getString("role")),
                              rs.getTimestamp("email_verified_at") != null),
                          lastSeen != null ? lastSeen : Sql.instant(rs.getTimestamp("created_at")),
                          Sql.instant(rs.getTimestamp("stepped_up_at")));
                    })
                .findOne());
  }

  @Override
  public void touch(String tokenHash, Instant now) {
    set("last_seen_at", tokenHash, now);
  }

  @Override
  public void markSteppedUp(String tokenHash, Instant now) {
    set("stepped_up_at", tokenHash, now);
  }

  private void set(String column, String tokenHash, Instant now) {
    db.useHandle(
        h ->
            h.createUpdate("UPDATE sessions SET " + column + " = :now WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .bind("now", now)
                .execute());
  }

  @Override
  public int deleteForAccount(CustomerId customer) {
    return db.withHandle(
        h ->
            h.createUpdate("DELETE FROM sessions WHERE account_id = :account")
                .bind("account", customer.value())
                .execute());
  }

  @Override
  public void delete(String tokenHash) {
    db.useHandle(
        h ->
            h.createUpdate("DELETE FROM sessions WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .execute());
  }

  @Override
  public int deleteExpired(Instant now) {
    return db.withHandle(
        h ->
            h.createUpdate("DELETE FROM sessions WHERE expires_at <= :now")
                .bind("now", now)
                .execute());
  }

  @Override
  public void deleteAllFor(CustomerId customer) {
    db.useHandle(
        h ->
            h.createUpdate("DELETE FROM sessions WHERE account_id = :account")
                .bind("account", customer.value())
                .execute());
  }

  @Override
  public void deleteAllExceptFor(CustomerId customer, String tokenHash) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "DELETE FROM sessions WHERE account_id = :account AND token_hash <> :hash")
                .bind("account", customer.value())
                .bind("hash", tokenHash)
                .execute());
  }
}
