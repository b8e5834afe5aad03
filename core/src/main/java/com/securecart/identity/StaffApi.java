package com.securecart.identity;

import com.securecart.shared.CustomerId;
import com.securecart.shared.DomainException;
import com.securecart.shared.EmailAddress;
import com.securecart.shared.Hashing;
import com.securecart.shared.Ids;
import com.securecart.shared.Principal;
import com.securecart.shared.ProblemType;
import com.securecart.shared.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Staff accounts: invitations, roles, disabling, recovery codes. Every write here is a staff write
 * that the audit trail is to record; callers are admitted by the staff-only filter with the
 * permission and step-up the route needs, so this checks only what no route can: an owner cannot
 * lock the shop out by disabling or demoting the last owner, nor change their own account.
 */
public final class StaffApi {
  private final AccountRepository accounts;
  private final StaffRepository staff;
  private final SessionRepository sessions;
  private final PasswordHasher hasher;
  private final PasswordPolicy passwords;
  private final Mfa mfa;
  private final Clock clock;
  private final Duration invitationTtl;

  public StaffApi(
      AccountRepository accounts,
      StaffRepository staff,
      SessionRepository sessions,
      PasswordHasher hasher,
      PasswordStrength strength,
      OneTimeCodes codes,
      Clock clock,
      Duration invitationTtl) {
    this.accounts = accounts;
    this.staff = staff;
    this.sessions = sessions;
    this.hasher = hasher;
    this.passwords = new PasswordPolicy(strength);
    this.mfa = new Mfa(staff, codes, clock);
    this.clock = clock;
    this.invitationTtl = invitationTtl;
  }

  /** Invites someone to a staff role; the token goes to them (by e-mail) and is stored hashed. */
  public Invitation invite(Principal owner, String email, Role role) {
    String normalised = EmailAddress.normalise("email", email);
    Role r = staffRole(role);
    String token = Ids.randomToken(32);
    Instant now = clock.instant();
    Instant expires = now.plus(invitationTtl);
    staff.insertInvitation(
        Hashing.sha256Hex(token), normalised, r, owner.customerId(), now, expires);
    return new Invitation(token, normalised, r, expires);
  }

  /**
   * Accepts an invitation once: the invitee chooses a password (the customers' policy) and then
   * signs in at /admin/login, which enrols TOTP.
   */
  public CustomerId acceptInvitation(String token, String name, String password) {
    if (token == null || token.length() > 100) {
      throw invalidInvitation();
    }
    String hash = Hashing.sha256Hex(token);
    Instant now = clock.instant();
    Invitation open = staff.findInvitation(hash, now).orElseThrow(StaffApi::invalidInvitation);
    Registration registration = new Registration(open.email(), password, name);
    passwords.check(registration);
    Invitation taken = staff.takeInvitation(hash, now).orElseThrow(StaffApi::invalidInvitation);
    return accounts
        .insert(taken.email(), registration.name(), hasher.hash(password), taken.role(), now)
        .orElseThrow(
            () ->
                DomainException.conflict(
                    ProblemType.EMAIL_TAKEN, "E-mail taken", "An account with this e-mail exists"));
  }

  public List<StaffMember> list() {
    return staff.list();
  }

  /** Disables a staff account; its sessions end at once. */
  public void disable(Principal owner, CustomerId id) {
    StaffMember target = target(owner, id);
    if (target.role() == Role.OWNER && staff.countEnabled(Role.OWNER) <= 1) {
      throw lastOwner();
    }
    if (!staff.disable(id, clock.instant())) {
      throw DomainException.notFound("Staff member");
    }
    sessions.deleteForAccount(id);
  }

  public void changeRole(Principal owner, CustomerId id, Role role) {
    StaffMember target = target(owner, id);
    Role r = staffRole(role);
    if (target.role() == Role.OWNER && r != Role.OWNER && staff.countEnabled(Role.OWNER) <= 1) {
      throw lastOwner();
    }
    if (!staff.setRole(id, r)) {
      throw DomainException.notFound("Staff member");
    }
  }

  /** Ten new recovery codes for the caller, replacing the old ones; shown once. */
  public List<String> newRecoveryCodes(Principal self) {
    return mfa.newRecoveryCodes(self.customerId());
  }

  private StaffMember target(Principal owner, CustomerId id) {
    if (owner.customerId().equals(id)) {
      throw DomainException.conflict(
          ProblemType.LAST_OWNER, "Not on yourself", "Ask another owner to change your account");
    }
    return staff.list().stream()
        .filter(m -> m.id().equals(id) && !m.disabled())
        .findFirst()
        .orElseThrow(() -> DomainException.notFound("Staff member"));
  }

  private static Role staffRole(Role role) {
    if (role == null || !role.staff()) {
      throw new com.securecart.shared.ValidationException(
          "role", "must be one of OWNER, CATALOG, FULFILMENT, SUPPORT");
    }
    return role;
  }

  private static DomainException lastOwner() {
    return DomainException.conflict(
        ProblemType.LAST_OWNER, "Last owner", "The shop must keep at least one enabled owner");
  }

  private static DomainException invalidInvitation() {
    return DomainException.unprocessable(
        ProblemType.INVITATION_INVALID,
        "Invitation not valid",
        "This invitation is unknown, was used already or has expired");
  }
}
