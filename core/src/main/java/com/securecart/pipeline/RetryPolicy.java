package com.securecart.pipeline;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Capped exponential backoff with jitter: attempt n waits between half and all of min(cap, base *
 * 2^(n-1)), so that retries of many events after an outage spread out instead of arriving together.
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {
  public RetryPolicy {
    if (maxAttempts < 1 || base.isNegative() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("maxAttempts >= 1 and 0 <= base <= cap");
    }
  }

  public static RetryPolicy standard() {
    return new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(30));
  }

  boolean exhausted(int attempts) {
    return attempts >= maxAttempts;
  }

  Duration delay(int attempt, RandomGenerator random) {
    int shift = Math.min(62, Math.max(0, attempt - 1));
    long baseMillis = base.toMillis();
    long ceiling = baseMillis > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : baseMillis << shift;
    long capped = Math.min(cap.toMillis(), ceiling);
    long half = capped / 2;
    return Duration.ofMillis(half + (capped - half == 0 ? 0 : random.nextLong(capped - half + 1)));
  }
}
