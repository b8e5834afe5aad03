package com.securecart.identity;

import java.time.Duration;

/**
 * How long sessions live: at most {@code ttl} after sign-in, and until {@code staffIdle} or {@code
 * customerIdle} pass without a request.
 */
public record SessionPolicy(Duration ttl, Duration staffIdle, Duration customerIdle) {
  /** A step-up re-authentication counts for this long. */
  public static final Duration STEP_UP_VALIDITY = Duration.ofMinutes(5);

  /** Last-seen is written at most this often, so that reads do not all become writes. */
  public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
}
