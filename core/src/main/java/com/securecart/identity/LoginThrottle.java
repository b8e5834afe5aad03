package com.securecart.identity;

import com.securecart.shared.Hashing;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Failed sign-ins per e-mail with a growing back-off (issue 15 item 4, docs/accounts.md): the first
 * {@link #FREE_FAILURES} cost nothing, then each failure locks the e-mail for 1 second, doubling up
 * to {@link #MAX_LOCK}; a success clears the count. The key is the digest of the normalised e-mail,
 * known or not, so a lock never tells whether an account exists. While locked, the password is not
 * even checked: guesses made then teach nothing.
 */
final class LoginThrottle {
  static final int FREE_FAILURES = 5;
  static final Duration FIRST_LOCK = Duration.ofSeconds(1);
  static final Duration MAX_LOCK = Duration.ofMinutes(15);

  /** A count whose last failure is older than this starts again. */
  static final Duration FORGET_AFTER = Duration.ofHours(24);

  private final LoginFailureRepository failures;
  private final Clock clock;

  LoginThrottle(LoginFailureRepository failures, Clock clock) {
    this.failures = failures;
    this.clock = clock;
  }

  /** Throws {@link AccountLockedException} while the e-mail is locked. */
  void check(String normalisedEmail) {
    Instant now = clock.instant();
    Optional<Instant> until = failures.lockedUntil(key(normalisedEmail));
    if (until.isPresent() && until.get().isAfter(now)) {
      throw new AccountLockedException(Duration.between(now, until.get()));
    }
  }

  void failed(String normalisedEmail) {
    String key = key(normalisedEmail);
    Instant now = clock.instant();
    int count = failures.recordFailure(key, now, now.minus(FORGET_AFTER));
    Duration lock = lockAfter(count);
    if (!lock.isZero()) {
      failures.lock(key, now.plus(lock));
    }
  }

  void succeeded(String normalisedEmail) {
    failures.clear(key(normalisedEmail));
  }

  /** Forgets the counts that would start again anyway: unknown e-mails sprayed by a bot, too. */
  int purge() {
    Instant now = clock.instant();
    return failures.deleteQuiet(now.minus(FORGET_AFTER), now);
  }

  /** No lock for the first {@link #FREE_FAILURES}, then 1 s, 2 s, 4 s ... up to 15 minutes. */
  static Duration lockAfter(int failureCount) {
    int over = failureCount - FREE_FAILURES;
    if (over <= 0) {
      return Duration.ZERO;
    }
    if (over > 20) {
      return MAX_LOCK;
    }
    Duration lock = FIRST_LOCK.multipliedBy(1L << (over - 1));
    return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
  }

  private static String key(String normalisedEmail) {
    return Hashing.sha256Hex("login|" + normalisedEmail);
  }
}
