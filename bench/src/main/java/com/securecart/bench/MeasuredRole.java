package com.securecart.bench;

import com.securecart.planner.simulation.LatencyCurve;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One role's sweep, and what the planner's capacity file takes from it: the throughput one vCPU
 * gives at the highest step within the SLO (achieved / utilization there), and the curve of p99
 * against utilization over every step.
 *
 * @param steps kept in rising offered load
 */
record MeasuredRole(
    String role, double sloP99Ms, int startToReadySeconds, String source, List<StepResult> steps) {
  MeasuredRole {
    if (!RoleLoad.ROLES.contains(role)) {
      throw new IllegalArgumentException(RoleLoad.unknown(role));
    }
    if (!(sloP99Ms > 0) || startToReadySeconds < 0) {
      throw new IllegalArgumentException("needs sloP99Ms > 0 and startToReadySeconds >= 0");
    }
    steps =
        steps.stream().sorted(Comparator.comparingDouble(StepResult::offeredPerSecond)).toList();
  }

  /** The step of the highest offered load that met the SLO with a known utilization. */
  StepResult best() {
    StepController slo = new StepController(sloP99Ms, 2, 1);
    return steps.stream()
        .filter(slo::withinSlo)
        .filter(s -> s.utilization() > 0)
        .max(Comparator.comparingDouble(StepResult::offeredPerSecond))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    role
                        + ": no step met the SLO with the server's CPU known; lower the start rate"
                        + " (--start-rate)"));
  }

  /** One vCPU's requests/s at 100% CPU, extrapolated from the best step. */
  double requestsPerSecondPerVcpu() {
    StepResult best = best();
    return best.achievedPerSecond() / Math.min(1, best.utilization());
  }

  /**
   * The [utilization, p99] points, one per step, with utilization as the planner reads it: offered
   * load over the role's capacity ({@link #requestsPerSecondPerVcpu()}), since the planner looks
   * the curve up at demand / capacity. At the best step this is its measured CPU utilization
   * (within the 5% an achieved rate may lag); elsewhere the measured CPU stays in the steps, where
   * JIT compilation and GC make it noisy at low load. Capped at 1 (load beyond capacity is shed,
   * not queued, in the planner), each p99 at least the one before (a lower p99 at a higher load is
   * noise, and the planner interpolates between points), and of the points capped at 1 the highest
   * p99 kept. Steps without a p99 are left out.
   */
  List<LatencyCurve.Point> curvePoints() {
    double capacity = requestsPerSecondPerVcpu();
    List<LatencyCurve.Point> points = new ArrayList<>();
    for (StepResult step : steps) {
      if (!(step.p99Ms() > 0)) {
        continue;
      }
      double utilization =
          Math.round(Math.min(1, step.offeredPerSecond() / capacity) * 1000) / 1000.0;
      double p99 = Math.round(step.p99Ms() * 10) / 10.0;
      if (!points.isEmpty()) {
        LatencyCurve.Point last = points.getLast();
        p99 = Math.max(p99, last.p99Ms());
        if (utilization <= last.utilization()) {
          points.set(points.size() - 1, new LatencyCurve.Point(last.utilization(), p99));
          continue;
        }
      }
      points.add(new LatencyCurve.Point(utilization, p99));
    }
    return points;
  }
}
