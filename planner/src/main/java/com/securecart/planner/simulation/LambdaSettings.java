package com.securecart.planner.simulation;

/**
 * One Lambda function as the pipeline stack configures it.
 *
 * @param durationMs mean duration of a warm invocation
 * @param initMs the INIT phase of a new execution environment (a cold start; billed since August
 *     2025)
 * @param reservedConcurrency the function's reserved concurrency: its ceiling
 * @param idleSeconds how long an idle environment stays warm; AWS does not document it, so it is an
 *     assumption to vary
 */
public record LambdaSettings(
    double durationMs, double initMs, int reservedConcurrency, int memoryMiB, int idleSeconds) {

  public LambdaSettings {
    if (durationMs <= 0 || initMs < 0 || reservedConcurrency < 1 || memoryMiB < 128) {
      throw new IllegalArgumentException("need duration > 0, init >= 0, reserved >= 1, 128+ MiB");
    }
    if (idleSeconds < 1) {
      throw new IllegalArgumentException("idleSeconds must be at least 1");
    }
  }
}
