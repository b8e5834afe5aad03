package com.securecart.persistence;

import com.securecart.identity.Account;
import com.securecart.identity.AccountRepository;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Role;
import java.time.Instant;
import java.util.Optional;

/** Accounts in SQL. */
public final class JdbiAccountRepository implements AccountRepository {
  private final JdbiTransactions db;

  public JdbiAccountRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public Optional<CustomerId> insert(
      String email, String name, String passwordHash, Role role, Instant now) {
    long[] id = new long[1];
    boolean inserted =
        db.insertUnlessDuplicate(
            h ->
                id[0] =
                    h.createUpdate(
                            "INSERT INTO accounts (email, name, password_hash, role, created_at)"
                                + " VALUES (:email, :name, :hash, :role, :now)")
                        .bind("email", email)
                        .bind("name", name)
                        .bind("hash", passwordHash)
                        .bind("role", role.name())
                        .bind("now", now)
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
    return inserted ? Optional.of(new CustomerId(id[0])) : Optional.empty();
  }

  @Override
  public Optional<Account> findByEmail(String email) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, email, name, role, password_hash FROM accounts"
                        + " WHERE email = :email AND disabled_at IS NULL")
                .bind("email", email)
                .map(
                    (rs, ctx) ->
                        new Account(
                            new CustomerId(rs.getLong("id")),
                            rs.getString("email"),
                            rs.getString("name"),
                            Role.valueOf(rs.getString("role")),
                            rs.getString("password_hash")))
                .findOne());
  }

  @Override
  public boolean anyWithRole(Role role) {
    return db.withHandle(
        h ->
            h.createQuery(
                        "SELECT COUNT(*) FROM accounts WHERE role = :role AND disabled_at IS NULL")
                    .bind("role", role.name())
                    .mapTo(Long.class)
                    .one()
                > 0);
  }
}
