package com.securecart.identity;

import com.securecart.shared.CustomerId;
import com.securecart.shared.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port to what staff accounts add to an account: TOTP, recovery codes, invitations, state. */
public interface StaffRepository {
  /** The account if it is enabled (staff or not). */
  Optional<Account> findEnabled(CustomerId id);

  /** The account's TOTP state; empty if it has no secret yet. */
  Optional<StaffMfa> mfa(CustomerId id);

  /** Stores a secret: pending until {@code enrolled}; replaces any earlier pending one. */
  void setSecret(CustomerId id, String secret, boolean enrolled);

  /**
   * Accepts a code's time step if it is later than the last accepted one, atomically (two instances
   * cannot both accept the same code), and clears the failure count.
   *
   * @return false if this step or a later one was already used
   */
  boolean acceptStep(CustomerId id, long step);

  /** Counts a wrong code; at {@code max} failures the account is locked until {@code until}. */
  void recordFailure(CustomerId id, int max, Instant until);

  /** Clears the failure count (a right recovery code). */
  void clearFailures(CustomerId id);

  void replaceRecoveryCodes(CustomerId id, List<String> codeHashes);

  /** Marks an unused recovery code used, atomically; false if unknown or already used. */
  boolean useRecoveryCode(CustomerId id, String codeHash, Instant now);

  void insertChallenge(String tokenHash, CustomerId id, Instant expiresAt);

  Optional<CustomerId> findChallenge(String tokenHash, Instant now);

  void deleteChallenge(String tokenHash);

  int deleteExpiredChallenges(Instant now);

  void insertInvitation(
      String tokenHash,
      String email,
      Role role,
      CustomerId invitedBy,
      Instant now,
      Instant expires);

  /** An open, unexpired invitation, without using it up. */
  Optional<Invitation> findInvitation(String tokenHash, Instant now);

  /**
   * Marks an open, unexpired invitation accepted, atomically, and returns its e-mail and role;
   * empty if unknown, used or expired.
   */
  Optional<Invitation> takeInvitation(String tokenHash, Instant now);

  List<StaffMember> list();

  long countEnabled(Role role);

  /** False if no enabled staff account has this id. */
  boolean setRole(CustomerId id, Role role);

  /** False if no enabled staff account has this id. */
  boolean disable(CustomerId id, Instant now);
}
