package com.securecart.persistence;

import com.securecart.identity.AccountTokenRepository;
import com.securecart.identity.TokenPurpose;
import com.securecart.shared.CustomerId;
import java.time.Instant;
import java.util.Optional;

/** Single-use account tokens (password reset, e-mail verification) in SQL, by SHA-256. */
public final class JdbiAccountTokenRepository implements AccountTokenRepository {
  private final JdbiTransactions db;

  public JdbiAccountTokenRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public void replace(
      CustomerId account, TokenPurpose purpose, String tokenHash, Instant now, Instant expiresAt) {
    db.inTransaction(
        () -> {
          db.useHandle(
              h ->
                  h.createUpdate(
                          "DELETE FROM account_tokens WHERE account_id = :account"
                              + " AND purpose = :purpose")
                      .bind("account", account.value())
                      .bind("purpose", purpose.name())
                      .execute());
          db.useHandle(
              h ->
                  h.createUpdate(
                          "INSERT INTO account_tokens"
                              + " (token_hash, account_id, purpose, created_at, expires_at)"
                              + " VALUES (:hash, :account, :purpose, :now, :expiresAt)")
                      .bind("hash", tokenHash)
                      .bind("account", account.value())
                      .bind("purpose", purpose.name())
                      .bind("now", now)
                      .bind("expiresAt", expiresAt)
                      .execute());
          return null;
        });
  }

  @Override
  public Optional<CustomerId> find(TokenPurpose purpose, String tokenHash, Instant now) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT account_id FROM account_tokens WHERE token_hash = :hash"
                        + " AND purpose = :purpose AND expires_at > :now")
                .bind("hash", tokenHash)
                .bind("purpose", purpose.name())
                .bind("now", now)
                .mapTo(Long.class)
                .findOne()
                .map(CustomerId::new));
  }

  @Override
  public Optional<CustomerId> consume(TokenPurpose purpose, String tokenHash, Instant now) {
    return db.inTransaction(
        () -> {
          Optional<CustomerId> account = find(purpose, tokenHash, now);
          // The delete decides between two concurrent uses: only one of them deletes the row.
          int deleted =
              db.withHandle(
                  h ->
                      h.createUpdate("DELETE FROM account_tokens WHERE token_hash = :hash")
                          .bind("hash", tokenHash)
                          .execute());
          return deleted == 1 ? account : Optional.<CustomerId>empty();
        });
  }

  @Override
  public int deleteExpired(Instant now) {
    return db.withHandle(
        h ->
            h.createUpdate("DELETE FROM account_tokens WHERE expires_at <= :now")
                .bind("now", now)
                .execute());
  }

  @Override
  public void deleteAllFor(CustomerId account) {
    db.useHandle(
        h ->
            h.createUpdate("DELETE FROM account_tokens WHERE account_id = :account")
                .bind("account", account.value())
                .execute());
  }
}
