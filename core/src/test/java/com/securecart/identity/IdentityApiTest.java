package com.securecart.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.CustomerId;
import com.securecart.shared.DomainException;
import com.securecart.shared.Hashing;
import com.securecart.shared.Principal;
import com.securecart.shared.Role;
import com.securecart.shared.ValidationException;
import com.securecart.testing.InMemoryAccountRepository;
import com.securecart.testing.InMemorySessionRepository;
import com.securecart.testing.InMemoryStaffRepository;
import com.securecart.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class IdentityApiTest {
  private static final Duration TTL = Duration.ofHours(12);
  private static final String PASSWORD = "correct horse battery";

  /** Trivially reversible, and records which hashes were verified against. */
  private static final class PlainHasher implements PasswordHasher {
    final List<String> verifiedAgainst = new ArrayList<>();

    @Override
    public String hash(String password) {
      return "plain:" + password;
    }

    @Override
    public boolean verify(String password, String hash) {
      verifiedAgainst.add(hash);
      return hash.equals("plain:" + password);
    }
  }

  private final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
  private final InMemoryAccountRepository accounts = new InMemoryAccountRepository();
  private final InMemorySessionRepository sessions = new InMemorySessionRepository(accounts);
  private final PlainHasher hasher = new PlainHasher();
  private final KnownPasswordsStrength strength = new KnownPasswordsStrength();

  /** A stand-in for the HMAC: the code of a step is the step's last six digits. */
  private static final OneTimeCodes CODES =
      (secret, step) -> String.format("%06d", step % 1_000_000);

  private static final SessionPolicy POLICY =
      new SessionPolicy(TTL, Duration.ofMinutes(30), Duration.ofMinutes(60));
  private static final String SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

  private final InMemoryStaffRepository staff = new InMemoryStaffRepository(accounts);
  private final List<AccountMail> mails = new ArrayList<>();
  private final IdentityApi identity = identity(accounts, sessions, staff);

  private IdentityApi identity(
      InMemoryAccountRepository accounts,
      SessionRepository sessions,
      InMemoryStaffRepository staff) {
    return new IdentityApi(
        accounts,
        sessions,
        staff,
        new InMemoryAccountTokens(),
        new InMemoryLoginFailures(),
        hasher,
        strength,
        CODES,
        mails::add,
        clock,
        POLICY);
  }

  private String currentCode() {
    return CODES.code(new byte[0], clock.instant().getEpochSecond() / 30);
  }

  private CustomerId registerAlice() {
    return identity
        .register(new Registration("alice@example.com", PASSWORD, "Alice"))
        .orElseThrow();
  }

  private static void assertDomainError(
      ThrowingCallable call, String type, DomainException.Kind kind) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.type()).isEqualTo(type);
              assertThat(e.kind()).isEqualTo(kind);
            });
  }

  @Test
  void registerStoresANormalisedEmailAndAHashNeverThePassword() {
    CustomerId id =
        identity
            .register(new Registration("  Alice@Example.COM ", PASSWORD, " Alice "))
            .orElseThrow();

    Account stored = accounts.findByEmail("alice@example.com").orElseThrow();
    assertThat(stored.id()).isEqualTo(id);
    assertThat(stored.name()).isEqualTo("Alice");
    assertThat(stored.role()).isEqualTo(Role.CUSTOMER);
    assertThat(stored.passwordHash()).isEqualTo("plain:" + PASSWORD).isNotEqualTo(PASSWORD);
  }

  @Test
  void registeringAnEmailTwiceStoresNothingAndMailsTheOwnerWhateverItsCase() {
    registerAlice();

    assertThat(identity.register(new Registration("ALICE@example.com", PASSWORD, "Other")))
        .isEmpty();
    assertThat(accounts.all()).hasSize(1);
    assertThat(mails)
        .extracting(AccountMail::kind)
        .containsExactly(AccountMail.Kind.VERIFY_EMAIL, AccountMail.Kind.REGISTRATION_ATTEMPT);
  }

  @Test
  void afterFiveFailuresAnEmailIsLockedWithAGrowingBackOffKnownOrNot() {
    registerAlice();
    for (String email : List.of("alice@example.com", "nobody@example.com")) {
      for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
        assertDomainError(
            () -> identity.login(email, "wrong password"),
            "invalid-credentials",
            DomainException.Kind.UNAUTHENTICATED);
      }
      assertDomainError(
          () -> identity.login(email, "wrong password"),
          "invalid-credentials",
          DomainException.Kind.UNAUTHENTICATED);
      assertDomainError(
          () -> identity.login(email, PASSWORD),
          "account-locked",
          DomainException.Kind.TOO_MANY_REQUESTS);
    }
    clock.advance(Duration.ofSeconds(1));
    assertThat(identity.login("alice@example.com", PASSWORD).token()).isNotBlank();
    assertThat(LoginThrottle.lockAfter(7)).isEqualTo(Duration.ofSeconds(2));
    assertThat(LoginThrottle.lockAfter(40)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void registrationChecksThePassword() {
    assertThatThrownBy(() -> new Registration("bob@example.com", "short", "Bob"))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey("password"));
    assertThatThrownBy(() -> new Registration("bob@example.com", "x".repeat(129), "Bob"))
        .isInstanceOf(ValidationException.class);
    assertThat(new Registration("bob@example.com", "  8 chars  ", "Bob").password())
        .isEqualTo("  8 chars  ");
  }

  @Test
  void aPasswordTooEasyToGuessIsRefusedAndNothingIsStored() {
    for (String weak : List.of("password", "12345678")) {
      assertDomainError(
          () -> identity.register(new Registration("bob@example.com", weak, "Bob")),
          "weak-password",
          DomainException.Kind.UNPROCESSABLE);
    }
    assertDomainError(
        () -> identity.register(new Registration("bob.builder@example.com", "builder2024!", "Bob")),
        "weak-password",
        DomainException.Kind.UNPROCESSABLE);
    assertThat(strength.lastUserInputs).contains("bob.builder@example.com", "builder", "bob");
    assertThat(accounts.all()).isEmpty();

    identity.register(new Registration("bob@example.com", PASSWORD, "Bob"));
    assertThat(accounts.all()).hasSize(1);
  }

  @Test
  void aWeakAdminPasswordIsRefusedToo() {
    assertThatThrownBy(() -> identity.bootstrapAdmin("admin@example.com", "password", null))
        .isInstanceOf(WeakPasswordException.class);
    assertThat(accounts.anyWithRole(Role.OWNER)).isFalse();
  }

  @Test
  void registrationNeverPrintsThePassword() {
    assertThat(new Registration("bob@example.com", PASSWORD, "Bob").toString())
        .doesNotContain(PASSWORD);
  }

  @Test
  void loginReturnsASessionForTheAccount() {
    CustomerId id = registerAlice();

    Session session = identity.login("alice@example.com", PASSWORD);

    assertThat(session.principal())
        .isEqualTo(new Principal(id, "alice@example.com", Role.CUSTOMER));
    assertThat(session.expiresAt()).isEqualTo(clock.instant().plus(TTL));
    assertThat(session.token()).hasSizeGreaterThanOrEqualTo(43).matches("[A-Za-z0-9_-]+");
    assertThat(session.toString()).doesNotContain(session.token());
  }

  @Test
  void loginNormalisesTheEmail() {
    registerAlice();

    assertThat(identity.login("  ALICE@Example.com ", PASSWORD).principal().email())
        .isEqualTo("alice@example.com");
  }

  @Test
  void sessionsAreStoredAsDigestsOfTheirTokens() {
    registerAlice();

    Session session = identity.login("alice@example.com", PASSWORD);

    assertThat(sessions.tokenHashes()).containsExactly(Hashing.sha256Hex(session.token()));
  }

  @Test
  void eachLoginGetsItsOwnToken() {
    registerAlice();

    Session first = identity.login("alice@example.com", PASSWORD);
    Session second = identity.login("alice@example.com", PASSWORD);

    assertThat(first.token()).isNotEqualTo(second.token());
    assertThat(sessions.tokenHashes()).hasSize(2);
  }

  @Test
  void aWrongPasswordIsInvalidCredentials() {
    registerAlice();

    assertDomainError(
        () -> identity.login("alice@example.com", "wrong password"),
        "invalid-credentials",
        DomainException.Kind.UNAUTHENTICATED);
    assertThat(sessions.tokenHashes()).isEmpty();
  }

  @Test
  void anUnknownEmailIsTheSameInvalidCredentialsAndStillVerifiesAHash() {
    registerAlice();

    assertDomainError(
        () -> identity.login("mallory@example.com", PASSWORD),
        "invalid-credentials",
        DomainException.Kind.UNAUTHENTICATED);
    // a decoy hash is verified so that an unknown e-mail costs as much as a wrong password
    assertThat(hasher.verifiedAgainst).hasSize(1);
    assertThat(hasher.verifiedAgainst.get(0))
        .startsWith("plain:")
        .isNotEqualTo("plain:" + PASSWORD);
    assertThat(sessions.tokenHashes()).isEmpty();
  }

  @Test
  void aMissingOrAbsurdlyLongPasswordIsInvalidCredentials() {
    registerAlice();

    assertDomainError(
        () -> identity.login("alice@example.com", null),
        "invalid-credentials",
        DomainException.Kind.UNAUTHENTICATED);
    assertDomainError(
        () -> identity.login("alice@example.com", "x".repeat(257)),
        "invalid-credentials",
        DomainException.Kind.UNAUTHENTICATED);
  }

  @Test
  void authenticateFindsThePrincipalBehindAToken() {
    CustomerId id = registerAlice();
    Session session = identity.login("alice@example.com", PASSWORD);

    assertThat(identity.authenticate(session.token()))
        .contains(new Principal(id, "alice@example.com", Role.CUSTOMER));
  }

  @Test
  void authenticateRejectsUnknownAndMalformedTokens() {
    registerAlice();
    Session session = identity.login("alice@example.com", PASSWORD);

    assertThat(identity.authenticate(null)).isEmpty();
    assertThat(identity.authenticate("")).isEmpty();
    assertThat(identity.authenticate("not-a-session-token-at-all-xxxxxxxxxxxxxxxx")).isEmpty();
    assertThat(identity.authenticate(session.token() + "x")).isEmpty();
    assertThat(identity.authenticate("x".repeat(101))).isEmpty();
    assertThat(identity.authenticate(Hashing.sha256Hex(session.token()))).isEmpty();
  }

  @Test
  void afterLogoutTheTokenNoLongerAuthenticates() {
    registerAlice();
    Session session = identity.login("alice@example.com", PASSWORD);
    Session other = identity.login("alice@example.com", PASSWORD);

    identity.logout(session.token());

    assertThat(identity.authenticate(session.token())).isEmpty();
    assertThat(identity.authenticate(other.token())).isPresent();
  }

  @Test
  void logoutOfNothingIsHarmless() {
    registerAlice();
    Session alice = identity.login("alice@example.com", PASSWORD);
    Set<String> before = sessions.tokenHashes();

    assertThatCode(
            () -> {
              identity.logout(null);
              identity.logout("unknown");
              identity.logout("");
            })
        .doesNotThrowAnyException();

    assertThat(sessions.tokenHashes()).isEqualTo(before).hasSize(1);
    assertThat(identity.authenticate(alice.token())).isPresent();
  }

  @Test
  void aSessionExpiresAfterItsTimeToLive() {
    registerAlice();
    Session session = identity.login("alice@example.com", PASSWORD);

    // Used every half hour, so that the idle timeout does not end it first.
    for (int i = 0; i < TTL.toMinutes() / 30 - 1; i++) {
      clock.advance(Duration.ofMinutes(30));
      assertThat(identity.authenticate(session.token())).isPresent();
    }
    clock.advance(Duration.ofMinutes(30).minusSeconds(1));
    assertThat(identity.authenticate(session.token())).isPresent();

    clock.advance(Duration.ofSeconds(1));
    assertThat(identity.authenticate(session.token())).isEmpty();
  }

  @Test
  void purgeRemovesOnlyExpiredSessions() {
    registerAlice();
    identity.login("alice@example.com", PASSWORD);
    clock.advance(Duration.ofHours(6));
    Session fresh = identity.login("alice@example.com", PASSWORD);
    clock.advance(Duration.ofHours(6));

    assertThat(identity.purgeExpiredSessions()).isEqualTo(1);
    assertThat(sessions.tokenHashes()).containsExactly(Hashing.sha256Hex(fresh.token()));
  }

  @Test
  void bootstrapAdminGeneratesAPasswordWhenNoneIsGiven() {
    Optional<String> generated = identity.bootstrapAdmin("Admin@Example.com", null, null);

    assertThat(generated).isPresent();
    assertThat(generated.get()).hasSizeGreaterThanOrEqualTo(Password.MIN);
    Account admin = accounts.findByEmail("admin@example.com").orElseThrow();
    assertThat(admin.role()).isEqualTo(Role.OWNER);
    // A staff password alone gets no session: the code is required.
    assertDomainError(
        () -> identity.login("admin@example.com", generated.get()),
        "mfa-required",
        DomainException.Kind.UNAUTHENTICATED);
  }

  @Test
  void bootstrapAdminTreatsAnEmptyPasswordAsNone() {
    Optional<String> generated = identity.bootstrapAdmin("admin@example.com", "", null);

    assertThat(generated).isPresent();
    assertThat(generated.get()).isNotEmpty();
  }

  @Test
  void bootstrapAdminUsesAGivenPasswordAndReturnsNothing() {
    Optional<String> generated =
        identity.bootstrapAdmin("admin@example.com", "violet kettle at dawn 42", SECRET);

    assertThat(generated).isEmpty();
    assertThat(accounts.findByEmail("admin@example.com").orElseThrow().role())
        .isEqualTo(Role.OWNER);
    // The provisioned secret enrolled the owner: password and current code sign in, once.
    String code = currentCode();
    assertThat(
            identity
                .login("admin@example.com", "violet kettle at dawn 42", code)
                .principal()
                .isStaff())
        .isTrue();
    assertDomainError(
        () -> identity.login("admin@example.com", "violet kettle at dawn 42", code),
        "invalid-credentials",
        DomainException.Kind.UNAUTHENTICATED);
  }

  @Test
  void bootstrapAdminRunsOnlyOnce() {
    Optional<String> first = identity.bootstrapAdmin("admin@example.com", null, null);

    Optional<String> second = identity.bootstrapAdmin("root@example.com", null, null);
    Optional<String> third = identity.bootstrapAdmin("admin@example.com", "another secret", null);

    assertThat(first).isPresent();
    assertThat(second).isEmpty();
    assertThat(third).isEmpty();
    assertThat(accounts.all()).hasSize(1);
    assertThat(accounts.findByEmail("root@example.com")).isEmpty();
    assertDomainError(
        () -> identity.login("admin@example.com", first.get()),
        "mfa-required",
        DomainException.Kind.UNAUTHENTICATED);
  }

  @Test
  void bootstrapAdminIgnoresCustomers() {
    registerAlice();

    assertThat(identity.bootstrapAdmin("admin@example.com", null, null)).isPresent();
    assertThat(accounts.anyWithRole(Role.OWNER)).isTrue();
  }

  @Test
  void generatedAdminPasswordsAreNotReused() {
    Optional<String> one = identity.bootstrapAdmin("admin@example.com", null, null);
    InMemoryAccountRepository otherAccounts = new InMemoryAccountRepository();
    IdentityApi otherInstance =
        identity(
            otherAccounts,
            new InMemorySessionRepository(otherAccounts),
            new InMemoryStaffRepository(otherAccounts));
    Optional<String> two = otherInstance.bootstrapAdmin("admin@example.com", null, null);

    assertThat(one).isPresent();
    assertThat(two).isPresent();
    assertThat(one.get()).isNotEqualTo(two.get());
  }

  @Test
  void aSessionEndsAfterItsIdleTimeButUseKeepsItAlive() {
    registerAlice();
    Session used = identity.login("alice@example.com", PASSWORD);
    Session idle = identity.login("alice@example.com", PASSWORD);

    clock.advance(Duration.ofMinutes(40));
    assertThat(identity.authenticate(used.token())).isPresent();
    clock.advance(Duration.ofMinutes(40));

    assertThat(identity.authenticate(used.token())).isPresent();
    assertThat(identity.authenticate(idle.token())).isEmpty();
    assertThat(sessions.tokenHashes()).containsExactly(Hashing.sha256Hex(used.token()));
  }

  @Test
  void thePurgeForgetsExpiredTokensAndCountsQuietForADayButNotALock() {
    registerAlice();
    assertDomainError(
        () -> identity.login("bob@example.com", "wrong password"),
        "invalid-credentials",
        DomainException.Kind.UNAUTHENTICATED);
    assertThat(identity.purgeAccountSecurityRecords()).isZero();

    clock.advance(Duration.ofHours(25));
    assertThat(identity.purgeAccountSecurityRecords()).as("one token, one count").isEqualTo(2);
  }
}
