package com.securecart.server.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client for the web pages, for tests that check HTTP-level behaviour
 * (headers, cookies, CSRF) without a browser. Redirects are not followed, so that they can be
 * asserted.
 */
public final class WebClient {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"");

  /** A page: status, body, headers. */
  public record Page(int status, String body, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public List<String> headers(String name) {
      return raw.headers().allValues(name);
    }

    /** The CSRF token of the page's first form. */
    public String csrf() {
      Matcher m = CSRF.matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("no CSRF field on the page (status " + status + ")");
      }
      return m.group(1);
    }

    /** The value of the first {@code <input name="NAME" value="...">}. */
    public String input(String name) {
      Matcher m =
          Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(body);
      if (!m.find()) {
        throw new IllegalStateException("no input " + name + " on the page");
      }
      return m.group(1);
    }
  }

  private final String base;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;

  public WebClient(String base) {
    this.base = base;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  public CookieManager cookies() {
    return cookies;
  }

  public Page get(String path, String... headers) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), headers);
  }

  /** Posts a URL-encoded form as given (no CSRF token is added). */
  public Page post(String path, Map<String, String> fields, String... headers) {
    String body =
        fields.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)),
        headers);
  }

  /** Posts a form with the CSRF token of {@code from}. */
  public Page submit(Page from, String path, Map<String, String> fields, String... headers) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", from.csrf());
    return post(path, all, headers);
  }

  /**
   * Signs in through the sign-in form; returns the answer (303 on success). The test admin signs in
   * as staff do: at /admin/login, with the next TOTP code of the provisioned secret.
   */
  public Page signIn(String email, String password) {
    if (email.equals(TestApp.ADMIN_EMAIL)) {
      return staffSignIn(email, password, TestApp.ADMIN_TOTP_SECRET, java.time.Clock.systemUTC());
    }
    Page form = get("/signin");
    return submit(form, "/signin", Map.of("email", email, "password", password, "next", "/"));
  }

  /**
   * Signs a staff member in at /admin/login: password, then the next TOTP code; returns the answer
   * to the code (303 on success).
   */
  public Page staffSignIn(String email, String password, String secret, java.time.Clock clock) {
    Page code = staffPassword(email, password);
    return submit(
        code,
        "/admin/login/code",
        Map.of(
            "challenge",
            code.input("challenge"),
            "code",
            Totp.next(base + "|" + email, secret, clock),
            "next",
            "/admin"));
  }

  /** The first step of the staff sign-in: the page asking for the code (or enrolling). */
  public Page staffPassword(String email, String password) {
    Page form = get("/admin/login");
    return submit(
        form, "/admin/login", Map.of("email", email, "password", password, "next", "/admin"));
  }

  private Page send(HttpRequest.Builder request, String... headers) {
    request.timeout(Duration.ofSeconds(30));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Page(response.statusCode(), response.body(), response);
    } catch (IOException e) {
      throw new IllegalStateException("request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
