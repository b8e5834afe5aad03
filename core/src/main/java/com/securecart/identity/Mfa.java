package com.securecart.identity;

import com.securecart.shared.CustomerId;
import com.securecart.shared.DomainException;
import com.securecart.shared.Hashing;
import com.securecart.shared.Ids;
import com.securecart.shared.ProblemType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Checks a staff member's second factor: a TOTP code whose time step was not used before, or an
 * unused recovery code. Wrong codes are counted in the database, so every instance sees them, and
 * lock the factor for a while after a few (the password alone never admits staff).
 */
final class Mfa {
  static final int MAX_FAILURES = 5;
  static final Duration LOCK = Duration.ofMinutes(15);
  static final int RECOVERY_CODES = 10;

  private final StaffRepository staff;
  private final Totp totp;
  private final Clock clock;

  Mfa(StaffRepository staff, OneTimeCodes codes, Clock clock) {
    this.staff = staff;
    this.totp = new Totp(codes);
    this.clock = clock;
  }

  boolean enrolled(CustomerId id) {
    return staff.mfa(id).map(StaffMfa::enrolled).orElse(false);
  }

  /** Verifies a code for an enrolled account, or throws (mfa-required, mfa-locked, invalid). */
  void verify(CustomerId id, String code) {
    StaffMfa state =
        staff
            .mfa(id)
            .filter(StaffMfa::enrolled)
            .orElseThrow(
                () -> mfaRequired("This staff account must enrol TOTP first: sign in at /admin"));
    Instant now = clock.instant();
    refuseIfLocked(state, now);
    if (code == null || code.isBlank()) {
      throw mfaRequired("Staff accounts need the current one-time code (totp)");
    }
    boolean ok;
    if (Totp.looksLikeCode(code)) {
      OptionalLong step = totp.match(state.secret(), code, now);
      ok = step.isPresent() && staff.acceptStep(id, step.getAsLong());
    } else {
      ok = staff.useRecoveryCode(id, recoveryHash(code), now);
      if (ok) {
        staff.clearFailures(id);
      }
    }
    if (!ok) {
      fail(id, now);
    }
  }

  /** A pending secret for an account that has none enrolled: the one stored, or a new one. */
  String pendingSecret(CustomerId id) {
    Optional<StaffMfa> state = staff.mfa(id);
    if (state.isPresent() && !state.get().enrolled()) {
      return state.get().secret();
    }
    String secret = Totp.newSecret();
    staff.setSecret(id, secret, false);
    return secret;
  }

  /** Confirms enrolment with a code of the pending secret; returns the new recovery codes. */
  List<String> confirmEnrolment(CustomerId id, String code) {
    StaffMfa state = staff.mfa(id).orElseThrow(Mfa::invalidCode);
    Instant now = clock.instant();
    refuseIfLocked(state, now);
    OptionalLong step = totp.match(state.secret(), code, now);
    if (step.isEmpty() || !staff.acceptStep(id, step.getAsLong())) {
      fail(id, now);
    }
    staff.setSecret(id, state.secret(), true);
    return newRecoveryCodes(id);
  }

  /** Replaces an account's recovery codes with ten new ones, returned once in plain text. */
  List<String> newRecoveryCodes(CustomerId id) {
    List<String> codes = new ArrayList<>();
    List<String> hashes = new ArrayList<>();
    for (int i = 0; i < RECOVERY_CODES; i++) {
      String raw = Ids.randomToken(9).toLowerCase(Locale.ROOT).replace("-", "x").replace("_", "y");
      String code = raw.substring(0, 6) + "-" + raw.substring(6, 12);
      codes.add(code);
      hashes.add(recoveryHash(code));
    }
    staff.replaceRecoveryCodes(id, hashes);
    return List.copyOf(codes);
  }

  private void fail(CustomerId id, Instant now) {
    staff.recordFailure(id, MAX_FAILURES, now.plus(LOCK));
    throw invalidCode();
  }

  private static void refuseIfLocked(StaffMfa state, Instant now) {
    if (state.lockedUntil() != null && now.isBefore(state.lockedUntil())) {
      throw new DomainException(
          DomainException.Kind.TOO_MANY_REQUESTS,
          ProblemType.MFA_LOCKED,
          "Too many wrong codes",
          "Too many wrong one-time codes; try again later");
    }
  }

  /** Recovery codes are random (60 bits), so a fast hash is enough; case and spaces are ignored. */
  static String recoveryHash(String code) {
    return Hashing.sha256Hex(
        "recovery|" + code.strip().toLowerCase(Locale.ROOT).replace(" ", "").replace("-", ""));
  }

  static DomainException mfaRequired(String detail) {
    return new DomainException(
        DomainException.Kind.UNAUTHENTICATED, ProblemType.MFA_REQUIRED, "MFA required", detail);
  }

  static DomainException invalidCode() {
    return new MfaFailedException();
  }
}
