package com.securecart.bench;

import com.securecart.planner.simulation.LatencyCurve;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

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

  /**
   * The server's CPU share at which a stop counts as the CPU's: below it, something else (the
   * admission controller's concurrency limit, a pause, the database) ended the sweep.
   */
  static final double CPU_BOUND = 0.85;

  /**
   * The lowest step beyond the best that was outside the SLO: what ended the sweep (empty when it
   * ran out of steps).
   */
  Optional<StepResult> stop() {
    StepController slo = new StepController(sloP99Ms, 2, 1);
    double bestRate = best().offeredPerSecond();
    return steps.stream()
        .filter(s -> s.offeredPerSecond() > bestRate && !slo.withinSlo(s))
        .min(Comparator.comparingDouble(StepResult::offeredPerSecond));
  }

  /**
   * Whether the CPU limits this role: the step that ended the sweep had the server's vCPU at least
   * {@link #CPU_BOUND} busy, or the sweep ran out of steps first.
   */
  boolean cpuBound() {
    return stop().map(s -> s.utilization() >= CPU_BOUND).orElse(true);
  }

  /**
   * One vCPU's requests/s. CPU-bound: at 100% CPU, extrapolated from the best step (achieved /
   * utilization). Otherwise the best step's achieved rate as it is: a role that sheds or slows at
   * 40% CPU will not serve twice as much at 80%, so extrapolating would promise capacity the sweep
   * saw fail.
   */
  double requestsPerSecondPerVcpu() {
    StepResult best = best();
    return cpuBound()
        ? best.achievedPerSecond() / Math.min(1, best.utilization())
        : best.achievedPerSecond();
  }

  /** What limits the role, for the capacity file's source and the terminal. */
  String limit() {
    return stop()
        .map(
            s ->
                cpuBound()
                    ? "CPU-bound: the next step failed at %.0f%% CPU; extrapolated to 100%%"
                        .formatted(100 * s.utilization())
                    : ("not CPU-bound: the next step failed at %.0f%% CPU (%s); capacity is the"
                            + " highest rate served within the SLO, not extrapolated")
                        .formatted(
                            100 * s.utilization(),
                            s.errorKinds().isEmpty()
                                ? "p99 %.1f ms".formatted(s.p99Ms())
                                : s.errorKinds()))
        .orElse("the sweep ran out of steps within the SLO; extrapolated to 100% CPU");
  }

  /**
   * The [utilization, p99] points, one per step, with utilization as the planner reads it: offered
   * load over the role's capacity ({@link #requestsPerSecondPerVcpu()}), since the planner looks
   * the curve up at served load / capacity. At the best step this is its measured CPU utilization
   * (within the 5% an achieved rate may lag); the measured CPU of every step stays in the steps,
   * where JIT compilation, GC and other processes make it noisy at low load.
   *
   * <p>The p99s are made monotone (a lower p99 at a higher load is noise: with a few hundred
   * requests a step, one slow request moves it) by isotonic regression, pool adjacent violators
   * weighted by each step's requests: a run of steps that falls is replaced by its weighted mean.
   * Unlike a running maximum, one early outlier does not lift the whole curve. Utilization is
   * capped at 1 (load beyond capacity is shed, not queued, in the planner); the points capped there
   * merge into one. Steps without a p99 are left out.
   */
  List<LatencyCurve.Point> curvePoints() {
    double capacity = requestsPerSecondPerVcpu();
    List<StepResult> known = steps.stream().filter(s -> s.p99Ms() > 0).toList();
    double[] fitted = isotonic(known);
    List<LatencyCurve.Point> points = new ArrayList<>();
    for (int i = 0; i < known.size(); i++) {
      double utilization =
          Math.round(Math.min(1, known.get(i).offeredPerSecond() / capacity) * 1000) / 1000.0;
      double p99 = Math.round(fitted[i] * 10) / 10.0;
      if (!points.isEmpty() && utilization <= points.getLast().utilization()) {
        points.set(points.size() - 1, new LatencyCurve.Point(points.getLast().utilization(), p99));
      } else {
        points.add(new LatencyCurve.Point(utilization, p99));
      }
    }
    return points;
  }

  /** Pool adjacent violators over the steps' p99s, weighted by requests (at least 1 each). */
  static double[] isotonic(List<StepResult> steps) {
    int n = steps.size();
    double[] mean = new double[n];
    double[] weight = new double[n];
    int[] length = new int[n];
    int blocks = 0;
    for (StepResult step : steps) {
      mean[blocks] = step.p99Ms();
      weight[blocks] = Math.max(1, step.requests());
      length[blocks] = 1;
      blocks++;
      while (blocks > 1 && mean[blocks - 2] > mean[blocks - 1]) {
        double w = weight[blocks - 2] + weight[blocks - 1];
        mean[blocks - 2] =
            (mean[blocks - 2] * weight[blocks - 2] + mean[blocks - 1] * weight[blocks - 1]) / w;
        weight[blocks - 2] = w;
        length[blocks - 2] += length[blocks - 1];
        blocks--;
      }
    }
    double[] fitted = new double[n];
    int at = 0;
    for (int b = 0; b < blocks; b++) {
      for (int k = 0; k < length[b]; k++) {
        fitted[at++] = mean[b];
      }
    }
    return fitted;
  }
}
