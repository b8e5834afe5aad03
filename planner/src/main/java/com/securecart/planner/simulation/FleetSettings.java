package com.securecart.planner.simulation;

import java.util.Arrays;
import java.util.List;

/**
 * One tier's scaling as the CDK app configures it: an EC2 Auto Scaling group or an ECS service on
 * Fargate (which has no warm pool, predictive scaling or scheduled actions here, but may use Spot).
 *
 * @param capacityRps requests per second one instance serves at 100% CPU (the load sweep's
 *     throughput per vCPU times the instance's vCPUs; see {@link #capacityRps(double, int)})
 * @param targets the target tracking policies; with several, any one scales out and all must agree
 *     to scale in (AWS's rule for several policies on one group)
 * @param warmPoolSize stopped instances kept ready (EC2 only; AWS allows none with Spot)
 * @param predictive null: no predictive scaling policy
 * @param spot null: On-Demand only
 * @param sloP99Ms the p99 the tier's SLO allows (docs/operations.md)
 */
public record FleetSettings(
    int min,
    int max,
    double capacityRps,
    List<TrackingTarget> targets,
    LaunchTimes launch,
    int warmPoolSize,
    Predictive predictive,
    List<ScheduledAction> scheduled,
    Spot spot,
    LatencyCurve latency,
    double sloP99Ms) {

  /**
   * Predictive scaling in ForecastAndScale mode.
   *
   * @param bufferSeconds the policy's SchedulingBufferTime: capacity for an hour is launched this
   *     long before the hour starts
   * @param target the load one instance should carry, as the policy's metric pair target
   * @param history the offered load per second over the days before the simulation (whole days,
   *     starting at midnight; the simulation's second 0 follows its last second)
   */
  public record Predictive(int bufferSeconds, TrackingTarget target, double[] history) {
    public Predictive {
      if (bufferSeconds < 0 || bufferSeconds > 3600) {
        throw new IllegalArgumentException("SchedulingBufferTime is 0 to 3600 seconds");
      }
      if (history.length % PredictiveForecast.DAY != 0) {
        throw new IllegalArgumentException("the history must cover whole days");
      }
      history = history.clone();
    }

    @Override
    public double[] history() {
      return history.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Predictive p
          && p.bufferSeconds == bufferSeconds
          && p.target.equals(target)
          && Arrays.equals(p.history, history);
    }

    @Override
    public int hashCode() {
      return 31 * (31 * bufferSeconds + target.hashCode()) + Arrays.hashCode(history);
    }

    @Override
    public String toString() {
      return "Predictive[bufferSeconds=%d, target=%s, %d days of history]"
          .formatted(bufferSeconds, target, history.length / PredictiveForecast.DAY);
    }
  }

  /**
   * A one-time scheduled action: a sale's raise ({@code saleLeadMinutes} before it starts) or its
   * restore (only the minimum comes down; desired is left to target tracking).
   *
   * @param desired null: leave the desired capacity to the policies (raised to min if below)
   */
  public record ScheduledAction(int atSecond, int min, Integer desired) {}

  /**
   * The capacity provider strategy: {@code onDemandBase} tasks on FARGATE, the rest split FARGATE
   * (weight 1) to FARGATE_SPOT ({@code spotWeight}), as FargateTier sets it.
   *
   * @param interruptions notices at given seconds (a test's scenario)
   * @param reclaimedPerHour besides those, the fraction of the Spot capacity in service reclaimed
   *     per hour: at each minute boundary each Spot unit in service gets a notice with probability
   *     {@code 1 - exp(-reclaimedPerHour / 60)}, drawn from {@code seed}, so a run is repeatable
   */
  public record Spot(
      int onDemandBase,
      int spotWeight,
      List<SpotInterruption> interruptions,
      double reclaimedPerHour,
      long seed) {
    public Spot {
      interruptions = List.copyOf(interruptions);
      if (!(reclaimedPerHour >= 0) || !Double.isFinite(reclaimedPerHour)) {
        throw new IllegalArgumentException(
            "Spot reclaimed per hour must be 0 or more, got " + reclaimedPerHour);
      }
    }

    /** Only the given notices, no random reclaims. */
    public Spot(int onDemandBase, int spotWeight, List<SpotInterruption> interruptions) {
      this(onDemandBase, spotWeight, interruptions, 0, 0);
    }

    /** The chance that one Spot unit gets a notice within one minute. */
    double perMinute() {
      return 1 - Math.exp(-reclaimedPerHour / 60);
    }
  }

  /** At {@code atSecond}, {@code tasks} Spot tasks get the two-minute notice. */
  public record SpotInterruption(int atSecond, int tasks) {}

  public FleetSettings {
    if (min < 1 || max < min) {
      throw new IllegalArgumentException("need 1 <= min <= max, got " + min + ".." + max);
    }
    if (capacityRps <= 0 || targets.isEmpty()) {
      throw new IllegalArgumentException("need a positive capacity and at least one target");
    }
    if (warmPoolSize > 0 && spot != null) {
      throw new IllegalArgumentException("AWS allows no warm pool on a group with Spot");
    }
    targets = List.copyOf(targets);
    scheduled = List.copyOf(scheduled);
  }

  /** A tier with target tracking only: no warm pool, predictive, scheduled actions or Spot. */
  public static FleetSettings reactive(
      int min,
      int max,
      double capacityRps,
      List<TrackingTarget> targets,
      LaunchTimes launch,
      LatencyCurve latency,
      double sloP99Ms) {
    return new FleetSettings(
        min, max, capacityRps, targets, launch, 0, null, List.of(), null, latency, sloP99Ms);
  }

  /** Capacity of one instance from the sweep's throughput per vCPU. */
  public static double capacityRps(double rpsPerVcpu, int vcpus) {
    return rpsPerVcpu * vcpus;
  }
}
