package com.securecart.planner.simulation;

/**
 * The nightly analytics job on Batch Spot.
 *
 * @param vcpuHours the work, which does not checkpoint: a reclaimed attempt starts over
 * @param attempts the job definition's retry attempts (securecart.json batch.attempts)
 * @param startupHours scheduling, instance start and image pull before each attempt runs
 */
public record BatchJob(double vcpuHours, int vcpus, int attempts, double startupHours) {
  public BatchJob {
    if (vcpuHours <= 0 || vcpus < 1 || attempts < 1 || attempts > 10 || startupHours < 0) {
      throw new IllegalArgumentException(
          "need work > 0, vcpus >= 1, 1..10 attempts (Batch's range)");
    }
  }

  double runHours() {
    return vcpuHours / vcpus;
  }
}
