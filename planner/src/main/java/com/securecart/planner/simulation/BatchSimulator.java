package com.securecart.planner.simulation;

import java.util.function.DoubleSupplier;
import java.util.random.RandomGenerator;

/**
 * A Batch job on Spot: each attempt runs until it finishes or its instance is reclaimed; the retry
 * strategy runs it again on a reclaim until the attempts are spent.
 */
public final class BatchSimulator {
  private BatchSimulator() {}

  /**
   * @param succeeded false when every attempt was reclaimed
   * @param finishHours from submission to success or to the last failure
   * @param billedVcpuHours instance time paid for, reclaimed attempts included
   */
  public record Outcome(
      boolean succeeded, int attemptsUsed, double finishHours, double billedVcpuHours) {}

  /**
   * @param hoursToInterruption each call gives how long the next attempt's instance lives
   */
  public static Outcome run(BatchJob job, DoubleSupplier hoursToInterruption) {
    double elapsed = 0;
    double billed = 0;
    for (int attempt = 1; attempt <= job.attempts(); attempt++) {
      double lives = hoursToInterruption.getAsDouble();
      double ran = Math.min(lives, job.runHours());
      elapsed += job.startupHours() + ran;
      billed += (job.startupHours() + ran) * job.vcpus();
      if (lives >= job.runHours()) {
        return new Outcome(true, attempt, elapsed, billed);
      }
    }
    return new Outcome(false, job.attempts(), elapsed, billed);
  }

  /** Reclaims as a Poisson process: exponential lifetimes at the given rate. */
  public static DoubleSupplier interruptionsPerHour(double rate, RandomGenerator random) {
    if (rate <= 0) {
      return () -> Double.POSITIVE_INFINITY;
    }
    return () -> -Math.log(1 - random.nextDouble()) / rate;
  }
}
