package com.securecart.planner.simulation;

/**
 * One target tracking policy's metric and target value, as the CDK app sets it.
 *
 * @param value CPU percent for {@link Metric#CPU_PERCENT}; requests per target per minute (the ALB
 *     metric's unit, as in securecart.json's requestsPerTarget) for {@link
 *     Metric#REQUESTS_PER_TARGET}
 */
public record TrackingTarget(Metric metric, double value) {

  public enum Metric {
    CPU_PERCENT,
    REQUESTS_PER_TARGET
  }

  public TrackingTarget {
    if (value <= 0 || (metric == Metric.CPU_PERCENT && value > 100)) {
      throw new IllegalArgumentException("a target must be positive (and at most 100 for CPU)");
    }
  }

  public static TrackingTarget cpu(double percent) {
    return new TrackingTarget(Metric.CPU_PERCENT, percent);
  }

  public static TrackingTarget requestsPerTarget(double perMinute) {
    return new TrackingTarget(Metric.REQUESTS_PER_TARGET, perMinute);
  }

  /** The load one instance carries when the metric sits exactly on the target. */
  double perInstanceRps(double capacityRps) {
    return switch (metric) {
      case CPU_PERCENT -> capacityRps * value / 100;
      case REQUESTS_PER_TARGET -> value / 60;
    };
  }

  /**
   * The metric's datapoint for one minute: CPU is the mean utilization, which saturates at 100%
   * however much is offered, while the ALB counts every request that reaches a target, served or
   * shed, over the mean number of targets.
   */
  double datapoint(double meanOfferedRps, double meanUtilization, double meanInService) {
    return switch (metric) {
      case CPU_PERCENT -> 100 * meanUtilization;
      case REQUESTS_PER_TARGET -> meanOfferedRps * 60 / meanInService;
    };
  }
}
