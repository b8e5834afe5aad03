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
import java.util.Optional;

/** The identity context's public face. */
public final class IdentityApi {
  private final AccountRepository accounts;
  private final SessionRepository sessions;
  private final PasswordHasher hasher;
  private final PasswordPolicy passwords;
  private final LoginThrottle throttle;
  private final MailedTokens mailed;
  private final Clock clock;
  private final Duration sessionTtl;
  // Verified against when the e-mail is unknown, so that a login takes as long either way.
  private final String decoyHash;

  /**
   * @param failures failed sign-in counts, shared by every instance ({@link LoginThrottle})
   * @param mailer hands account e-mails off without waiting for them to go
   */
  public IdentityApi(
      AccountRepository accounts,
      SessionRepository sessions,
      AccountTokenRepository tokens,
      LoginFailureRepository failures,
      PasswordHasher hasher,
      PasswordStrength strength,
      AccountMailer mailer,
      Clock clock,
      Duration sessionTtl) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.hasher = hasher;
    this.passwords = new PasswordPolicy(strength);
    this.throttle = new LoginThrottle(failures, clock);
    this.mailed = new MailedTokens(tokens, mailer, clock);
    this.clock = clock;
    this.sessionTtl = sessionTtl;
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

  public Session login(String email, String password) {
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
    return newSession(account.get());
  }

  private Session newSession(Account a) {
    String token = Ids.randomToken(32);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(sessionTtl);
    sessions.insert(Hashing.sha256Hex(token), a.id(), now, expiresAt);
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

  /** The principal behind a bearer token, if the session exists and has not expired. */
  public Optional<Principal> authenticate(String token) {
    if (token == null || token.isEmpty() || token.length() > 100) {
      return Optional.empty();
    }
    return sessions.findValid(Hashing.sha256Hex(token), clock.instant());
  }

  public int purgeExpiredSessions() {
    return sessions.deleteExpired(clock.instant());
  }

  /** Deletes expired mailed tokens and failed sign-in counts nobody added to for a day. */
  public int purgeAccountSecurityRecords() {
    return mailed.purgeExpired() + throttle.purge();
  }

  /**
   * Creates the first admin if there is none. With no password given, a random one is generated and
   * returned so that the caller can show it once; there is never a default credential. A given
   * password must pass the same {@link PasswordPolicy} as a customer's.
   *
   * @throws WeakPasswordException if the given password is too easy to guess
   */
  public Optional<String> bootstrapAdmin(String email, String password) {
    if (accounts.anyWithRole(Role.ADMIN)) {
      return Optional.empty();
    }
    String chosen = password == null || password.isEmpty() ? Ids.randomToken(18) : password;
    Optional<CustomerId> admin =
        insert(new Registration(email, chosen, "Administrator"), Role.ADMIN);
    if (admin.isEmpty()) {
      // Another instance starting at the same moment created it.
      return Optional.empty();
    }
    // The operator chose the address: nothing to prove by mail.
    accounts.markEmailVerified(admin.get(), clock.instant());
    return password == null || password.isEmpty() ? Optional.of(chosen) : Optional.empty();
  }

  private static DomainException invalidCredentials() {
    return new DomainException(
        DomainException.Kind.UNAUTHENTICATED,
        ProblemType.INVALID_CREDENTIALS,
        "Invalid credentials",
        "E-mail or password is wrong");
  }
}
