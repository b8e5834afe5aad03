package com.securecart.server.http;

import com.securecart.identity.IdentityApi;
import com.securecart.shared.DomainException;
import com.securecart.shared.Permission;
import com.securecart.shared.Principal;
import com.securecart.shared.ProblemType;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * Who is calling: the bearer token's principal, or a guest. A token that is present but unknown or
 * expired is a 401, not a silent guest, so that clients notice a lost session.
 */
public final class Authn {
  private final IdentityApi identity;

  public Authn(IdentityApi identity) {
    this.identity = identity;
  }

  public Optional<Principal> optional(ServerRequest req) {
    Optional<String> token = bearer(req);
    if (token.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(identity.authenticate(token.get()).orElseThrow(Authn::unauthenticated));
  }

  public Principal required(ServerRequest req) {
    return optional(req).orElseThrow(Authn::unauthenticated);
  }

  /** The caller if a staff member whose role grants {@code permission} (null: any staff). */
  public Principal staff(ServerRequest req, Permission permission) {
    Principal principal = required(req);
    if (!principal.isStaff() || (permission != null && !principal.may(permission))) {
      throw forbidden();
    }
    return principal;
  }

  public static DomainException forbidden() {
    return new DomainException(
        DomainException.Kind.FORBIDDEN,
        ProblemType.FORBIDDEN,
        "Forbidden",
        "This needs a staff account whose role allows it");
  }

  /** Refuses with step-up-required unless the bearer's session re-entered a code just now. */
  public void requireStepUp(ServerRequest req) {
    identity.requireStepUp(bearer(req).orElseThrow(Authn::unauthenticated));
  }

  public static Optional<String> bearer(ServerRequest req) {
    return req.headers()
        .first(HeaderNames.AUTHORIZATION)
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).strip())
        .filter(t -> !t.isEmpty());
  }

  private static DomainException unauthenticated() {
    return new DomainException(
        DomainException.Kind.UNAUTHENTICATED,
        ProblemType.UNAUTHENTICATED,
        "Unauthenticated",
        "A valid bearer token is required");
  }
}
