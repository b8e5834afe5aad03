package com.securecart.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.testing.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web pages' security behaviour at the HTTP level: CSRF tokens checked, cookie flags, security
 * headers, generic sign-in failures, and hostile product names escaped on every page that shows
 * them.
 */
class WebSecurityIT {
  private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>");
  private static final Pattern EVENT_HANDLER =
      Pattern.compile("<[a-z][^>]*\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);

  private static TestApp app;
  private static Api api;
  private static String admin;
  private static long productId;

  @BeforeAll
  static void start() {
    // The test client stands in for the load balancer: X-Forwarded-Proto is believed from it only.
    app =
        TestApp.start(
            Engine.H2,
            c -> c.withAdmission(c.http().admission().withTrustedProxies(List.of("127.0.0.1"))));
    api = app.api();
    admin = app.adminToken();
    productId = api.createProduct(admin, "SEC-1", 1_999, 10);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static WebClient browser() {
    return new WebClient(api.base());
  }

  @Test
  void aFormPostWithoutTheCsrfTokenIsRefusedWithA403Page() {
    WebClient web = browser();
    web.get("/products/" + productId);
    Map<String, String> add = Map.of("productId", String.valueOf(productId), "quantity", "1");

    WebClient.Page missing = web.post("/cart/items", add);
    WebClient.Page wrong =
        web.post("/cart/items", with(add, "_csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));

    for (WebClient.Page refused : List.of(missing, wrong)) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.header("Content-Type")).startsWith("text/html");
      assertThat(refused.body()).contains("security token");
    }
    assertThat(web.get("/cart").body()).contains("Your cart is empty");
  }

  @Test
  void theTokenOfAnotherBrowserIsRefused() {
    WebClient victim = browser();
    WebClient attacker = browser();
    String attackersToken = attacker.get("/products/" + productId).csrf();
    victim.get("/products/" + productId);

    WebClient.Page forged =
        victim.post(
            "/cart/items",
            Map.of(
                "productId", String.valueOf(productId), "quantity", "1", "_csrf", attackersToken));

    assertThat(forged.status()).isEqualTo(403);
  }

  @Test
  void aFormPostWithItsTokenIsAccepted() {
    WebClient web = browser();
    WebClient.Page product = web.get("/products/" + productId);

    WebClient.Page added =
        web.submit(
            product,
            "/cart/items",
            Map.of("productId", String.valueOf(productId), "quantity", "2"));

    assertThat(added.status()).isEqualTo(303);
    assertThat(added.header("Location")).isEqualTo("/cart");
    assertThat(web.get("/cart").body()).contains("Product SEC-1").contains("Subtotal (2 items)");
  }

  @Test
  void signingInChangesTheCsrfToken() {
    WebClient web = browser();
    String before = web.get("/signin").csrf();
    api.newCustomer("csrf-rotation@example.com");
    assertThat(web.signIn("csrf-rotation@example.com", "correct horse battery").status())
        .isEqualTo(303);
    assertThat(web.get("/").csrf()).isNotEqualTo(before);
  }

  @Test
  void pagesCarryTheSecurityHeadersAndNoInlineScript() {
    WebClient web = browser();
    for (String path :
        List.of(
            "/", "/search?q=product", "/products/" + productId, "/cart", "/signin", "/signup")) {
      WebClient.Page page = web.get(path);
      assertThat(page.status()).as(path).isEqualTo(200);
      String csp = page.header("Content-Security-Policy");
      assertThat(csp)
          .as(path)
          .contains("default-src 'self'")
          .contains("script-src 'self'")
          .contains("object-src 'none'")
          .contains("frame-ancestors 'none'")
          .contains("base-uri 'none'")
          .contains("report-uri /csp-report")
          .contains("form-action 'self'")
          .doesNotContain("unsafe-inline")
          .doesNotContain("unsafe-eval");
      assertThat(page.header("X-Content-Type-Options")).as(path).isEqualTo("nosniff");
      assertThat(page.header("X-Frame-Options")).as(path).isEqualTo("DENY");
      assertThat(page.header("Referrer-Policy")).as(path).isEqualTo("same-origin");
      assertThat(page.header("Permissions-Policy")).as(path).contains("camera=()");
      assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-store");
      assertThat(INLINE_SCRIPT.matcher(page.body()).find()).as(path + " inline script").isFalse();
      assertThat(EVENT_HANDLER.matcher(page.body()).find()).as(path + " on* handler").isFalse();
      assertThat(page.body()).as(path).doesNotContain("style=\"");
    }
  }

  @Test
  void staticFilesAreVersionedAndCachedForAYear() {
    WebClient.Page home = browser().get("/");
    var matcher =
        Pattern.compile("src=\"(/static/[0-9a-f]{12}/htmx\\.min\\.js)\"").matcher(home.body());
    assertThat(matcher.find()).isTrue();

    WebClient.Page htmx = browser().get(matcher.group(1));

    assertThat(htmx.status()).isEqualTo(200);
    assertThat(htmx.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
    assertThat(htmx.header("Content-Type")).startsWith("text/javascript");
    assertThat(htmx.body()).contains("htmx");
    assertThat(browser().get("/static/000000000000/htmx.min.js").status()).isEqualTo(404);
  }

  @Test
  void cookiesAreHttpOnlyAndSameSiteLaxAndSecureOnlyOverTls() {
    WebClient.Page plain = browser().get("/");
    WebClient.Page tls = browser().get("/", "X-Forwarded-Proto", "https");

    String nonce = cookie(plain, "sc_nonce");
    assertThat(nonce).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    // Over TLS the site-wide cookies carry the __Host- prefix: Secure, Path=/, no Domain, so that
    // no other host can plant them.
    assertThat(tls.headers("Set-Cookie")).noneMatch(c -> c.startsWith("sc_nonce="));
    assertThat(cookie(tls, "__Host-sc_nonce"))
        .contains("HttpOnly")
        .contains("SameSite=Lax")
        .contains("Secure")
        .contains("Path=/")
        .doesNotContainIgnoringCase("Domain=");

    api.newCustomer("cookie-flags@example.com");
    WebClient web = browser();
    WebClient.Page form = web.get("/signin", "X-Forwarded-Proto", "https");
    // A Secure cookie is not sent back over plain HTTP, which this test speaks: send it by hand.
    String secureNonce = cookie(form, "__Host-sc_nonce");
    WebClient.Page signedIn =
        web.post(
            "/signin",
            Map.of(
                "email", "cookie-flags@example.com",
                "password", "correct horse battery",
                "_csrf", form.csrf()),
            "X-Forwarded-Proto",
            "https",
            "Cookie",
            secureNonce.substring(0, secureNonce.indexOf(";")));
    assertThat(signedIn.status()).isEqualTo(303);
    assertThat(cookie(signedIn, "__Host-sc_session"))
        .contains("HttpOnly")
        .contains("SameSite=Lax")
        .contains("Secure")
        .contains("Path=/")
        .contains("Max-Age=");
    assertThat(cookie(signedIn, "__Host-sc_cart"))
        .contains("HttpOnly")
        .contains("SameSite=Lax")
        .contains("Secure");
    // The prefixed session is the one read over TLS: the account's orders page opens with it.
    String session = cookie(signedIn, "__Host-sc_session");
    String sent = session.substring(0, session.indexOf(";"));
    assertThat(ordersOverTls(sent).status()).isEqualTo(200);
    // Over TLS a cookie under the bare name, which a sibling host could plant, is not read.
    assertThat(ordersOverTls(sent.substring("__Host-".length())).status()).isEqualTo(303);
  }

  @Test
  void aFailedSignInNeverSaysWhichPartWasWrong() {
    api.newCustomer("known@example.com");
    WebClient web = browser();

    WebClient.Page wrongPassword = web.signIn("known@example.com", "not the password");
    WebClient.Page unknownEmail = web.signIn("nobody-here@example.com", "correct horse battery");
    WebClient.Page malformedEmail = web.signIn("not-an-email", "correct horse battery");

    for (WebClient.Page failed : List.of(wrongPassword, unknownEmail, malformedEmail)) {
      assertThat(failed.status()).isEqualTo(401);
      assertThat(failed.body()).contains(AccountPages.SIGN_IN_FAILED);
      assertThat(failed.body().toLowerCase())
          .doesNotContain("no account")
          .doesNotContain("password is wrong");
      assertThat(failed.headers("Set-Cookie")).noneMatch(c -> c.startsWith("sc_session="));
    }
  }

  @Test
  void signOutEndsTheSessionEverywhere() {
    api.newCustomer("sign-out@example.com");
    WebClient web = browser();
    web.signIn("sign-out@example.com", "correct horse battery");
    WebClient.Page orders = web.get("/account/orders");
    assertThat(orders.status()).isEqualTo(200);

    assertThat(web.submit(orders, "/signout", Map.of()).status()).isEqualTo(303);

    WebClient.Page after = web.get("/account/orders");
    assertThat(after.status()).isEqualTo(303);
    assertThat(after.header("Location")).startsWith("/signin?next=");
  }

  @Test
  void signInRedirectsOnlyToLocalPaths() {
    api.newCustomer("next@example.com");
    WebClient web = browser();
    WebClient.Page form = web.get("/signin");
    WebClient.Page signedIn =
        web.submit(
            form,
            "/signin",
            Map.of(
                "email", "next@example.com",
                "password", "correct horse battery",
                "next", "//evil.example.com/"));
    assertThat(signedIn.header("Location")).isEqualTo("/");
  }

  @Test
  void unknownPagesAreAnHtml404ForBrowsersAndAProblemForApiClients() {
    WebClient.Page html = browser().get("/no-such-page", "Accept", "text/html");
    assertThat(html.status()).isEqualTo(404);
    assertThat(html.header("Content-Type")).startsWith("text/html");
    assertThat(html.body()).contains("Page not found");

    assertThat(api.get("/no-such-page").contentType()).startsWith("application/problem+json");
  }

  @Test
  void hostileProductNamesAreEscapedOnEveryPageAndNeverCauseAServerError() throws Exception {
    Path corpus = com.securecart.server.testing.Corpora.file("blns.json");
    JsonNode strings = new ObjectMapper().readTree(corpus.toFile());
    List<String> failures = new ArrayList<>();
    WebClient web = browser();
    int n = 0;
    for (JsonNode node : strings) {
      String name = node.asText();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("sku", "NAUGHTY-" + n++);
      body.put("name", name);
      body.put("description", name);
      body.put("brand", name.isBlank() ? "Brand" : name);
      body.put("category", "Naughty");
      body.put("priceCents", 500);
      body.put("currency", "EUR");
      body.put("stock", 3);
      body.put("attributes", Map.of("note", name.length() > 200 ? name.substring(0, 200) : name));
      Api.Response created = api.post("/api/admin/products", body, Api.bearer(admin));
      if (created.status() != 201) {
        continue;
      }
      long id = created.json().get("id").asLong();
      String q = URLEncoder.encode(name, StandardCharsets.UTF_8);
      for (String path :
          List.of("/products/" + id, "/search?q=" + q + "&brand=" + q, "/search/suggest?q=" + q)) {
        WebClient.Page page = web.get(path);
        if (page.status() >= 500) {
          failures.add(page.status() + " " + path);
        } else if (INLINE_SCRIPT.matcher(page.body()).find()
            || name.contains("<") && page.body().contains(name)) {
          failures.add("unescaped markup on " + path + " for " + name);
        }
      }
    }
    WebClient adminWeb = browser();
    adminWeb.signIn(TestApp.ADMIN_EMAIL, TestApp.ADMIN_PASSWORD);
    for (String path : List.of("/admin/products", "/admin/inventory", "/admin/products?page=1")) {
      WebClient.Page page = adminWeb.get(path);
      assertThat(page.status()).as(path).isEqualTo(200);
      assertThat(INLINE_SCRIPT.matcher(page.body()).find()).as(path).isFalse();
    }
    assertThat(n).isGreaterThan(100);
    assertThat(failures).isEmpty();
  }

  private static WebClient.Page ordersOverTls(String cookie) {
    return browser().get("/account/orders", "X-Forwarded-Proto", "https", "Cookie", cookie);
  }

  private static String cookie(WebClient.Page page, String name) {
    return page.headers("Set-Cookie").stream()
        .filter(c -> c.startsWith(name + "="))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no " + name + " cookie in " + page.headers("Set-Cookie")));
  }

  private static Map<String, String> with(Map<String, String> map, String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(map);
    copy.put(key, value);
    return copy;
  }
}
