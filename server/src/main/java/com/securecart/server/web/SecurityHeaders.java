package com.securecart.server.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * The security headers every response carries. The Content-Security-Policy allows scripts and
 * styles from our own origin only: no inline script, no inline event handler, no eval. A route may
 * replace a header for its own response (the mailbox preview does, to be framed by our own page).
 */
public final class SecurityHeaders implements Filter {
  public static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; font-src 'self'; object-src 'none'; frame-ancestors 'none';"
          + " base-uri 'self'; form-action 'self'";
  static final HeaderName CONTENT_SECURITY_POLICY = HeaderNames.create("Content-Security-Policy");
  static final HeaderName X_FRAME_OPTIONS = HeaderNames.create("X-Frame-Options");
  private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
  private static final HeaderName PERMISSIONS_POLICY = HeaderNames.create("Permissions-Policy");
  private static final HeaderName NOSNIFF = HeaderNames.create("X-Content-Type-Options");
  private static final HeaderName OPENER_POLICY = HeaderNames.create("Cross-Origin-Opener-Policy");
  private static final HeaderName HSTS = HeaderNames.STRICT_TRANSPORT_SECURITY;

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    res.header(CONTENT_SECURITY_POLICY, CSP);
    res.header(NOSNIFF, "nosniff");
    res.header(REFERRER_POLICY, "same-origin");
    res.header(X_FRAME_OPTIONS, "DENY");
    res.header(PERMISSIONS_POLICY, "camera=(), microphone=(), geolocation=(), payment=()");
    res.header(OPENER_POLICY, "same-origin");
    if (req.isSecure()) {
      res.header(HSTS, "max-age=31536000");
    }
    chain.proceed();
  }
}
