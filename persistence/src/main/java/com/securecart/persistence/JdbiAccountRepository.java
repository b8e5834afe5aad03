package com.securecart.persistence;

import com.securecart.identity.Account;
import com.securecart.identity.AccountRepository;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Role;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.statement.StatementContext;

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
            h.createQuery(COLUMNS + " WHERE email = :email AND disabled_at IS NULL")
                .bind("email", email)
                .map(JdbiAccountRepository::account)
                .findOne());
  }

  @Override
  public Optional<Account> findById(CustomerId id) {
    return db.withHandle(
        h ->
            h.createQuery(COLUMNS + " WHERE id = :id")
                .bind("id", id.value())
                .map(JdbiAccountRepository::account)
                .findOne());
  }

  /**
   * The columns of an {@link Account}, for {@link #account}; the staff repository reads them too.
   */
  static final String COLUMNS =
      "SELECT id, email, name, role, password_hash, email_verified_at FROM accounts";

  static Account account(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Account(
        new CustomerId(rs.getLong("id")),
        rs.getString("email"),
        rs.getString("name"),
        Role.valueOf(rs.getString("role")),
        rs.getString("password_hash"),
        rs.getTimestamp("email_verified_at") != null);
  }

  @Override
  public void setPasswordHash(CustomerId id, String passwordHash) {
    db.useHandle(
        h ->
            h.createUpdate("UPDATE accounts SET password_hash = :hash WHERE id = :id")
                .bind("hash", passwordHash)
                .bind("id", id.value())
                .execute());
  }

  @Override
  public void markEmailVerified(CustomerId id, Instant now) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE accounts SET email_verified_at = :now"
                        + " WHERE id = :id AND email_verified_at IS NULL")
                .bind("now", now)
                .bind("id", id.value())
                .execute());
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
