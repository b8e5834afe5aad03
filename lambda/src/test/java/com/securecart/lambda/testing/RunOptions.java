package com.securecart.lambda.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How one local execution runs.
 *
 * @param timeout the whole execution's bound: the interpreter aborts the execution then (status
 *     {@code TIMED_OUT}), and the Node process is killed a few seconds later if it has not ended by
 *     itself
 * @param retryPauses per state name, the pause before every retry of that state, replacing what
 *     {@code IntervalSeconds}, {@code BackoffRate}, {@code MaxDelaySeconds} and {@code
 *     JitterStrategy} give (the package's {@code retryIntervalOverrides}); states not named keep
 *     the definition's backoff
 * @param checkPaths whether the interpreter validates JSONPaths
 * @param checkArn whether the interpreter validates the ARNs of Task resources
 */
public record RunOptions(
    Duration timeout, Map<String, Duration> retryPauses, boolean checkPaths, boolean checkArn) {

  public RunOptions {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    retryPauses = Map.copyOf(retryPauses);
    retryPauses
        .values()
        .forEach(
            pause -> {
              if (pause.isNegative()) {
                throw new IllegalArgumentException("a retry pause must not be negative: " + pause);
              }
            });
  }

  /** 60 s, the definition's own retry backoff, full validation. */
  public static RunOptions defaults() {
    return new RunOptions(Duration.ofSeconds(60), Map.of(), true, true);
  }

  public RunOptions withTimeout(Duration timeout) {
    return new RunOptions(timeout, retryPauses, checkPaths, checkArn);
  }

  /** Every retry of {@code state} pauses {@code pause} instead of the definition's backoff. */
  public RunOptions withRetryPause(String state, Duration pause) {
    Map<String, Duration> next = new LinkedHashMap<>(retryPauses);
    next.put(state, pause);
    return new RunOptions(timeout, next, checkPaths, checkArn);
  }

  public RunOptions withValidation(boolean checkPaths, boolean checkArn) {
    return new RunOptions(timeout, retryPauses, checkPaths, checkArn);
  }

  Map<String, Long> retryIntervalOverridesMillis() {
    Map<String, Long> out = new LinkedHashMap<>();
    retryPauses.forEach((state, pause) -> out.put(state, pause.toMillis()));
    return out;
  }
}
