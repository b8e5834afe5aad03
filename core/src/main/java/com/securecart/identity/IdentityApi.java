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
import java.util.Optional;

/**
 * The identity context's public face: accounts, sign-in (with TOTP for staff), sessions with their
 * idle timeout, and step-up re-authentication. Staff management is {@link StaffApi}.
 */
public final class IdentityApi {
  private static final Duration CHALLENGE_TTL = Duration.ofMinutes(5);
  private static final String ISSUER = "SecureCart";

  private final AccountRepository accounts;
  private final SessionRepository sessions;
  private final StaffRepository staff;
  private final PasswordHasher hasher;
  private final PasswordPolicy passwords;
  private final Mfa mfa;
  private final LoginThrottle throttle;
  private final MailedTokens mailed;
  private final Clock clock;
  private final SessionPolicy policy;
  // Verified against when the e-mail is unknown, so that a login takes as long either way.
  private final String decoyHash;

  /**
   * @param failures failed sign-in counts, shared by every instance ({@link LoginThrottle})
   * @param mailer hands account e-mails off without waiting for them to go
   */
  public IdentityApi(
      AccountRepository accounts,
      SessionRepository sessions,
      StaffRepository staff,
      AccountTokenRepository tokens,
      LoginFailureRepository failures,
      PasswordHasher hasher,
      PasswordStrength strength,
      OneTimeCodes codes,
      AccountMailer mailer,
      Clock clock,
      SessionPolicy policy) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.staff = staff;
    this.hasher = hasher;
    this.passwords = new PasswordPolicy(strength);
    this.mfa = new Mfa(staff, codes, clock);
    this.throttle = new LoginThrottle(failures, clock);
    this.mailed = new MailedTokens(tokens, mailer, clock);
    this.clock = clock;
    this.policy = policy;
    this.decoyHash = hasher.hash(Ids.randomToken(16));
  }

  /**
   * Opens a customer account and mails a verification link; for an e-mail that has an account
   * already, stores nothing and mails its owner a note instead. The caller answers both alike, so
   * registration does not tell which e-mails have accounts (issue 15 item 6); the password is
   * hashed either way, so both take about as long.
   *
   * @return the new account, empty when the e-mail was taken
   * @throws WeakPasswordException if the password is too easy to guess ({@link PasswordPolicy});
   *     nothing is stored then
   */
  public Optional<CustomerId> register(Registration registration) {
    Optional<CustomerId> created = insert(registration, Role.CUSTOMER);
    if (created.isPresent()) {
      mailed.issue(created.get(), registration.email(), TokenPurpose.VERIFY_EMAIL);
    } else {
      mailed.mailRegistrationAttempt(registration.email());
    }
    return created;
  }

  /**
   * Opens a customer account whose address the operator vouches for (the demo loader's customers):
   * verified at once, and nothing is mailed. Not for anything a visitor can reach.
   *
   * @return the new account, empty when the e-mail was taken
   */
  public Optional<CustomerId> registerVerified(Registration registration) {
    Optional<CustomerId> created = insert(registration, Role.CUSTOMER);
    created.ifPresent(id -> accounts.markEmailVerified(id, clock.instant()));
    return created;
  }

  private Optional<CustomerId> insert(Registration registration, Role role) {
    passwords.check(registration);
    String hash = hasher.hash(registration.password());
    return accounts.insert(registration.email(), registration.name(), hash, role, clock.instant());
  }

  /** Signs in with a password; a staff account gets no session this way (mfa-required). */
  public Session login(String email, String password) {
    return login(email, password, null);
  }

  /**
   * Signs in. A customer needs the password; a staff member also the current TOTP code or an unused
   * recovery code in {@code code}: without it the answer is mfa-required and no session is made.
   */
  public Session login(String email, String password, String code) {
    Account a = checkPassword(email, password);
    if (!a.role().staff()) {
      return open(a, false);
    }
    mfa.verify(a.id(), code);
    return open(a, true);
  }

  /**
   * The staff sign-in page's first step: the password is right, so a code is asked for next. An
   * account that has not enrolled gets a secret to add to an authenticator app.
   */
  public StaffChallenge beginStaffSignIn(String email, String password) {
    Account a = checkPassword(email, password);
    if (!a.role().staff()) {
      // The staff sign-in is for staff; a customer is told nothing more than a wrong password.
      throw Mfa.invalidCode();
    }
    String token = Ids.randomToken(32);
    staff.insertChallenge(Hashing.sha256Hex(token), a.id(), clock.instant().plus(CHALLENGE_TTL));
    if (mfa.enrolled(a.id())) {
      return new StaffChallenge(token, Optional.empty());
    }
    String secret = mfa.pendingSecret(a.id());
    return new StaffChallenge(
        token,
        Optional.of(new StaffChallenge.Enrolment(secret, Totp.uri(ISSUER, a.email(), secret))));
  }

  /**
   * The second step: the code for a challenge. It completes enrolment if the account had none (and
   * returns the recovery codes, once). A wrong code keeps the challenge, so it can be typed again,
   * and counts toward the lock.
   */
  public StaffSignIn completeStaffSignIn(String challengeToken, String code) {
    if (challengeToken == null || challengeToken.length() > 100) {
      throw Mfa.invalidCode();
    }
    String hash = Hashing.sha256Hex(challengeToken);
    CustomerId id = staff.findChallenge(hash, clock.instant()).orElseThrow(Mfa::invalidCode);
    Account a = staff.findEnabled(id).orElseThrow(Mfa::invalidCode);
    List<String> recovery;
    if (mfa.enrolled(id)) {
      mfa.verify(id, code);
      recovery = List.of();
    } else {
      recovery = mfa.confirmEnrolment(id, code);
    }
    staff.deleteChallenge(hash);
    return new StaffSignIn(open(a, true), recovery);
  }

  /** The enrolment secret of a challenge still enrolling, to show the page again after a typo. */
  public Optional<StaffChallenge.Enrolment> pendingEnrolment(String challengeToken) {
    if (challengeToken == null || challengeToken.length() > 100) {
      return Optional.empty();
    }
    return staff
        .findChallenge(Hashing.sha256Hex(challengeToken), clock.instant())
        .flatMap(staff::findEnabled)
        .filter(a -> !mfa.enrolled(a.id()))
        .map(
            a -> {
              String secret = mfa.pendingSecret(a.id());
              return new StaffChallenge.Enrolment(secret, Totp.uri(ISSUER, a.email(), secret));
            });
  }

  private Account checkPassword(String email, String password) {
    String normalised = EmailAddress.normalise("email", email);
    if (password == null || password.length() > Password.MAX * 2) {
      throw invalidCredentials();
    }
    throttle.check(normalised);
    Optional<Account> account = accounts.findByEmail(normalised);
    boolean ok = hasher.verify(password, account.map(Account::passwordHash).orElse(decoyHash));
    if (account.isEmpty() || !ok) {
      throttle.failed(normalised);
      throw invalidCredentials();
    }
    throttle.succeeded(normalised);
    return account.get();
  }

  /** A new session; a staff sign-in has just checked a code, which counts as a step-up. */
  private Session open(Account a, boolean steppedUp) {
    String token = Ids.randomToken(32);
    String hash = Hashing.sha256Hex(token);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(policy.ttl());
    sessions.insert(hash, a.id(), now, expiresAt);
    if (steppedUp) {
      sessions.markSteppedUp(hash, now);
    }
    return new Session(token, expiresAt, a.principal());
  }

  /** Ends every session of the caller's account, on every device (sign out everywhere). */
  public void logoutEverywhere(Principal me) {
    sessions.deleteAllFor(me.customerId());
  }

  /**
   * Changes the caller's password: the current one is required (a borrowed session alone cannot
   * take the account), the new one passes the same {@link PasswordPolicy} as at registration, and
   * every other session of the account ends; the caller's own ({@code currentToken}) stays.
   *
   * @throws DomainException {@code current-password-wrong} (422), {@code weak-password} (422), or
   *     {@code account-locked} (429) after repeated wrong current passwords, counted with sign-ins
   */
  public void changePassword(
      Principal me, String currentToken, String currentPassword, String newPassword) {
    Account account = accounts.findById(me.customerId()).orElseThrow(IdentityApi::notSignedIn);
    throttle.check(account.email());
    if (currentPassword == null
        || currentPassword.length() > Password.MAX * 2
        || !hasher.verify(currentPassword, account.passwordHash())) {
      throttle.failed(account.email());
      throw DomainException.unprocessable(
          ProblemType.CURRENT_PASSWORD_WRONG,
          "Current password is wrong",
          "The current password does not match");
    }
    throttle.succeeded(account.email());
    setPassword(account, newPassword);
    sessions.deleteAllExceptFor(
        account.id(), currentToken == null ? "" : Hashing.sha256Hex(currentToken));
  }

  /**
   * Mails a password reset link if the e-mail has an account; does nothing visible otherwise. The
   * caller answers the same either way; a token is drawn and hashed either way too.
   */
  public void requestPasswordReset(String email) {
    String normalised = EmailAddress.normalise("email", email);
    Optional<Account> account = accounts.findByEmail(normalised);
    if (account.isEmpty()) {
      Hashing.sha256Hex(Ids.randomToken(32));
      return;
    }
    mailed.issue(account.get().id(), normalised, TokenPurpose.PASSWORD_RESET);
  }

  /**
   * Sets a new password with a reset token: the token works once, within {@link
   * TokenPurpose#PASSWORD_RESET}'s lifetime, and only if it is the account's newest. Every session
   * of the account ends, and the failed sign-in count is cleared (the owner proved the mailbox).
   *
   * @throws DomainException {@code invalid-token} (422) for an unknown, used or expired token
   */
  public void resetPassword(String token, String newPassword) {
    Password.check(newPassword);
    // The policy first, so that a password it refuses does not use the token up: the form can be
    // sent again with a better one.
    Account account =
        accounts
            .findById(mailed.owner(TokenPurpose.PASSWORD_RESET, token))
            .orElseThrow(MailedTokens::invalid);
    passwords.check(newPassword, account.email(), account.name());
    CustomerId id = mailed.use(TokenPurpose.PASSWORD_RESET, token);
    setPassword(account, newPassword);
    sessions.deleteAllFor(id);
    throttle.succeeded(account.email());
    if (!account.emailVerified()) {
      // The reset link reached the mailbox: that proves it as well as a verification link does.
      accounts.markEmailVerified(id, clock.instant());
    }
  }

  /** Marks the account's e-mail verified with the token mailed to it. */
  public void verifyEmail(String token) {
    accounts.markEmailVerified(mailed.use(TokenPurpose.VERIFY_EMAIL, token), clock.instant());
  }

  /** Mails the caller a new verification link, unless the address is verified already. */
  public void resendVerification(Principal me) {
    Account account = accounts.findById(me.customerId()).orElseThrow(IdentityApi::notSignedIn);
    if (!account.emailVerified()) {
      mailed.issue(account.id(), account.email(), TokenPurpose.VERIFY_EMAIL);
    }
  }

  private void setPassword(Account account, String newPassword) {
    passwords.check(newPassword, account.email(), account.name());
    accounts.setPasswordHash(account.id(), hasher.hash(newPassword));
    mailed.revokeAll(account.id());
  }

  private static DomainException notSignedIn() {
    return new DomainException(
        DomainException.Kind.UNAUTHENTICATED,
        ProblemType.UNAUTHENTICATED,
        "Unauthenticated",
        "A valid session is required");
  }

  public void logout(String token) {
    if (token != null) {
      sessions.delete(Hashing.sha256Hex(token));
    }
  }

  /**
   * The principal behind a token, if the session exists, has not expired, its account is enabled
   * and it was used recently enough: staff sessions end after the staff idle time, customers' after
   * theirs. Last-seen is written at most once a minute.
   */
  public Optional<Principal> authenticate(String token) {
    return active(token).map(ActiveSession::principal);
  }

  private Optional<ActiveSession> active(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    String hash = Hashing.sha256Hex(token);
    Instant now = clock.instant();
    Optional<ActiveSession> found = sessions.findActive(hash, now);
    if (found.isEmpty()) {
      return found;
    }
    ActiveSession s = found.get();
    Duration idle = s.principal().isStaff() ? policy.staffIdle() : policy.customerIdle();
    if (!now.isBefore(s.lastSeenAt().plus(idle))) {
      sessions.delete(hash);
      return Optional.empty();
    }
    if (!now.isBefore(s.lastSeenAt().plus(SessionPolicy.TOUCH_INTERVAL))) {
      sessions.touch(hash, now);
    }
    return found;
  }

  /** Re-authenticates a staff session with a TOTP or recovery code, for the next few minutes. */
  public void stepUp(String token, String code) {
    ActiveSession s = active(token).orElseThrow(IdentityApi::unauthenticated);
    if (!s.principal().isStaff()) {
      throw new DomainException(
          DomainException.Kind.FORBIDDEN, ProblemType.FORBIDDEN, "Forbidden", "Staff only");
    }
    mfa.verify(s.principal().customerId(), code);
    sessions.markSteppedUp(Hashing.sha256Hex(token), clock.instant());
  }

  /**
   * Refuses with step-up-required unless the session re-entered a code within {@link
   * SessionPolicy#STEP_UP_VALIDITY}.
   */
  public void requireStepUp(String token) {
    ActiveSession s = active(token).orElseThrow(IdentityApi::unauthenticated);
    Instant at = s.steppedUpAt();
    if (at == null || !clock.instant().isBefore(at.plus(SessionPolicy.STEP_UP_VALIDITY))) {
      throw new DomainException(
          DomainException.Kind.FORBIDDEN,
          ProblemType.STEP_UP_REQUIRED,
          "Re-authentication required",
          "This change needs the current one-time code again (POST /api/auth/step-up)");
    }
  }

  /** Deletes expired sessions and half-finished staff sign-ins. */
  public int purgeExpiredSessions() {
    staff.deleteExpiredChallenges(clock.instant());
    return sessions.deleteExpired(clock.instant());
  }

  /** Deletes expired mailed tokens and failed sign-in counts nobody added to for a day. */
  public int purgeAccountSecurityRecords() {
    return mailed.purgeExpired() + throttle.purge();
  }

  /**
   * Creates the first owner if there is none. With no password given, a random one is generated and
   * returned so that the caller can show it once; there is never a default credential. A given
   * password must pass the same {@link PasswordPolicy} as a customer's. A given TOTP secret
   * (base32, from a secrets store) enrols the owner, so that no enrolment step is needed; it is
   * also applied to an existing staff account of that e-mail that has not enrolled yet.
   *
   * @throws WeakPasswordException if the given password is too easy to guess
   */
  public Optional<String> bootstrapAdmin(String email, String password, String totpSecret) {
    if (totpSecret != null && !Totp.validSecret(totpSecret)) {
      throw new IllegalArgumentException("the TOTP secret must be base32 of at least 128 bits");
    }
    Optional<String> generated = createFirstOwner(email, password);
    if (totpSecret != null) {
      accounts
          .findByEmail(EmailAddress.normalise("email", email))
          .filter(a -> a.role().staff() && !mfa.enrolled(a.id()))
          .ifPresent(a -> staff.setSecret(a.id(), Totp.normalise(totpSecret), true));
    }
    return generated;
  }

  private Optional<String> createFirstOwner(String email, String password) {
    if (accounts.anyWithRole(Role.OWNER)) {
      return Optional.empty();
    }
    String chosen = password == null || password.isEmpty() ? Ids.randomToken(18) : password;
    Optional<CustomerId> admin =
        insert(new Registration(email, chosen, "Administrator"), Role.OWNER);
    if (admin.isEmpty()) {
      // Another instance starting at the same moment created it.
      return Optional.empty();
    }
    // The operator chose the address: nothing to prove by mail.
    accounts.markEmailVerified(admin.get(), clock.instant());
    return password == null || password.isEmpty() ? Optional.of(chosen) : Optional.empty();
  }

  /** Whether a text is usable as a provisioned TOTP secret (base32, at least 128 bits). */
  public static boolean validTotpSecret(String base32) {
    return Totp.validSecret(base32);
  }

  static DomainException unauthenticated() {
    return new DomainException(
        DomainException.Kind.UNAUTHENTICATED,
        ProblemType.UNAUTHENTICATED,
        "Unauthenticated",
        "A valid session is required");
  }

  private static DomainException invalidCredentials() {
    return new DomainException(
        DomainException.Kind.UNAUTHENTICATED,
        ProblemType.INVALID_CREDENTIALS,
        "Invalid credentials",
        "E-mail or password is wrong");
  }
}
