package com.securecart.identity;

import java.util.Optional;

/**
 * The first step of a staff sign-in on the pages: the password was right, a code is needed. The
 * token names this half-finished sign-in for a few minutes and is no session. An account without
 * TOTP yet gets its enrolment: the secret and the otpauth:// URI to scan, shown until confirmed.
 */
public record StaffChallenge(String token, Optional<Enrolment> enrolment) {
  /** The secret to add to an authenticator app, as text and as an otpauth:// URI. */
  public record Enrolment(String secret, String uri) {
    @Override
    public String toString() {
      return "Enrolment[***]";
    }
  }

  @Override
  public String toString() {
    return "StaffChallenge[token=***, enrolling=" + enrolment.isPresent() + "]";
  }
}
