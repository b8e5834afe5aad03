package com.securecart.server.staff;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.server.testing.AdjustableClock;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.testing.WebClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Issue 15 item 2 over HTTP, each a finding that failed before: staff need TOTP, codes are good
 * once, roles are least privilege, price/stock/staff changes need a step-up, disabled staff and
 * idle sessions lose access, invitations work once. Run on H2 and PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StaffAccessCases {
  private static final String NEW_PASSWORD = "plum orchard lantern 47";
  private static final Pattern SECRET = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<");

  private final AdjustableClock clock = new AdjustableClock();
  private TestApp app;
  private Api api;

  abstract Engine engine();

  @BeforeAll
  void start() {
    app = TestApp.start(engine(), c -> c, clock);
    api = app.api();
  }

  @AfterAll
  void stop() {
    app.close();
  }

  private Map<String, Object> login(String email, String password, String totp) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("email", email);
    body.put("password", password);
    if (totp != null) {
      body.put("totp", totp);
    }
    return body;
  }

  private static String slug(Api.Response r) {
    String type = r.problemType();
    return type == null ? null : type.substring(type.lastIndexOf('/') + 1);
  }

  /** One owner session per test (codes are good once, so signing in again costs a time step). */
  private String ownerToken;

  @BeforeEach
  void forgetOwner() {
    ownerToken = null;
  }

  private String owner() {
    if (ownerToken == null) {
      ownerToken = app.adminToken();
    }
    return ownerToken;
  }

  private long product(String sku) {
    return api.createProduct(owner(), sku, 1_000, 5);
  }

  private Api.Response setPrice(String token, long id, String sku, long cents) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sku", sku);
    body.put("name", "Product " + sku);
    body.put("description", "A test product");
    body.put("brand", "Acme");
    body.put("category", "Testing");
    body.put("priceCents", cents);
    body.put("currency", "EUR");
    return api.put("/api/admin/products/" + id, body, Api.bearer(token));
  }

  /** Invites, accepts and enrols a staff member (through the pages); returns its TOTP secret. */
  private String newStaff(String email, String role) {
    Api.Response invite =
        api.post(
            "/api/admin/staff/invitations",
            Map.of("email", email, "role", role),
            Api.bearer(owner()));
    assertThat(invite.status()).as(invite.body()).isEqualTo(201);
    Api.Response accepted =
        api.post(
            "/api/auth/staff-invitations/accept",
            Map.of(
                "token",
                invite.json().get("token").asText(),
                "name",
                "New Staff",
                "password",
                NEW_PASSWORD));
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(201);
    WebClient web = new WebClient(api.base());
    WebClient.Page enrol = web.staffPassword(email, NEW_PASSWORD);
    assertThat(enrol.body()).contains("otpauth://totp/");
    Matcher m = SECRET.matcher(enrol.body());
    assertThat(m.find()).as("the enrolment page shows the secret").isTrue();
    String secret = m.group(1);
    WebClient.Page done =
        web.submit(
            enrol,
            "/admin/login/code",
            Map.of(
                "challenge",
                enrol.input("challenge"),
                "code",
                api.nextCode(email, secret),
                "next",
                "/admin"));
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body()).contains("recovery-codes");
    return secret;
  }

  private String staffToken(String email, String secret) {
    return api.staffLogin(email, NEW_PASSWORD, secret);
  }

  @Test
  void aStaffPasswordWithoutTheCodeGetsNoSession() {
    Api.Response noCode =
        api.post("/api/auth/login", login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD, null));
    assertThat(noCode.status()).isEqualTo(401);
    assertThat(slug(noCode)).isEqualTo("mfa-required");
    assertThat(noCode.body()).doesNotContain("token");

    Api.Response wrong =
        api.post("/api/auth/login", login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD, "000000"));
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(slug(wrong)).isEqualTo("invalid-credentials");

    // Nor does the storefront's sign-in make a staff session of it.
    WebClient web = new WebClient(api.base());
    WebClient.Page storefront = web.signIn("nobody@example.com", "x");
    assertThat(storefront.status()).isEqualTo(401);
    WebClient.Page form = web.get("/signin");
    WebClient.Page staffAtStorefront =
        web.submit(
            form,
            "/signin",
            Map.of("email", TestApp.ADMIN_EMAIL, "password", TestApp.ADMIN_PASSWORD, "next", "/"));
    assertThat(staffAtStorefront.status()).isEqualTo(401);
    assertThat(web.get("/admin/orders").status()).isEqualTo(303);
  }

  @Test
  void theCurrentCodeSignsInOnceAndAReplayIsRefused() {
    String code = api.nextAdminCode();
    Api.Response first =
        api.post("/api/auth/login", login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD, code));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(first.json().get("role").asText()).isEqualTo("OWNER");
    String token = first.json().get("token").asText();
    assertThat(api.get("/api/admin/orders", Api.bearer(token)).status()).isEqualTo(200);

    Api.Response replay =
        api.post("/api/auth/login", login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD, code));
    assertThat(replay.status()).isEqualTo(401);
    assertThat(slug(replay)).isEqualTo("invalid-credentials");
  }

  @Test
  void aRecoveryCodeSignsInOnce() {
    Api.Response codes = api.post("/api/admin/me/recovery-codes", null, Api.bearer(owner()));
    assertThat(codes.status()).as(codes.body()).isEqualTo(200);
    JsonNode list = codes.json().get("codes");
    assertThat(list.size()).isEqualTo(10);
    String recovery = list.get(0).asText();

    Api.Response first =
        api.post("/api/auth/login", login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD, recovery));
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    Api.Response again =
        api.post("/api/auth/login", login(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD, recovery));
    assertThat(again.status()).isEqualTo(401);
  }

  @Test
  void supportMayReadOrdersButNotChangeAPrice() {
    String sku =
        "SUP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    long id = product(sku);
    String email = "support-" + UUID.randomUUID() + "@example.com";
    String secret = newStaff(email, "SUPPORT");
    String support = staffToken(email, secret);

    assertThat(api.get("/api/admin/orders", Api.bearer(support)).status()).isEqualTo(200);
    Api.Response price = setPrice(support, id, sku, 1);
    assertThat(price.status()).isEqualTo(403);
    assertThat(slug(price)).isEqualTo("forbidden");
    assertThat(api.get("/api/admin/staff", Api.bearer(support)).status()).isEqualTo(403);
    assertThat(
            api.put("/api/admin/inventory/" + sku, Map.of("onHand", 0), Api.bearer(support))
                .status())
        .isEqualTo(403);
    assertThat(api.get("/api/products/" + id).json().get("priceCents").asLong()).isEqualTo(1_000);
  }

  @Test
  void aPriceChangeNeedsARecentStepUp() {
    String sku =
        "STEP-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    long id = product(sku);
    String owner = owner();
    clock.advance(Duration.ofMinutes(6));

    Api.Response refused = setPrice(owner, id, sku, 900);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(slug(refused)).isEqualTo("step-up-required");
    Api.Response stock =
        api.put("/api/admin/inventory/" + sku, Map.of("onHand", 1), Api.bearer(owner));
    assertThat(slug(stock)).isEqualTo("step-up-required");

    Api.Response wrong = api.post("/api/auth/step-up", Map.of("totp", "000000"), Api.bearer(owner));
    assertThat(wrong.status()).isEqualTo(401);
    Api.Response stepUp =
        api.post("/api/auth/step-up", Map.of("totp", api.nextAdminCode()), Api.bearer(owner));
    assertThat(stepUp.status()).as(stepUp.body()).isEqualTo(204);

    assertThat(setPrice(owner, id, sku, 900).status()).isEqualTo(200);
    assertThat(api.get("/api/products/" + id).json().get("priceCents").asLong()).isEqualTo(900);
  }

  @Test
  void aStockChangeOnThePagesAsksForTheCodeAndThenGoesThrough() {
    String sku =
        "PAGE-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase(java.util.Locale.ROOT);
    product(sku);
    WebClient web = new WebClient(api.base());
    WebClient.Page signedIn =
        web.staffSignIn(
            TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD, TestApp.ADMIN_TOTP_SECRET, clock);
    assertThat(signedIn.status()).isEqualTo(303);
    clock.advance(Duration.ofMinutes(6));

    WebClient.Page inventory = web.get("/admin/inventory");
    WebClient.Page form = web.submit(inventory, "/admin/inventory/" + sku, Map.of("onHand", "42"));
    assertThat(form.status()).isEqualTo(403);
    assertThat(form.body()).contains("stepup-form").contains("name=\"onHand\" value=\"42\"");
    assertThat(web.get("/admin/inventory?sku=" + sku).body()).doesNotContain("value=\"42\"");

    WebClient.Page done =
        web.submit(
            form,
            "/admin/inventory/" + sku,
            Map.of("onHand", "42", "_stepup_code", api.nextAdminCode()));
    assertThat(done.status()).isIn(200, 303);
    assertThat(web.get("/admin/inventory?sku=" + sku).body()).contains("value=\"42\"");
  }

  @Test
  void aDisabledStaffMembersSessionEndsAtOnce() {
    String email = "fulfil-" + UUID.randomUUID() + "@example.com";
    String secret = newStaff(email, "FULFILMENT");
    String fulfilment = staffToken(email, secret);
    assertThat(api.get("/api/admin/orders", Api.bearer(fulfilment)).status()).isEqualTo(200);
    long id =
        api
            .get("/api/admin/staff", Api.bearer(owner()))
            .json()
            .get("items")
            .findParents("email")
            .stream()
            .filter(n -> n.get("email").asText().equals(email))
            .findFirst()
            .orElseThrow()
            .get("id")
            .asLong();

    Api.Response disabled =
        api.post("/api/admin/staff/" + id + "/disable", null, Api.bearer(owner()));
    assertThat(disabled.status()).as(disabled.body()).isEqualTo(204);

    assertThat(api.get("/api/admin/orders", Api.bearer(fulfilment)).status()).isEqualTo(401);
    Api.Response again =
        api.post("/api/auth/login", login(email, NEW_PASSWORD, api.nextCode(email, secret)));
    assertThat(again.status()).isEqualTo(401);
  }

  @Test
  void aStaffSessionEndsAfterThirtyIdleMinutesACustomersDoesNot() {
    String owner = owner();
    String customer = api.newCustomer("idle-" + UUID.randomUUID() + "@example.com");
    assertThat(api.get("/api/admin/orders", Api.bearer(owner)).status()).isEqualTo(200);

    clock.advance(Duration.ofMinutes(31));

    assertThat(api.get("/api/admin/orders", Api.bearer(owner)).status()).isEqualTo(401);
    assertThat(api.get("/api/auth/me", Api.bearer(customer)).status()).isEqualTo(200);

    // A customer's idle time counts from the last request, and ends the session after an hour.
    clock.advance(Duration.ofMinutes(61));
    assertThat(api.get("/api/auth/me", Api.bearer(customer)).status()).isEqualTo(401);
  }

  @Test
  void wrongCodesLockTheSecondFactorForAWhile() {
    String email = "locked-" + UUID.randomUUID() + "@example.com";
    String secret = newStaff(email, "CATALOG");
    for (int i = 0; i < 5; i++) {
      Api.Response wrong = api.post("/api/auth/login", login(email, NEW_PASSWORD, "000000"));
      assertThat(wrong.status()).as("attempt %d", i + 1).isEqualTo(401);
    }

    Api.Response locked =
        api.post("/api/auth/login", login(email, NEW_PASSWORD, api.nextCode(email, secret)));
    assertThat(locked.status()).isEqualTo(429);
    assertThat(slug(locked)).isEqualTo("mfa-locked");

    clock.advance(Duration.ofMinutes(16));
    assertThat(staffToken(email, secret)).isNotBlank();
  }

  @Test
  void anInvitationIsAcceptedOnceAndNotAfterItExpires() {
    Api.Response invite =
        api.post(
            "/api/admin/staff/invitations",
            Map.of("email", "twice-" + UUID.randomUUID() + "@example.com", "role", "CATALOG"),
            Api.bearer(owner()));
    Map<String, Object> accept =
        Map.of(
            "token", invite.json().get("token").asText(), "name", "Cat", "password", NEW_PASSWORD);
    assertThat(api.post("/api/auth/staff-invitations/accept", accept).status()).isEqualTo(201);
    Api.Response second = api.post("/api/auth/staff-invitations/accept", accept);
    assertThat(second.status()).isEqualTo(422);
    assertThat(slug(second)).isEqualTo("invitation-invalid");

    Api.Response late =
        api.post(
            "/api/admin/staff/invitations",
            Map.of("email", "late-" + UUID.randomUUID() + "@example.com", "role", "SUPPORT"),
            Api.bearer(owner()));
    clock.advance(Duration.ofDays(3).plusMinutes(1));
    Api.Response expired =
        api.post(
            "/api/auth/staff-invitations/accept",
            Map.of(
                "token",
                late.json().get("token").asText(),
                "name",
                "Late",
                "password",
                NEW_PASSWORD));
    assertThat(expired.status()).isEqualTo(422);
    assertThat(slug(expired)).isEqualTo("invitation-invalid");
  }
}
