package com.securecart.planner.simulation;

import java.util.Arrays;
import java.util.List;

/** Test tiers and profiles: 100 requests/s per instance at 100% CPU, 60 per instance at target. */
final class Tiers {
  static final double CAPACITY = 100;

  /** ALBRequestCountPerTarget of 3,600 a minute: 60 requests/s per instance. */
  static final TrackingTarget REQUESTS = TrackingTarget.requestsPerTarget(3600);

  /** Cold: 120 + 20 + 20 = 160 s; from the warm pool: 30 + 20 + 20 = 70 s. */
  static final LaunchTimes EC2 = new LaunchTimes(120, 30, 20, 20, 180);

  static final LatencyCurve CURVE = LatencyCurve.of(0, 40, 0.6, 60, 0.8, 120, 1.0, 900);

  private Tiers() {}

  static FleetSettings checkout() {
    return FleetSettings.reactive(2, 24, CAPACITY, List.of(REQUESTS), EC2, CURVE, 500);
  }

  /** The checkout group with what the reactive one lacks. */
  static FleetSettings checkout(
      int warmPool,
      FleetSettings.Predictive predictive,
      List<FleetSettings.ScheduledAction> scheduled) {
    return new FleetSettings(
        2, 24, CAPACITY, List.of(REQUESTS), EC2, warmPool, predictive, scheduled, null, CURVE, 500);
  }

  /** {@code rps} for {@code seconds}, then the next pair, and so on. */
  static double[] steps(double... rpsThenSeconds) {
    int total = 0;
    for (int i = 1; i < rpsThenSeconds.length; i += 2) {
      total += (int) rpsThenSeconds[i];
    }
    double[] load = new double[total];
    int at = 0;
    for (int i = 0; i < rpsThenSeconds.length; i += 2) {
      int seconds = (int) rpsThenSeconds[i + 1];
      Arrays.fill(load, at, at + seconds, rpsThenSeconds[i]);
      at += seconds;
    }
    return load;
  }

  /** {@code days} days at {@code base} requests/s, {@code peak} from 12:00 to 13:00 each day. */
  static double[] dailyNoonPeak(int days, double base, double peak) {
    double[] load = new double[days * 86_400];
    Arrays.fill(load, base);
    for (int d = 0; d < days; d++) {
      Arrays.fill(load, d * 86_400 + 12 * 3600, d * 86_400 + 13 * 3600, peak);
    }
    return load;
  }
}
