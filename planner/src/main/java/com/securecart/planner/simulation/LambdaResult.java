package com.securecart.planner.simulation;

/**
 * A function's simulation over a profile.
 *
 * @param invocations requests that ran (throttled ones excluded)
 * @param throttled requests refused because the reserved concurrency was reached
 * @param coldStarts new execution environments started
 * @param gbSeconds billed duration (warm durations plus INIT phases) times memory
 */
public record LambdaResult(
    double invocations, double throttled, long coldStarts, double gbSeconds, int peakConcurrency) {}
