package com.securecart.server.web;

import com.securecart.server.admission.Origin;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The security headers every response carries. The Content-Security-Policy allows scripts and
 * styles from our own origin only: no inline script, no inline event handler, no eval, no {@code
 * <base>} element; violations are reported to {@code POST /csp-report} ({@link CspReports}). A
 * route may replace a header for its own response (the mailbox preview does, to be framed by our
 * own page).
 *
 * <p>HSTS is sent only when the request arrived over TLS, directly or through a trusted proxy
 * ({@link Origin}). Every {@code /api/} response is {@code Cache-Control: no-store} (tokens, carts,
 * orders, accounts, staff data) except the public catalog and search reads; pages set it themselves
 * ({@link Pages}).
 */
public final class SecurityHeaders implements Filter {
  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none';"
          + " base-uri 'none'; form-action 'self'; report-uri /csp-report; report-to csp";

  /**
   * In Stripe mode, on the checkout and order pages only: Stripe.js from js.stripe.com, its card
   * and 3-D Secure frames from js.stripe.com and hooks.stripe.com, its calls to api.stripe.com.
   */
  public static final String STRIPE_CSP =
      "default-src 'self'; script-src 'self' https://js.stripe.com; style-src 'self';"
          + " img-src 'self' data:; connect-src 'self' https://api.stripe.com; font-src 'self';"
          + " frame-src https://js.stripe.com https://hooks.stripe.com; object-src 'none';"
          + " frame-ancestors 'none'; base-uri 'none'; form-action 'self'; report-uri /csp-report;"
          + " report-to csp";

  public static final String HSTS_VALUE = "max-age=31536000; includeSubDomains";
  static final HeaderName CONTENT_SECURITY_POLICY = HeaderNames.create("Content-Security-Policy");
  static final HeaderName X_FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
  private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
  private static final HeaderName PERMISSIONS_POLICY = HeaderNames.create("Permissions-Policy");
  private static final HeaderName NOSNIFF = HeaderNames.create("X-Content-Type-Options");
  private static final HeaderName OPENER_POLICY = HeaderNames.create("Cross-Origin-Opener-Policy");
  private static final HeaderName REPORTING_ENDPOINTS = HeaderNames.create("Reporting-Endpoints");
  private static final HeaderName HSTS = HeaderNames.STRICT_TRANSPORT_SECURITY;

  private final boolean stripe;

  public SecurityHeaders() {
    this(false);
  }

  /**
   * @param stripe payments go through Stripe.js, so the pages that load it admit Stripe
   */
  public SecurityHeaders(boolean stripe) {
    this.stripe = stripe;
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    res.header(
        CONTENT_SECURITY_POLICY, stripe && loadsStripe(req.path().path()) ? STRIPE_CSP : CSP);
    res.header(REPORTING_ENDPOINTS, "csp=\"/csp-report\"");
    res.header(NOSNIFF, "nosniff");
    res.header(REFERRER_POLICY, "same-origin");
    res.header(X_FRAME_OPTIONS, "DENY");
    res.header(PERMISSIONS_POLICY, "camera=(), microphone=(), geolocation=(), payment=()");
    res.header(OPENER_POLICY, "same-origin");
    if (Origin.of(req).secure()) {
      res.header(HSTS, HSTS_VALUE);
    }
    if (!cacheable(req.prologue().method().text(), req.path().path())) {
      res.header(HeaderNames.CACHE_CONTROL, "no-store");
    }
    chain.proceed();
  }

  /** The pages that load Stripe.js: the checkout form and the order page (3-D Secure). */
  static boolean loadsStripe(String path) {
    return path.equals("/checkout") || (path.startsWith("/orders/") && !path.endsWith("/events"));
  }

  /**
   * Whether a response may be kept by a cache: everything outside {@code /api/} decides for itself
   * (pages say no-store, static assets are immutable); under it, only the public catalog and search
   * reads, which carry nobody's data.
   */
  static boolean cacheable(String method, String path) {
    if (!path.startsWith("/api/")) {
      return true;
    }
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return false;
    }
    return path.equals("/api/products")
        || path.startsWith("/api/products/")
        || path.equals("/api/categories")
        || path.equals("/api/search")
        || path.equals("/api/search/suggest")
        || path.startsWith("/api/recommendations/products/");
  }
}
