package com.securecart.identity;

import java.time.Instant;

/**
 * A staff account's second factor as stored: the base32 TOTP secret (never shown again once
 * enrolled), whether enrolment was confirmed with a code, the last time step accepted (a code of
 * that step or an earlier one is a replay), and the count of wrong codes since the last right one.
 */
public record StaffMfa(
    String secret, boolean enrolled, long lastStep, int failures, Instant lockedUntil) {
  @Override
  public String toString() {
    return "StaffMfa[enrolled=" + enrolled + ", failures=" + failures + "]";
  }
}
