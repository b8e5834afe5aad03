package com.securecart.testing;

import com.securecart.identity.Account;
import com.securecart.identity.Invitation;
import com.securecart.identity.StaffMember;
import com.securecart.identity.StaffMfa;
import com.securecart.identity.StaffRepository;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Role;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The TOTP state and sign-in challenges of staff accounts, in maps, for the identity context's unit
 * tests; invitations and staff management are tested over HTTP on real databases (StaffAccessIT).
 */
public final class InMemoryStaffRepository implements StaffRepository {
  private record Challenge(CustomerId id, Instant expiresAt) {}

  private final InMemoryAccountRepository accounts;
  private final Map<CustomerId, StaffMfa> mfa = new HashMap<>();
  private final Map<String, Challenge> challenges = new HashMap<>();

  public InMemoryStaffRepository(InMemoryAccountRepository accounts) {
    this.accounts = accounts;
  }

  @Override
  public Optional<Account> findEnabled(CustomerId id) {
    return accounts.findById(id);
  }

  @Override
  public Optional<StaffMfa> mfa(CustomerId id) {
    return Optional.ofNullable(mfa.get(id));
  }

  @Override
  public void setSecret(CustomerId id, String secret, boolean enrolled) {
    StaffMfa old = mfa.get(id);
    mfa.put(id, new StaffMfa(secret, enrolled, old == null ? 0 : old.lastStep(), 0, null));
  }

  @Override
  public boolean acceptStep(CustomerId id, long step) {
    StaffMfa m = mfa.get(id);
    if (m == null || m.lastStep() >= step) {
      return false;
    }
    mfa.put(id, new StaffMfa(m.secret(), m.enrolled(), step, 0, m.lockedUntil()));
    return true;
  }

  @Override
  public void recordFailure(CustomerId id, int max, Instant until) {
    StaffMfa m = mfa.get(id);
    int failures = m.failures() + 1;
    mfa.put(
        id,
        failures >= max
            ? new StaffMfa(m.secret(), m.enrolled(), m.lastStep(), 0, until)
            : new StaffMfa(m.secret(), m.enrolled(), m.lastStep(), failures, m.lockedUntil()));
  }

  @Override
  public void clearFailures(CustomerId id) {
    StaffMfa m = mfa.get(id);
    mfa.put(id, new StaffMfa(m.secret(), m.enrolled(), m.lastStep(), 0, m.lockedUntil()));
  }

  @Override
  public void replaceRecoveryCodes(CustomerId id, List<String> codeHashes) {}

  @Override
  public boolean useRecoveryCode(CustomerId id, String codeHash, Instant now) {
    return false;
  }

  @Override
  public void insertChallenge(String tokenHash, CustomerId id, Instant expiresAt) {
    challenges.put(tokenHash, new Challenge(id, expiresAt));
  }

  @Override
  public Optional<CustomerId> findChallenge(String tokenHash, Instant now) {
    return Optional.ofNullable(challenges.get(tokenHash))
        .filter(c -> c.expiresAt().isAfter(now))
        .map(Challenge::id);
  }

  @Override
  public void deleteChallenge(String tokenHash) {
    challenges.remove(tokenHash);
  }

  @Override
  public int deleteExpiredChallenges(Instant now) {
    int before = challenges.size();
    challenges.values().removeIf(c -> !c.expiresAt().isAfter(now));
    return before - challenges.size();
  }

  @Override
  public void insertInvitation(
      String tokenHash,
      String email,
      Role role,
      CustomerId invitedBy,
      Instant now,
      Instant expires) {
    throw new UnsupportedOperationException("tested in StaffAccessIT");
  }

  @Override
  public Optional<Invitation> findInvitation(String tokenHash, Instant now) {
    throw new UnsupportedOperationException("tested in StaffAccessIT");
  }

  @Override
  public Optional<Invitation> takeInvitation(String tokenHash, Instant now) {
    throw new UnsupportedOperationException("tested in StaffAccessIT");
  }

  @Override
  public List<StaffMember> list() {
    throw new UnsupportedOperationException("tested in StaffAccessIT");
  }

  @Override
  public long countEnabled(Role role) {
    throw new UnsupportedOperationException("tested in StaffAccessIT");
  }

  @Override
  public boolean setRole(CustomerId id, Role role) {
    throw new UnsupportedOperationException("tested in StaffAccessIT");
  }

  @Override
  public boolean disable(CustomerId id, Instant now) {
    throw new UnsupportedOperationException("tested in StaffAccessIT");
  }
}
