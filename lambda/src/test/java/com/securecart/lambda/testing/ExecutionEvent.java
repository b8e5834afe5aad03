package com.securecart.lambda.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the interpreter's execution event log ({@code ExecutionStarted}, {@code
 * StateEntered}, {@code StateExited}, {@code StateFailed}, {@code StateRetried}, {@code
 * StateCaught}, {@code ExecutionSucceeded}, {@code ExecutionFailed}, ...).
 *
 * @param type the event type as the package names it
 * @param at when the interpreter logged it
 * @param stateName the state's name; {@code null} for execution-level events
 * @param stateType the state's {@code Type}; {@code null} for execution-level events
 * @param error for {@code StateFailed} and {@code ExecutionFailed}: the error name (for a Task, the
 *     Lambda {@code errorType})
 * @param cause for {@code StateFailed} and {@code ExecutionFailed}: the cause, as JSON text for a
 *     Task error ({@code {"errorType","errorMessage","stackTrace"}}) or plain text
 * @param retry for {@code StateRetried}: which retrier, which attempt, and the pause before it
 * @param raw the event as the package logged it
 */
public record ExecutionEvent(
    String type,
    Instant at,
    String stateName,
    String stateType,
    String error,
    String cause,
    Retry retry,
    JsonNode raw) {

  public boolean is(String type, String stateName) {
    return this.type.equals(type) && stateName.equals(this.stateName);
  }

  public Optional<Retry> retryInfo() {
    return Optional.ofNullable(retry);
  }

  /**
   * A retry of a failed state.
   *
   * @param attempt 1 for the first retry
   * @param retrier the {@code Retry} entry that matched
   * @param measuredPause the time between the state's failure and its retry, on the interpreter's
   *     clock
   * @param scheduledPause the pause the interpreter chose (with {@code JitterStrategy FULL} a
   *     random value in [0, {@link Retrier#nominalPause(int)}]); empty when the runner could not
   *     observe it
   */
  public record Retry(
      int attempt, Retrier retrier, Duration measuredPause, Optional<Duration> scheduledPause) {}

  /**
   * A {@code Retry} entry of the definition, with the States Language defaults filled in (interval
   * 1 s, backoff 2.0, 3 attempts, no jitter, no cap).
   */
  public record Retrier(
      List<String> errorEquals,
      double intervalSeconds,
      double backoffRate,
      int maxAttempts,
      Optional<Double> maxDelaySeconds,
      String jitterStrategy) {

    /**
     * The pause the definition gives before retry {@code attempt} (1-based) without jitter:
     * IntervalSeconds × BackoffRate^(attempt-1), capped at MaxDelaySeconds. With {@code FULL}
     * jitter the actual pause is a random value between 0 and this.
     */
    public Duration nominalPause(int attempt) {
      double seconds = intervalSeconds * Math.pow(backoffRate, attempt - 1);
      if (maxDelaySeconds.isPresent()) {
        seconds = Math.min(seconds, maxDelaySeconds.get());
      }
      return Duration.ofMillis(Math.round(seconds * 1000));
    }

    static Retrier from(JsonNode node) {
      Optional<Double> cap =
          node.hasNonNull("MaxDelaySeconds")
              ? Optional.of(node.get("MaxDelaySeconds").asDouble())
              : Optional.empty();
      List<String> errors = new java.util.ArrayList<>();
      node.path("ErrorEquals").forEach(error -> errors.add(error.asText()));
      return new Retrier(
          List.copyOf(errors),
          node.path("IntervalSeconds").asDouble(1),
          node.path("BackoffRate").asDouble(2.0),
          node.path("MaxAttempts").asInt(3),
          cap,
          node.path("JitterStrategy").asText("NONE"));
    }
  }
}
