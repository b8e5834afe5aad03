package com.securecart.bench;

import com.securecart.planner.plan.Capacity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Issue 18 item 5, overload measured fairly: one server on its own vCPU, the open-loop driver on
 * another. It measures, in one run, the unloaded p99 (a trickle), the peak (the most successful
 * answers per second over loads of 40% to 120% of the capacity file's figure) and then offers three
 * times that peak: goodput (successful answers per second) against the peak, and the p99 of the
 * admitted requests (those answered successfully) against the unloaded p99. {@code bench elastic}
 * runs it through HAProxy to one instance of a fleet.
 */
final class OverloadCheck {
  static final double[] WARM_UP_LOADS = {0.05, 0.1, 0.2, 0.3};
  // From below the capacity file's figure to above it: behind a load balancer on a shared CPU an
  // instance peaks well under the file's figure, and a peak read only from loads past saturation
  // would be the overload's own throughput.
  static final double[] PEAK_LOADS = {0.4, 0.5, 0.6, 0.8, 1.0, 1.2};
  static final double UNLOADED_LOAD = 0.05;
  static final double OVERLOAD = 3.0;
  static final double GOODPUT_GOAL = 0.9;
  static final double P99_GOAL = 3.0;

  private OverloadCheck() {}

  static void run(String[] args) throws Exception {
    Options o =
        CapacityBench.Target.declare(Options.of("capacity bench overload"))
            .option("--capacity", null);
    CapacityBench.Target t = o.orExit(() -> CapacityBench.Target.read(o.parse(args)));
    Path file = o.path("--capacity");
    if (!Files.isRegularFile(file)) {
      throw o.exit(new Options.UsageException("--capacity " + file + ": no such file"));
    }
    double capacity;
    try {
      capacity = Capacity.read(file).role(t.role()).requestsPerSecondPerVcpu();
    } catch (IOException | IllegalArgumentException e) {
      throw o.exit(new Options.UsageException("--capacity: " + e.getMessage()));
    }
    OpenLoop.Call call = RoleLoad.prepare(t.role(), t.shop(), t.products());
    OpenLoop loop = new OpenLoop(20_000);
    System.out.printf(
        Locale.ROOT,
        "overload %s: capacity file %.1f/s per vCPU (%s); each load %d s warm-up + %d s measured%n",
        t.role(),
        capacity,
        file,
        t.warmup().toSeconds(),
        t.measured().toSeconds());
    // A fresh JVM on one vCPU compiles as it serves: ramp up gently, as the sweep does, before
    // anything is measured.
    for (double load : WARM_UP_LOADS) {
      loop.step(load * capacity, t.warmup(), t.measured(), call, () -> -1);
    }
    System.out.println(
        "load        offered/s  achieved/s   cpu %  p99 ms  admitted p99 ms  errors  driver cpu %");
    OpenLoop.Measured unloaded = measure(loop, "unloaded", UNLOADED_LOAD * capacity, t, call);
    double peak = 0;
    for (double load : PEAK_LOADS) {
      OpenLoop.Measured m =
          measure(loop, String.format(Locale.ROOT, "%.0f%%", load * 100), load * capacity, t, call);
      peak = Math.max(peak, m.step().achievedPerSecond());
    }
    OpenLoop.Measured over = measure(loop, "3x peak", OVERLOAD * peak, t, call);
    System.out.println(
        verdict(
            peak,
            over.step().achievedPerSecond(),
            unloaded.admittedP99Ms(),
            over.admittedP99Ms(),
            over.step().errorKinds()));
  }

  private static OpenLoop.Measured measure(
      OpenLoop loop, String label, double rate, CapacityBench.Target t, OpenLoop.Call call)
      throws InterruptedException {
    Duration before = driverCpu();
    long started = System.nanoTime();
    OpenLoop.Measured m = loop.measure(rate, t.warmup(), t.measured(), call, t.serverCpu());
    double driver = (driverCpu().minus(before).toNanos()) / (double) (System.nanoTime() - started);
    StepResult s = m.step();
    System.out.printf(
        Locale.ROOT,
        "%-10s %10.1f %11.1f %7.1f %7.1f %16.1f %7d %12.0f%n",
        label,
        s.offeredPerSecond(),
        s.achievedPerSecond(),
        s.utilization() * 100,
        s.p99Ms(),
        m.admittedP99Ms(),
        s.errors(),
        driver * 100);
    return m;
  }

  /** The driver's own CPU time so far (this JVM). */
  private static Duration driverCpu() {
    return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  /** The two goal lines of item 5, from the run's figures. */
  static String verdict(
      double peak,
      double goodput,
      double unloadedP99Ms,
      double admittedP99Ms,
      String overloadErrors) {
    double share = peak > 0 ? goodput / peak : 0;
    double ratio = admittedP99Ms / unloadedP99Ms;
    return String.format(
            Locale.ROOT,
            "goodput at 3x the peak: %.1f/s over a peak of %.1f/s = %.2f (goal >= %.2f: %s);"
                + " refused or failed: %s%n",
            goodput,
            peak,
            share,
            GOODPUT_GOAL,
            share >= GOODPUT_GOAL ? "met" : "not met",
            overloadErrors)
        + String.format(
            Locale.ROOT,
            "admitted p99 at 3x the peak: %.1f ms over %.1f ms unloaded = %.2fx (goal <= %.0fx: %s)",
            admittedP99Ms,
            unloadedP99Ms,
            ratio,
            P99_GOAL,
            Double.isFinite(ratio) && ratio <= P99_GOAL ? "met" : "not met");
  }
}
