package com.securecart.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.WebClient;
import java.net.HttpCookie;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Issue 15 item 6 in the browser's pages: the same rules as the JSON API (AccountSecurityIT). */
class AccountPagesIT {
  private static final String PASSWORD = "correct horse battery";
  private static final String NEW_PASSWORD = "purple tangerine obelisk";

  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void start() {
    app = TestApp.start(TestDatabases.Engine.H2);
    api = app.api();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void signingInAgainOnTheFormEndsTheSessionTheBrowserPresented() {
    api.newCustomer("rotate@example.com");
    WebClient web = new WebClient(api.base());
    assertThat(web.signIn("rotate@example.com", PASSWORD).status()).isEqualTo(303);
    String first = session(web);

    assertThat(web.signIn("rotate@example.com", PASSWORD).status()).isEqualTo(303);
    String second = session(web);

    assertThat(second).isNotEqualTo(first);
    assertThat(me(first)).isEqualTo(401);
    assertThat(me(second)).isEqualTo(200);
  }

  @Test
  void signingUpWithATakenEmailLooksExactlyLikeANewOne() {
    WebClient fresh = new WebClient(api.base());
    WebClient.Page created = signUp(fresh, "pageowner@example.com", PASSWORD);
    WebClient stranger = new WebClient(api.base());
    WebClient.Page taken = signUp(stranger, "pageowner@example.com", "a different long passphrase");

    assertThat(taken.status()).isEqualTo(created.status()).isEqualTo(303);
    assertThat(taken.header("Location"))
        .isEqualTo(created.header("Location"))
        .isEqualTo("/account/check-inbox");
    assertThat(taken.headers("Set-Cookie")).noneMatch(c -> c.startsWith("sc_session="));
    assertThat(created.headers("Set-Cookie")).noneMatch(c -> c.startsWith("sc_session="));
    assertThat(stranger.get("/account/check-inbox").body()).contains("Check your inbox");
  }

  @Test
  void theAccountPageChangesThePasswordAndSignsOutEverywhere() {
    api.newCustomer("pagechanger@example.com");
    String elsewhere = api.login("pagechanger@example.com", PASSWORD);
    WebClient web = new WebClient(api.base());
    web.signIn("pagechanger@example.com", PASSWORD);
    WebClient.Page account = web.get("/account");
    assertThat(account.status()).isEqualTo(200);
    assertThat(account.body()).contains("pagechanger@example.com", "Sign out everywhere");

    WebClient.Page wrong =
        web.submit(
            account,
            "/account/password",
            Map.of("currentPassword", "not it at all", "newPassword", NEW_PASSWORD));
    assertThat(wrong.status()).isEqualTo(422);
    assertThat(me(elsewhere)).isEqualTo(200);

    WebClient.Page changed =
        web.submit(
            account,
            "/account/password",
            Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD));
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.body()).contains("Password changed");
    assertThat(me(elsewhere)).isEqualTo(401);
    assertThat(me(session(web))).isEqualTo(200);

    String another = api.login("pagechanger@example.com", NEW_PASSWORD);
    WebClient.Page out = web.submit(web.get("/account"), "/account/logout-all", Map.of());
    assertThat(out.status()).isEqualTo(303);
    assertThat(out.header("Clear-Site-Data")).isNotNull();
    assertThat(me(another)).isEqualTo(401);
    assertThat(web.get("/account").status()).isNotEqualTo(200);
  }

  @Test
  void theForgottenPasswordPagesResetItOnce() {
    api.newCustomer("pageforgot@example.com");
    WebClient web = new WebClient(api.base());
    WebClient.Page forgot = web.get("/account/forgot");
    assertThat(forgot.status()).isEqualTo(200);
    WebClient.Page sent =
        web.submit(forgot, "/account/forgot", Map.of("email", "pageforgot@example.com"));
    WebClient.Page unknown =
        web.submit(forgot, "/account/forgot", Map.of("email", "no-account@example.com"));
    assertThat(sent.status()).isEqualTo(unknown.status()).isEqualTo(303);
    assertThat(sent.header("Location")).isEqualTo(unknown.header("Location"));

    String token = app.mailedToken("pageforgot@example.com", "/account/reset");
    WebClient.Page form = web.get("/account/reset?token=" + token);
    assertThat(form.input("token")).isEqualTo(token);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("token", token);
    fields.put("password", NEW_PASSWORD);
    WebClient.Page reset = web.submit(form, "/account/reset", fields);
    assertThat(reset.status()).isEqualTo(200);
    assertThat(api.login("pageforgot@example.com", NEW_PASSWORD)).isNotBlank();
    assertThat(web.submit(form, "/account/reset", fields).status()).isEqualTo(422);
  }

  @Test
  void theVerificationLinkOpensAFormWhosePostVerifies() {
    String token = api.newCustomer("pageverify@example.com");
    String mailed = app.mailedToken("pageverify@example.com", "/account/verify");
    WebClient web = new WebClient(api.base());
    WebClient.Page form = web.get("/account/verify?token=" + mailed);
    assertThat(form.status()).isEqualTo(200);
    assertThat(verified(token)).as("opening the link verifies nothing").isFalse();

    WebClient.Page done = web.submit(form, "/account/verify", Map.of("token", mailed));
    assertThat(done.status()).isEqualTo(200);
    assertThat(done.body()).contains("Address confirmed");
    assertThat(verified(token)).isTrue();
  }

  private static WebClient.Page signUp(WebClient web, String email, String password) {
    WebClient.Page form = web.get("/signup");
    return web.submit(
        form, "/signup", Map.of("name", "Page Person", "email", email, "password", password));
  }

  private static String session(WebClient web) {
    return web.cookies().getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("sc_session"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElseThrow();
  }

  private static boolean verified(String token) {
    return api.get("/api/auth/me", Api.bearer(token)).json().get("emailVerified").asBoolean();
  }

  private static int me(String token) {
    return api.get("/api/auth/me", Api.bearer(token)).status();
  }
}
