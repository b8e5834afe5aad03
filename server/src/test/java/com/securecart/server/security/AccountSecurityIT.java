package com.securecart.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.AdjustableClock;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 items 4 and 6 at the HTTP level: each test failed before the change (docs/accounts.md).
 */
class AccountSecurityIT {
  private static final String PASSWORD = "correct horse battery";
  private static final String NEW_PASSWORD = "purple tangerine obelisk";

  private static final AdjustableClock CLOCK = new AdjustableClock();
  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestDatabases.Engine.H2, c -> c, CLOCK);
    api = app.api();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void registeringATakenEmailAnswersExactlyAsANewOneAndMailsTheOwner() {
    Api.Response fresh = register("owner@example.com", PASSWORD);
    Api.Response taken = register("OWNER@example.com", "another good passphrase");

    assertThat(taken.status()).isEqualTo(fresh.status()).isEqualTo(202);
    assertThat(taken.body()).isEqualTo(fresh.body());
    assertThat(taken.contentType()).isEqualTo(fresh.contentType());
    assertThat(app.mailedToken("owner@example.com", "/account/verify")).isNotBlank();
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                app.app().contexts().notifications().mailbox(200).stream()
                    .anyMatch(
                        m ->
                            m.to().equals("owner@example.com")
                                && m.subject().contains("tried to register")));
    // The stranger's password changed nothing.
    assertThat(login("owner@example.com", "another good passphrase").status()).isEqualTo(401);
    assertThat(api.login("owner@example.com", PASSWORD)).isNotBlank();
  }

  @Test
  void changingThePasswordNeedsTheCurrentOneAndEndsEveryOtherSession() {
    String mine = api.newCustomer("changer@example.com");
    String other = api.login("changer@example.com", PASSWORD);

    Api.Response wrong =
        api.post(
            "/api/auth/password",
            Map.of("currentPassword", "not my password", "newPassword", NEW_PASSWORD),
            Api.bearer(mine));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(wrong.problemType()).endsWith("/current-password-wrong");
    Api.Response weak =
        api.post(
            "/api/auth/password",
            Map.of("currentPassword", PASSWORD, "newPassword", "12345678"),
            Api.bearer(mine));
    assertThat(weak.problemType()).endsWith("/weak-password");
    assertThat(me(other)).isEqualTo(200);

    Api.Response changed =
        api.post(
            "/api/auth/password",
            Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD),
            Api.bearer(mine));
    assertThat(changed.status()).isEqualTo(204);
    assertThat(me(mine)).isEqualTo(200);
    assertThat(me(other)).isEqualTo(401);
    assertThat(login("changer@example.com", PASSWORD).status()).isEqualTo(401);
    assertThat(api.login("changer@example.com", NEW_PASSWORD)).isNotBlank();
  }

  @Test
  void aResetTokenWorksOnceEndsEverySessionAndExpires() {
    String session = api.newCustomer("forgetful@example.com");
    Api.Response known =
        api.post("/api/auth/password-reset", Map.of("email", "forgetful@example.com"));
    Api.Response unknown =
        api.post("/api/auth/password-reset", Map.of("email", "nobody-here@example.com"));
    assertThat(known.status()).isEqualTo(unknown.status()).isEqualTo(202);
    assertThat(known.body()).isEqualTo(unknown.body());

    String token = app.mailedToken("forgetful@example.com", "/account/reset");
    // A password the policy refuses leaves the token usable.
    assertThat(confirm(token, "12345678").problemType()).endsWith("/weak-password");
    Api.Response reset = confirm(token, NEW_PASSWORD);
    assertThat(reset.status()).isEqualTo(204);
    assertThat(me(session)).isEqualTo(401);
    assertThat(api.login("forgetful@example.com", NEW_PASSWORD)).isNotBlank();
    Api.Response again = confirm(token, "yet another long passphrase");
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.problemType()).endsWith("/invalid-token");

    api.post("/api/auth/password-reset", Map.of("email", "forgetful@example.com"));
    String late = awaitNewToken("forgetful@example.com", "/account/reset", token);
    CLOCK.advance(Duration.ofMinutes(31));
    assertThat(confirm(late, "yet another long passphrase").problemType())
        .endsWith("/invalid-token");
    assertThat(api.login("forgetful@example.com", NEW_PASSWORD)).isNotBlank();
  }

  @Test
  void anUnverifiedAccountBuysNothingUnderAPerCustomerLimitAndAVerifiedOneDoes() {
    String admin = app.adminToken();
    long product = api.createProduct(admin, "VERIFY-SALE", 1_000, 50);
    Instant now = CLOCK.instant();
    Api.Response sale =
        api.post(
            "/api/admin/sales",
            Map.of(
                "sku",
                "VERIFY-SALE",
                "perCustomerLimit",
                2,
                "startsAt",
                now.minus(1, ChronoUnit.MINUTES).toString(),
                "endsAt",
                now.plus(1, ChronoUnit.DAYS).toString()),
            Api.bearer(admin));
    assertThat(sale.status()).as(sale.body()).isEqualTo(201);

    String customer = api.newCustomer("unverified@example.com");
    assertThat(
            api.get("/api/auth/me", Api.bearer(customer)).json().get("emailVerified").asBoolean())
        .isFalse();
    Api.Response refused =
        api.checkout(
            api.cartWith(product, 1, Api.bearer(customer)), "tok_visa", Api.bearer(customer));
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.problemType()).endsWith("/email-unverified");

    String token = app.mailedToken("unverified@example.com", "/account/verify");
    assertThat(api.post("/api/auth/verify-email", Map.of("token", token)).status()).isEqualTo(204);
    assertThat(api.post("/api/auth/verify-email", Map.of("token", token)).problemType())
        .endsWith("/invalid-token");
    Api.Response bought =
        api.checkout(
            api.cartWith(product, 1, Api.bearer(customer)), "tok_visa", Api.bearer(customer));
    assertThat(bought.status()).as(bought.body()).isEqualTo(201);
    // A guest's rules are as before: counted by e-mail and address, no verification.
    assertThat(api.checkout(api.cartWith(product, 1), "tok_visa").status()).isEqualTo(201);
  }

  @Test
  void signingOutEverywhereEndsEverySessionOfTheAccount() {
    String one = api.newCustomer("everywhere@example.com");
    String two = api.login("everywhere@example.com", PASSWORD);
    String someoneElse = api.newCustomer("bystander@example.com");

    Api.Response out = api.post("/api/auth/logout-all", null, Api.bearer(two));
    assertThat(out.status()).isEqualTo(204);
    assertThat(out.header("Clear-Site-Data")).isNotNull();
    assertThat(me(one)).isEqualTo(401);
    assertThat(me(two)).isEqualTo(401);
    assertThat(me(someoneElse)).isEqualTo(200);
  }

  @Test
  void signingInAgainEndsTheSessionThatWasPresented() {
    String first = api.newCustomer("again@example.com");
    Api.Response second =
        api.post(
            "/api/auth/login",
            Map.of("email", "again@example.com", "password", PASSWORD),
            Api.bearer(first));
    assertThat(second.status()).isEqualTo(200);
    assertThat(me(first)).isEqualTo(401);
    assertThat(me(second.json().get("token").asText())).isEqualTo(200);
  }

  @Test
  void repeatedFailuresLockAnEmailKnownOrNotAndSayWhenToRetry() {
    api.newCustomer("guessed@example.com");
    for (String email : new String[] {"guessed@example.com", "never-registered@example.com"}) {
      int refused = 0;
      Api.Response locked = null;
      // The lock grows (1 s, 2 s, 4 s ...), so a slow machine still meets it within a few tries.
      for (int i = 0; i < 12 && locked == null; i++) {
        Api.Response r = login(email, "wrong guess " + i);
        if (r.status() == 429) {
          locked = r;
        } else {
          assertThat(r.status()).isEqualTo(401);
          refused++;
        }
      }
      assertThat(refused).as("free failures before the lock").isGreaterThanOrEqualTo(6);
      assertThat(locked).as(email).isNotNull();
      assertThat(locked.problemType()).endsWith("/account-locked");
      assertThat(Long.parseLong(locked.header("Retry-After"))).isBetween(1L, 900L);
    }
    CLOCK.advance(Duration.ofMinutes(16));
    assertThat(api.login("guessed@example.com", PASSWORD)).isNotBlank();
  }

  private static String awaitNewToken(String email, String path, String old) {
    return Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> app.mailedToken(email, path), t -> !t.equals(old));
  }

  private static Api.Response confirm(String token, String password) {
    return api.post(
        "/api/auth/password-reset/confirm", Map.of("token", token, "password", password));
  }

  private static Api.Response register(String email, String password) {
    return api.post(
        "/api/auth/register", Map.of("email", email, "password", password, "name", "Someone"));
  }

  private static Api.Response login(String email, String password) {
    return api.post("/api/auth/login", Map.of("email", email, "password", password));
  }

  private static int me(String token) {
    return api.get("/api/auth/me", Api.bearer(token)).status();
  }
}
