package com.securecart.planner.simulation;

import java.util.List;

/**
 * The two CloudWatch alarms AWS creates for each target tracking policy, on 1-minute datapoints:
 * the high alarm fires after 3 consecutive datapoints above the target, the low alarm after 15
 * consecutive datapoints below it. While an alarm stays in ALARM, Auto Scaling runs the policy
 * again every minute. The new capacity is proportional: the minute's mean in-service count times
 * datapoint over target.
 */
final class TargetTrackingAlarms {
  static final int SCALE_OUT_DATAPOINTS = 3;
  static final int SCALE_IN_DATAPOINTS = 15;

  /**
   * The low alarm's threshold as a share of the target. AWS documents only that capacity is removed
   * once the metric is "usually 10% or more" below the target; 90% is that documented edge.
   */
  static final double SCALE_IN_SHARE = 0.9;

  private final List<TrackingTarget> targets;
  private final int[] high;
  private final int[] low;

  TargetTrackingAlarms(List<TrackingTarget> targets) {
    this.targets = targets;
    this.high = new int[targets.size()];
    this.low = new int[targets.size()];
  }

  /** What the policies want after one minute's datapoint. */
  sealed interface Decision {}

  record ScaleOut(int capacity) implements Decision {}

  record ScaleIn(int capacity) implements Decision {}

  record Hold() implements Decision {}

  Decision evaluate(double meanOfferedRps, double meanUtilization, double meanInService) {
    int outTo = 0;
    int inTo = 0;
    boolean allLow = true;
    for (int i = 0; i < targets.size(); i++) {
      TrackingTarget target = targets.get(i);
      double datapoint = target.datapoint(meanOfferedRps, meanUtilization, meanInService);
      high[i] = datapoint > target.value() ? high[i] + 1 : 0;
      low[i] = datapoint < SCALE_IN_SHARE * target.value() ? low[i] + 1 : 0;
      int proportional = (int) Math.ceil(meanInService * datapoint / target.value() - 1e-9);
      if (high[i] >= SCALE_OUT_DATAPOINTS) {
        outTo = Math.max(outTo, proportional);
      }
      allLow &= low[i] >= SCALE_IN_DATAPOINTS;
      inTo = Math.max(inTo, proportional);
    }
    if (outTo > 0) {
      return new ScaleOut(outTo);
    }
    return allLow ? new ScaleIn(inTo) : new Hold();
  }
}
