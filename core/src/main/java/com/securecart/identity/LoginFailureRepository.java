package com.securecart.identity;

import java.time.Instant;
import java.util.Optional;

/**
 * Port to the failed sign-in counts, keyed by the SHA-256 of the normalised e-mail. In the
 * database, so that every instance sees the same count (issue 15 item 4): n instances do not give n
 * times the guesses.
 */
public interface LoginFailureRepository {
  /** Until when this key is locked, if it is. */
  Optional<Instant> lockedUntil(String key);

  /**
   * Counts one more failure atomically and returns the new count. A count whose last failure is
   * before {@code forgetBefore} starts again at one.
   */
  int recordFailure(String key, Instant now, Instant forgetBefore);

  void lock(String key, Instant until);

  void clear(String key);

  /**
   * Deletes the counts whose last failure is before {@code quietSince} and that are not locked at
   * {@code now} (they would start again anyway); returns how many.
   */
  int deleteQuiet(Instant quietSince, Instant now);
}
