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
  private final Clock clock;
  private final Duration sessionTtl;
  // Verified against when the e-mail is unknown, so that a login takes as long either way.
  private final String decoyHash;

  public IdentityApi(
      AccountRepository accounts,
      SessionRepository sessions,
      PasswordHasher hasher,
      PasswordStrength strength,
      Clock clock,
      Duration sessionTtl) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.hasher = hasher;
    this.passwords = new PasswordPolicy(strength);
    this.clock = clock;
    this.sessionTtl = sessionTtl;
    this.decoyHash = hasher.hash(Ids.randomToken(16));
  }

  /**
   * Opens a customer account.
   *
   * @throws WeakPasswordException if the password is too easy to guess ({@link PasswordPolicy});
   *     nothing is stored then
   */
  public CustomerId register(Registration registration) {
    return register(registration, Role.CUSTOMER);
  }

  private CustomerId register(Registration registration, Role role) {
    passwords.check(registration);
    String hash = hasher.hash(registration.password());
    return accounts
        .insert(registration.email(), registration.name(), hash, role, clock.instant())
        .orElseThrow(
            () ->
                DomainException.conflict(
                    ProblemType.EMAIL_TAKEN, "E-mail taken", "An account with this e-mail exists"));
  }

  public Session login(String email, String password) {
    String normalised = EmailAddress.normalise("email", email);
    if (password == null || password.length() > Password.MAX * 2) {
      throw invalidCredentials();
    }
    Optional<Account> account = accounts.findByEmail(normalised);
    boolean ok = hasher.verify(password, account.map(Account::passwordHash).orElse(decoyHash));
    if (account.isEmpty() || !ok) {
      throw invalidCredentials();
    }
    Account a = account.get();
    String token = Ids.randomToken(32);
    Instant now = clock.instant();
    Instant expiresAt = now.plus(sessionTtl);
    sessions.insert(Hashing.sha256Hex(token), a.id(), now, expiresAt);
    return new Session(token, expiresAt, new Principal(a.id(), a.email(), a.role()));
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
    try {
      register(new Registration(email, chosen, "Administrator"), Role.ADMIN);
    } catch (DomainException e) {
      if (e.problemType() == ProblemType.EMAIL_TAKEN) {
        // Another instance starting at the same moment created it.
        return Optional.empty();
      }
      throw e;
    }
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
