package com.securecart.bench;

/**
 * One step of the capacity sweep: what was offered, what the server got through, at what CPU, and
 * how long the requests took from their scheduled start.
 *
 * @param offeredPerSecond the arrival rate the pacer kept to
 * @param achievedPerSecond successful answers completed inside the measured window, per second
 * @param utilization the server's CPU time over the window divided by its length (its one vCPU; NaN
 *     if it could not be read)
 * @param p50Ms median latency from the scheduled start, of the requests scheduled in the window
 * @param p99Ms 99th percentile of the same
 * @param requests requests scheduled in the window
 * @param errors of those, the ones that failed, timed out or were never sent
 * @param errorKinds the errors by kind, e.g. {@code 503 overloaded x12}, or {@code none}
 */
record StepResult(
    double offeredPerSecond,
    double achievedPerSecond,
    double utilization,
    double p50Ms,
    double p99Ms,
    long requests,
    long errors,
    String errorKinds) {
  StepResult {
    if (!(offeredPerSecond > 0) || achievedPerSecond < 0 || requests < 0 || errors < 0) {
      throw new IllegalArgumentException(
          "a step needs offered > 0, achieved >= 0 and counts >= 0, got offered "
              + offeredPerSecond
              + ", achieved "
              + achievedPerSecond);
    }
    java.util.Objects.requireNonNull(errorKinds, "errorKinds");
    if (errors > requests) {
      throw new IllegalArgumentException("errors " + errors + " > requests " + requests);
    }
  }

  /** Errors as a share of the requests scheduled in the window (1 when there were none). */
  double errorRate() {
    return requests == 0 ? 1 : (double) errors / requests;
  }
}
