package com.securecart.server.web;

import com.securecart.shared.CartId;
import com.securecart.shared.Principal;
import java.util.Optional;

/**
 * Who is behind a browser request: the signed-in account (if the session cookie is valid), the cart
 * cookie, and the per-browser nonce the CSRF token is derived from.
 *
 * @param sessionToken the opaque session token from the cookie, null for a guest
 * @param nonce a random value kept in its own HttpOnly cookie; {@code newNonce} if made now
 * @param staleSession a session cookie was sent that no longer names a session
 * @param secure the request came over TLS (directly or per {@code X-Forwarded-Proto})
 */
public record Browser(
    Optional<Principal> principal,
    String sessionToken,
    String nonce,
    boolean newNonce,
    boolean staleSession,
    boolean secure,
    Optional<CartId> cart,
    String csrf) {

  public boolean signedIn() {
    return principal.isPresent();
  }

  /** Whether a staff member (any staff role) is signed in. */
  public boolean staff() {
    return principal.map(Principal::isStaff).orElse(false);
  }

  @Override
  public String toString() {
    return "Browser[principal=" + principal + ", secure=" + secure + "]";
  }
}
