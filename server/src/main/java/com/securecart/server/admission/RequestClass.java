package com.securecart.server.admission;

import java.util.Optional;

/**
 * What admission control needs to know about a request, from its method and path alone (no body, no
 * session, no database): its priority, or none for requests that are never shed, and the rate limit
 * rule it falls under, if any.
 *
 * <p>Never shed: health checks (a load balancer must see the truth), static assets (cached and
 * tiny), the OpenAPI document, the Prometheus scrape (needed most when overloaded) and event
 * streams, which last minutes by design and have their own cap.
 */
public final class RequestClass {
  /** The per-client rate limit rules. */
  public enum Rule {
    LOGIN,
    REGISTRATION,
    CHECKOUT,
    SEARCH,
    /** Browsers' CSP violation reports: a fixed, small budget per address. */
    CSP_REPORT
  }

  private RequestClass() {}

  /** The priority of a request, or empty when it is never shed. */
  public static Optional<Priority> priority(String method, String path) {
    if (path.startsWith("/health/")
        || path.startsWith("/static/")
        || path.equals("/openapi.yaml")
        || path.equals("/admin/metrics")
        || path.endsWith("/events")) {
      return Optional.empty();
    }
    // Payment webhooks move paid orders on: shed as late as a checkout (Stripe redelivers anyway).
    if (path.equals("/api/checkout")
        || path.equals("/checkout")
        || path.equals("/api/payments/stripe/webhook")) {
      return Optional.of(Priority.CHECKOUT);
    }
    if (under(path, "/api/admin") || under(path, "/admin")) {
      return Optional.of(Priority.ADMIN);
    }
    if (under(path, "/api/carts")
        || under(path, "/api/cart")
        || under(path, "/cart")
        || under(path, "/api/auth")
        || under(path, "/api/orders")
        || under(path, "/orders")
        || under(path, "/account")
        || path.equals("/signin")
        || path.equals("/signup")
        || path.equals("/signout")) {
      return Optional.of(Priority.CART);
    }
    // The storefront, product reads, search, and anything unknown (a 404 is cheap, and bots that
    // probe paths should not outrank shoppers).
    return Optional.of(Priority.BROWSE);
  }

  /** The rate limit rule a request falls under, or empty. */
  public static Optional<Rule> rule(String method, String path) {
    boolean post = method.equals("POST");
    // Anything that checks a password, a one-time code or a mailed token counts as a sign-in
    // attempt: the storefront's, the staff's (and their step-up), and the account flows.
    if (post
        && (path.equals("/api/auth/login")
            || path.equals("/signin")
            || path.equals("/admin/login")
            || path.equals("/admin/login/code")
            || path.equals("/api/auth/step-up")
            || path.equals("/api/auth/password")
            || path.equals("/account/password")
            || path.equals("/api/auth/password-reset/confirm")
            || path.equals("/account/reset")
            || path.equals("/api/auth/verify-email")
            || path.equals("/account/verify"))) {
      return Optional.of(Rule.LOGIN);
    }
    // Anything that sends a mail counts as a registration.
    if (post
        && (path.equals("/api/auth/register")
            || path.equals("/signup")
            || path.equals("/api/auth/password-reset")
            || path.equals("/account/forgot")
            || path.equals("/api/auth/verify-email/resend")
            || path.equals("/account/verify/resend"))) {
      return Optional.of(Rule.REGISTRATION);
    }
    if (post && (path.equals("/api/checkout") || path.equals("/checkout"))) {
      return Optional.of(Rule.CHECKOUT);
    }
    if (post && path.equals("/csp-report")) {
      return Optional.of(Rule.CSP_REPORT);
    }
    if (method.equals("GET")
        && (path.equals("/api/search")
            || path.equals("/api/search/suggest")
            || path.equals("/search")
            || path.equals("/search/suggest"))) {
      return Optional.of(Rule.SEARCH);
    }
    return Optional.empty();
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || (path.startsWith(prefix) && path.charAt(prefix.length()) == '/');
  }
}
