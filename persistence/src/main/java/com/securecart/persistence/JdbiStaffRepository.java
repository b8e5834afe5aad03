package com.securecart.persistence;

import com.securecart.identity.Account;
import com.securecart.identity.Invitation;
import com.securecart.identity.StaffMember;
import com.securecart.identity.StaffMfa;
import com.securecart.identity.StaffRepository;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What staff accounts add to accounts, in SQL; every check-and-set is one atomic statement. */
public final class JdbiStaffRepository implements StaffRepository {
  private final JdbiTransactions db;

  public JdbiStaffRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public Optional<Account> findEnabled(CustomerId id) {
    return db.withHandle(
        h ->
            h.createQuery(JdbiAccountRepository.COLUMNS + " WHERE id = :id AND disabled_at IS NULL")
                .bind("id", id.value())
                .map(JdbiAccountRepository::account)
                .findOne());
  }

  @Override
  public Optional<StaffMfa> mfa(CustomerId id) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT totp_secret, totp_enrolled, totp_last_step, mfa_failures,"
                        + " mfa_locked_until FROM accounts"
                        + " WHERE id = :id AND totp_secret IS NOT NULL")
                .bind("id", id.value())
                .map(
                    (rs, ctx) ->
                        new StaffMfa(
                            rs.getString("totp_secret"),
                            rs.getBoolean("totp_enrolled"),
                            rs.getLong("totp_last_step"),
                            rs.getInt("mfa_failures"),
                            Sql.instant(rs.getTimestamp("mfa_locked_until"))))
                .findOne());
  }

  @Override
  public void setSecret(CustomerId id, String secret, boolean enrolled) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE accounts SET totp_secret = :secret, totp_enrolled = :enrolled"
                        + " WHERE id = :id")
                .bind("id", id.value())
                .bind("secret", secret)
                .bind("enrolled", enrolled)
                .execute());
  }

  @Override
  public boolean acceptStep(CustomerId id, long step) {
    return update(
            "UPDATE accounts SET totp_last_step = :step, mfa_failures = 0"
                + " WHERE id = :id AND totp_last_step < :step",
            id,
            step)
        == 1;
  }

  @Override
  public void recordFailure(CustomerId id, int max, Instant until) {
    db.useHandle(
        h -> {
          h.createUpdate("UPDATE accounts SET mfa_failures = mfa_failures + 1 WHERE id = :id")
              .bind("id", id.value())
              .execute();
          h.createUpdate(
                  "UPDATE accounts SET mfa_locked_until = :until, mfa_failures = 0"
                      + " WHERE id = :id AND mfa_failures >= :max")
              .bind("id", id.value())
              .bind("max", max)
              .bind("until", until)
              .execute();
        });
  }

  @Override
  public void clearFailures(CustomerId id) {
    db.useHandle(
        h ->
            h.createUpdate("UPDATE accounts SET mfa_failures = 0 WHERE id = :id")
                .bind("id", id.value())
                .execute());
  }

  @Override
  public void replaceRecoveryCodes(CustomerId id, List<String> codeHashes) {
    db.inTransaction(
        () -> {
          db.useHandle(
              h -> {
                h.createUpdate("DELETE FROM staff_recovery_codes WHERE account_id = :id")
                    .bind("id", id.value())
                    .execute();
                for (String hash : codeHashes) {
                  h.createUpdate(
                          "INSERT INTO staff_recovery_codes (account_id, code_hash)"
                              + " VALUES (:id, :hash)")
                      .bind("id", id.value())
                      .bind("hash", hash)
                      .execute();
                }
              });
          return null;
        });
  }

  @Override
  public boolean useRecoveryCode(CustomerId id, String codeHash, Instant now) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE staff_recovery_codes SET used_at = :now"
                            + " WHERE account_id = :id AND code_hash = :hash AND used_at IS NULL")
                    .bind("id", id.value())
                    .bind("hash", codeHash)
                    .bind("now", now)
                    .execute())
        == 1;
  }

  @Override
  public void insertChallenge(String tokenHash, CustomerId id, Instant expiresAt) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO staff_challenges (token_hash, account_id, expires_at)"
                        + " VALUES (:hash, :id, :expires)")
                .bind("hash", tokenHash)
                .bind("id", id.value())
                .bind("expires", expiresAt)
                .execute());
  }

  @Override
  public Optional<CustomerId> findChallenge(String tokenHash, Instant now) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT account_id FROM staff_challenges"
                        + " WHERE token_hash = :hash AND expires_at > :now")
                .bind("hash", tokenHash)
                .bind("now", now)
                .mapTo(Long.class)
                .findOne()
                .map(CustomerId::new));
  }

  @Override
  public void deleteChallenge(String tokenHash) {
    db.useHandle(
        h ->
            h.createUpdate("DELETE FROM staff_challenges WHERE token_hash = :hash")
                .bind("hash", tokenHash)
                .execute());
  }

  @Override
  public int deleteExpiredChallenges(Instant now) {
    return db.withHandle(
        h ->
            h.createUpdate("DELETE FROM staff_challenges WHERE expires_at <= :now")
                .bind("now", now)
                .execute());
  }

  @Override
  public void insertInvitation(
      String tokenHash,
      String email,
      Role role,
      CustomerId invitedBy,
      Instant now,
      Instant expires) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO staff_invitations"
                        + " (token_hash, email, role, invited_by, created_at, expires_at)"
                        + " VALUES (:hash, :email, :role, :by, :now, :expires)")
                .bind("hash", tokenHash)
                .bind("email", email)
                .bind("role", role.name())
                .bind("by", invitedBy.value())
                .bind("now", now)
                .bind("expires", expires)
                .execute());
  }

  @Override
  public Optional<Invitation> findInvitation(String tokenHash, Instant now) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT email, role, expires_at FROM staff_invitations WHERE token_hash = :hash"
                        + " AND accepted_at IS NULL AND expires_at > :now")
                .bind("hash", tokenHash)
                .bind("now", now)
                .map(
                    (rs, ctx) ->
                        new Invitation(
                            null,
                            rs.getString("email"),
                            Role.valueOf(rs.getString("role")),
                            Sql.instant(rs.getTimestamp("expires_at"))))
                .findOne());
  }

  @Override
  public Optional<Invitation> takeInvitation(String tokenHash, Instant now) {
    return db.inTransaction(
        () -> {
          int taken =
              db.withHandle(
                  h ->
                      h.createUpdate(
                              "UPDATE staff_invitations SET accepted_at = :now"
                                  + " WHERE token_hash = :hash AND accepted_at IS NULL"
                                  + " AND expires_at > :now")
                          .bind("hash", tokenHash)
                          .bind("now", now)
                          .execute());
          if (taken != 1) {
            return Optional.<Invitation>empty();
          }
          return db.withHandle(
              h ->
                  h.createQuery(
                          "SELECT email, role, expires_at FROM staff_invitations"
                              + " WHERE token_hash = :hash")
                      .bind("hash", tokenHash)
                      .map(
                          (rs, ctx) ->
                              new Invitation(
                                  null,
                                  rs.getString("email"),
                                  Role.valueOf(rs.getString("role")),
                                  Sql.instant(rs.getTimestamp("expires_at"))))
                      .findOne());
        });
  }

  @Override
  public List<StaffMember> list() {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT id, email, name, role, totp_enrolled, disabled_at FROM accounts"
                        + " WHERE role <> 'CUSTOMER' ORDER BY id")
                .map(
                    (rs, ctx) ->
                        new StaffMember(
                            new CustomerId(rs.getLong("id")),
                            rs.getString("email"),
                            rs.getString("name"),
                            Role.valueOf(rs.getString("role")),
                            rs.getBoolean("totp_enrolled"),
                            rs.getTimestamp("disabled_at") != null))
                .list());
  }

  @Override
  public long countEnabled(Role role) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM accounts WHERE role = :role AND disabled_at IS NULL")
                .bind("role", role.name())
                .mapTo(Long.class)
                .one());
  }

  @Override
  public boolean setRole(CustomerId id, Role role) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE accounts SET role = :role WHERE id = :id"
                            + " AND role <> 'CUSTOMER' AND disabled_at IS NULL")
                    .bind("id", id.value())
                    .bind("role", role.name())
                    .execute())
        == 1;
  }

  @Override
  public boolean disable(CustomerId id, Instant now) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE accounts SET disabled_at = :now WHERE id = :id"
                            + " AND role <> 'CUSTOMER' AND disabled_at IS NULL")
                    .bind("id", id.value())
                    .bind("now", now)
                    .execute())
        == 1;
  }

  private int update(String sql, CustomerId id, long step) {
    return db.withHandle(
        h -> h.createUpdate(sql).bind("id", id.value()).bind("step", step).execute());
  }
}
