package com.securecart.server.web;

import com.securecart.identity.IdentityApi;
import com.securecart.identity.Session;
import com.securecart.server.admission.Origin;
import com.securecart.server.http.Http;
import com.securecart.shared.CartId;
import com.securecart.shared.Ids;
import com.securecart.shared.OrderId;
import com.securecart.shared.Principal;
import com.securecart.shared.ValidationException;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Browser sessions and CSRF tokens (ADR 0008). The session cookie carries the same opaque token the
 * identity context issues to API clients, so any instance authenticates any browser and sign-out is
 * immediate everywhere. Every cookie is HttpOnly and SameSite=Lax, and Secure when the request came
 * over TLS. Over TLS the site-wide cookies are named with the {@code __Host-} prefix (an order's
 * with {@code __Secure-}): a browser then accepts them only from this host, over HTTPS, for the
 * whole site, so that a sibling subdomain or a plain-HTTP page cannot plant a session or a nonce of
 * its choosing (cookie tossing). Plain HTTP, as on a laptop, keeps the bare names, which browsers
 * would refuse with a prefix.
 *
 * <p>The CSRF token is SHA-256 over a per-browser random nonce (its own cookie) and, once signed
 * in, the session token: a page on another site can neither read the cookies nor compute the token,
 * and signing in or out changes it. Nothing is stored on the server for it.
 */
public final class WebSessions {
  static final String SESSION = "sc_session";
  static final String CART = "sc_cart";
  static final String NONCE = "sc_nonce";
  static final String ORDER_PREFIX = "sc_order_";

  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,100}");
  private static final Duration CART_LIFETIME = Duration.ofDays(30);
  private static final Duration ORDER_ACCESS_LIFETIME = Duration.ofDays(30);

  /** The request context key of the browser a request was resolved to. */
  private static final Object RESOLVED = new Object();

  private final IdentityApi identity;
  private final Clock clock;

  public WebSessions(IdentityApi identity, Clock clock) {
    this.identity = identity;
    this.clock = clock;
  }

  /**
   * Reads the cookies of a request; a stale or malformed session cookie makes a guest. Read once
   * per request: the staff-only filter and the page handler after it see the same browser, with one
   * session lookup.
   */
  public Browser resolve(ServerRequest req) {
    Optional<Browser> resolved = req.context().get(RESOLVED, Browser.class);
    if (resolved.isPresent()) {
      return resolved.get();
    }
    Browser browser = read(req);
    req.context().register(RESOLVED, browser);
    return browser;
  }

  private Browser read(ServerRequest req) {
    boolean secure = secure(req);
    Optional<String> sent = cookie(req, name(SESSION, secure));
    Optional<Principal> principal = sent.flatMap(identity::authenticate);
    String token = principal.isPresent() ? sent.get() : null;
    Optional<String> existingNonce = cookie(req, name(NONCE, secure));
    String nonce = existingNonce.orElseGet(() -> Ids.randomToken(32));
    Optional<CartId> cart = cookie(req, name(CART, secure)).flatMap(WebSessions::cartId);
    return new Browser(
        principal,
        token,
        nonce,
        existingNonce.isEmpty(),
        sent.isPresent() && principal.isEmpty(),
        secure,
        cart,
        csrfToken(nonce, token));
  }

  /** The session token a browser sends, unchecked: whether it is valid is for identity to say. */
  public static Optional<String> sessionToken(ServerRequest req) {
    return cookie(req, name(SESSION, secure(req)));
  }

  /**
   * Whether the browser reached us over TLS: directly, or through a trusted proxy that says so
   * ({@link Origin}); another peer's {@code X-Forwarded-Proto} is ignored.
   */
  private static boolean secure(ServerRequest req) {
    return Origin.of(req).secure();
  }

  /** A site-wide cookie's name: {@code __Host-} prefixed over TLS. */
  static String name(String base, boolean secure) {
    return secure ? "__Host-" + base : base;
  }

  /** Writes what a request's resolution decided: a new nonce, a stale session cookie removed. */
  public void apply(Browser browser, ServerResponse res) {
    if (browser.newNonce()) {
      res.headers()
          .addCookie(
              cookie(name(NONCE, browser.secure()), browser.nonce(), browser.secure(), null, "/"));
    }
    if (browser.staleSession()) {
      res.headers().addCookie(expired(name(SESSION, browser.secure()), browser.secure(), "/"));
    }
  }

  /** Whether this browser's staff session re-entered a TOTP code within the last minutes. */
  public boolean steppedUp(Browser browser) {
    try {
      identity.requireStepUp(browser.sessionToken());
      return true;
    } catch (com.securecart.shared.DomainException e) {
      return false;
    }
  }

  /** Re-authenticates this browser's staff session with a code; throws if it is wrong. */
  public void stepUp(Browser browser, String code) {
    identity.stepUp(browser.sessionToken(), code);
  }

  /** Whether a submitted CSRF token is the one bound to this browser, in constant time. */
  public boolean csrfValid(Browser browser, String submitted) {
    if (submitted == null || !TOKEN.matcher(submitted).matches()) {
      return false;
    }
    return MessageDigest.isEqual(
        browser.csrf().getBytes(StandardCharsets.US_ASCII),
        submitted.getBytes(StandardCharsets.US_ASCII));
  }

  public void signIn(ServerResponse res, Browser browser, Session session) {
    Duration lifetime = Duration.between(clock.instant(), session.expiresAt());
    res.headers()
        .addCookie(
            cookie(
                name(SESSION, browser.secure()), session.token(), browser.secure(), lifetime, "/"));
  }

  /**
   * Ends the session and tells the browser to forget this site's cookies and storage ({@code
   * Clear-Site-Data}, which also drops the path-scoped order cookies this request does not carry);
   * for browsers that ignore that header, the session and cart cookies and the order cookies of
   * {@code orders} are expired one by one.
   */
  public void signOut(ServerResponse res, Browser browser, List<OrderId> orders) {
    identity.logout(browser.sessionToken());
    res.header(Http.CLEAR_SITE_DATA);
    res.headers().addCookie(expired(name(SESSION, browser.secure()), browser.secure(), "/"));
    res.headers().addCookie(expired(name(CART, browser.secure()), browser.secure(), "/"));
    for (OrderId order : orders) {
      res.headers()
          .addCookie(
              expired(
                  orderCookie(order, browser.secure()),
                  browser.secure(),
                  "/orders/" + order.value()));
    }
  }

  public void setCart(ServerResponse res, Browser browser, CartId cart) {
    res.headers()
        .addCookie(
            cookie(
                name(CART, browser.secure()), cart.value(), browser.secure(), CART_LIFETIME, "/"));
  }

  /**
   * Lets this browser open a guest order: the order's access token, in a cookie sent only to that
   * order's pages, so that it never appears in a URL, a log or a Referer.
   */
  public void grantOrderAccess(
      ServerResponse res, Browser browser, OrderId order, String accessToken) {
    res.headers()
        .addCookie(
            cookie(
                orderCookie(order, browser.secure()),
                accessToken,
                browser.secure(),
                ORDER_ACCESS_LIFETIME,
                "/orders/" + order.value()));
  }

  public Optional<String> orderAccess(ServerRequest req, OrderId order) {
    return cookie(req, orderCookie(order, secure(req)));
  }

  /** An order's cookie: {@code __Secure-} over TLS (its path is the order's, so not __Host-). */
  private static String orderCookie(OrderId order, boolean secure) {
    return (secure ? "__Secure-" : "") + ORDER_PREFIX + order.value();
  }

  static String csrfToken(String nonce, String sessionToken) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update("securecart-csrf|".getBytes(StandardCharsets.US_ASCII));
      digest.update(nonce.getBytes(StandardCharsets.US_ASCII));
      digest.update((byte) '|');
      if (sessionToken != null) {
        digest.update(sessionToken.getBytes(StandardCharsets.US_ASCII));
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }

  private static Optional<String> cookie(ServerRequest req, String name) {
    return req.headers()
        .cookies()
        .first(name)
        .asOptional()
        .map(String::strip)
        .filter(v -> TOKEN.matcher(v).matches());
  }

  private static Optional<CartId> cartId(String value) {
    try {
      return Optional.of(new CartId(value));
    } catch (ValidationException e) {
      return Optional.empty();
    }
  }

  private static SetCookie cookie(
      String name, String value, boolean secure, Duration maxAge, String path) {
    SetCookie.Builder builder =
        SetCookie.builder(name, value)
            .path(path)
            .httpOnly(true)
            .sameSite(SetCookie.SameSite.LAX)
            .secure(secure);
    if (maxAge != null) {
      builder.maxAge(maxAge);
    }
    return builder.build();
  }

  /**
   * A cookie the browser is to delete: an Expires in the past (Helidon writes no {@code Max-Age}
   * for a zero duration, which would leave an empty cookie for the browser's session instead).
   */
  private static SetCookie expired(String name, boolean secure, String path) {
    return SetCookie.builder(name, "")
        .path(path)
        .httpOnly(true)
        .sameSite(SetCookie.SameSite.LAX)
        .secure(secure)
        .expires(java.time.Instant.EPOCH)
        .build();
  }
}
