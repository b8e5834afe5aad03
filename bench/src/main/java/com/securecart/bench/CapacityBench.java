package com.securecart.bench;

import com.securecart.planner.plan.Capacity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The driver of {@code ./securecart bench capacity} (bench/capacity.sh starts the servers and pins
 * the CPUs). Three commands:
 *
 * <ul>
 *   <li>{@code sweep}: raises an open-model load on one role's server step by step until a step is
 *       outside the SLO ({@link StepController}), prints each step and keeps the sweep in a part
 *       file;
 *   <li>{@code write}: turns the part files into the planner's capacity file ({@link
 *       CapacityFile});
 *   <li>{@code check}: offers 30%, 60% and 85% of a capacity file's throughput for one role to a
 *       fresh server and prints the p99 the planner predicts from the file's curve next to the
 *       measured one.
 * </ul>
 */
public final class CapacityBench {
  private static final double[] CHECK_LOADS = {0.30, 0.60, 0.85};
  private static final String HEADER =
      " offered/s  achieved/s   cpu %    p50 ms    p99 ms   requests  errors  driver cpu %"
          + "  its CPU busy %";

  private CapacityBench() {}

  public static void main(String[] args) throws Exception {
    String command = args.length == 0 ? "" : args[0];
    String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
    switch (command) {
      case "sweep" -> sweep(rest);
      case "write" -> write(rest);
      case "check" -> check(rest);
      case "overload" -> OverloadCheck.run(rest);
      default -> {
        System.err.println(
            "capacity bench: usage: CapacityBench sweep|write|check|overload [options]");
        System.exit(2);
      }
    }
  }

  /** Settings every load needs: the server, its CPU and the step timing. */
  record Target(
      String role, URI base, long serverPid, int products, Duration warmup, Duration measured) {
    static Options declare(Options o) {
      return o.option("--role", null)
          .option("--base-url", null)
          .option("--server-pid", "0")
          .option("--products", "10000")
          .option("--warmup", "3")
          .option("--step-seconds", "5");
    }

    static Target read(Options o) {
      String role = o.string("--role");
      if (!RoleLoad.ROLES.contains(role)) {
        throw new Options.UsageException(RoleLoad.unknown(role));
      }
      return new Target(
          role,
          o.loopback("--base-url"),
          o.whole("--server-pid", 0, Long.MAX_VALUE),
          o.integer("--products", 10, 10_000_000),
          Duration.ofSeconds(o.integer("--warmup", 0, 600)),
          Duration.ofSeconds(o.integer("--step-seconds", 1, 600)));
    }

    LongSupplier serverCpu() {
      CpuMeter meter = new CpuMeter(serverPid, null);
      return serverPid > 0 ? meter::engineNanos : () -> -1;
    }

    ShopClient shop() {
      return new ShopClient(base, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }
  }

  private static void sweep(String[] args) throws Exception {
    Options o =
        Target.declare(Options.of("capacity bench sweep"))
            .option("--start-to-ready", null)
            .option("--start-rate", "0")
            .option("--growth", "1.3")
            .option("--max-steps", "25")
            .option("--max-in-flight", "2000")
            .option("--part", null)
            .option("--server-cpu", "-1")
            .option("--source", "")
            .option("--jdbc-url", "");
    record Sweep(
        Target target,
        int startToReady,
        double startRate,
        StepController controller,
        int maxInFlight,
        Path part,
        int serverCpu,
        String source,
        String jdbcUrl) {}
    Sweep s =
        o.orExit(
            () -> {
              o.parse(args);
              Target t = Target.read(o);
              double growth = decimal(o, "--growth", 1.05, 4);
              double start = decimal(o, "--start-rate", 0, 100_000);
              return new Sweep(
                  t,
                  o.integer("--start-to-ready", 0, 3600),
                  start > 0 ? start : defaultStartRate(t.role()),
                  new StepController(
                      CapacityFile.bundledSlo(t.role()), growth, o.integer("--max-steps", 1, 100)),
                  o.integer("--max-in-flight", 1, 100_000),
                  o.path("--part"),
                  o.integer("--server-cpu", -1, 4096),
                  o.string("--source"),
                  o.string("--jdbc-url"));
            });
    Target t = s.target();
    ShopClient shop = t.shop();
    OpenLoop.Call call = RoleLoad.prepare(t.role(), shop, t.products());
    OpenLoop loop = new OpenLoop(s.maxInFlight());
    System.out.printf(
        Locale.ROOT,
        "%s: SLO p99 %.0f ms; a warm-up, then from %.1f/s, x%.2f per step; %d s warm-up + %d s"
            + " measured per step%n",
        t.role(),
        s.controller().sloP99Ms(),
        s.startRate(),
        s.controller().growth(),
        t.warmup().toSeconds(),
        t.measured().toSeconds());
    // Not recorded: the first requests of a fresh JVM are interpreted, and its JIT compiler's CPU
    // would count as the role's.
    loop.step(s.startRate(), t.warmup().multipliedBy(2), t.measured(), call, () -> -1);
    System.out.println(HEADER);
    CpuBusy cpuBusy = new CpuBusy(s.serverCpu());
    List<StepResult> steps = new ArrayList<>();
    double rate = s.startRate();
    StepController.Verdict verdict = new StepController.Verdict(StepController.Action.NEXT, "");
    while (verdict.action() != StepController.Action.STOP) {
      long driverBefore = CpuMeter.driverNanos();
      long wallBefore = System.nanoTime();
      cpuBusy.start();
      StepResult step = loop.step(rate, t.warmup(), t.measured(), call, t.serverCpu());
      double busy = cpuBusy.busySinceStart();
      // The driver's own CPU: near 100% of its one CPU, it (not the server) may be what limits.
      double driverCpu =
          (CpuMeter.driverNanos() - driverBefore) / (double) (System.nanoTime() - wallBefore);
      steps.add(step);
      System.out.println(row(step, s.controller(), driverCpu, busy));
      if (step.errors() > 0) {
        System.out.println("           errors: " + step.errorKinds());
      }
      if ("checkout".equals(t.role()) && !s.jdbcUrl().isEmpty()) {
        System.out.println("           " + pipelineLag(s.jdbcUrl()));
      }
      verdict =
          s.controller()
              .after(step, steps.size(), verdict.action() == StepController.Action.REPEAT);
      if (verdict.action() == StepController.Action.REPEAT) {
        System.out.println("           repeating this rate once: " + verdict.reason());
      } else {
        rate = s.controller().next(rate);
      }
    }
    System.out.println("stopped: " + verdict.reason());
    MeasuredRole measured =
        new MeasuredRole(t.role(), s.controller().sloP99Ms(), s.startToReady(), s.source(), steps);
    CapacityFile.writePart(s.part(), measured);
    try {
      StepResult best = measured.best();
      System.out.printf(
          Locale.ROOT,
          "%s: highest step within the SLO: %.1f/s achieved at %.1f%% CPU -> %.1f requests/s per"
              + " vCPU; start to ready %d s%n    %s%n",
          t.role(),
          best.achievedPerSecond(),
          best.utilization() * 100,
          measured.requestsPerSecondPerVcpu(),
          s.startToReady(),
          measured.limit());
    } catch (IllegalStateException e) {
      System.err.println("capacity bench: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * The order pipeline's backlog after a checkout step: a step counts orders when checkout answers
   * them and the pipeline confirms them later, so a step whose backlog grows took orders faster
   * than the vCPU confirms them. Information only: the verdict and the capacity file do not use it.
   */
  private static String pipelineLag(String jdbcUrl) {
    try (StockAudit audit = new StockAudit(jdbcUrl)) {
      return "order pipeline after the step: " + audit.outboxLag();
    } catch (java.sql.SQLException e) {
      return "order pipeline after the step: not read (" + e.getMessage() + ")";
    }
  }

  private static void write(String[] args) throws IOException {
    Options o =
        Options.of("capacity bench write")
            .option("--parts", null)
            .option("--roles", null)
            .option("--out", null)
            .option("--date", null)
            .option("--machine", "");
    o.orExit(() -> o.parse(args));
    Map<String, MeasuredRole> measured = new LinkedHashMap<>();
    for (String role : o.orExit(() -> o.string("--roles")).split(",")) {
      measured.put(role, CapacityFile.readPart(o.path("--parts").resolve(role + ".json")));
    }
    Path out = o.path("--out");
    CapacityFile.write(
        out, CapacityFile.build(o.string("--date"), o.string("--machine"), measured));
    // The planner's own reader must take it: what ./securecart plan --capacity does first.
    Capacity capacity = Capacity.read(out);
    System.out.println("capacity file: " + out + " (" + capacity.kind() + ")");
    System.out.println(
        "role             req/s per vCPU  SLO p99 ms  start to ready s  curve [utilization, p99 ms]");
    for (String role : Capacity.ROLES) {
      Capacity.Role r = capacity.role(role);
      StringBuilder curve = new StringBuilder();
      r.latency()
          .points()
          .forEach(
              p ->
                  curve.append(
                      String.format(Locale.ROOT, " [%.3f, %.1f]", p.utilization(), p.p99Ms())));
      System.out.printf(
          Locale.ROOT,
          "%-16s %14.1f %11.0f %17d %s%s%n",
          role,
          r.requestsPerSecondPerVcpu(),
          r.sloP99Ms(),
          r.startToReadySeconds(),
          curve.toString().strip(),
          measured.containsKey(role) ? "" : "  (not measured: bundled default)");
    }
  }

  private static void check(String[] args) throws Exception {
    Options o = Target.declare(Options.of("capacity bench check")).option("--capacity", null);
    Target t = o.orExit(() -> Target.read(o.parse(args)));
    Path file = o.path("--capacity");
    if (!Files.isRegularFile(file)) {
      throw o.exit(new Options.UsageException("--capacity " + file + ": no such file"));
    }
    Capacity.Role role;
    try {
      role = Capacity.read(file).role(t.role());
    } catch (IOException | IllegalArgumentException e) {
      throw o.exit(new Options.UsageException("--capacity: " + e.getMessage()));
    }
    double capacity = role.requestsPerSecondPerVcpu();
    ShopClient shop = t.shop();
    OpenLoop.Call call = RoleLoad.prepare(t.role(), shop, t.products());
    OpenLoop loop = new OpenLoop(2000);
    System.out.printf(
        Locale.ROOT,
        "check %s: capacity %.1f/s per vCPU from %s; a warm-up at 50%%, then each load for %d s +"
            + " %d s measured%n",
        t.role(),
        capacity,
        file,
        t.warmup().toSeconds(),
        t.measured().toSeconds());
    loop.step(0.5 * capacity, t.warmup().multipliedBy(2), t.measured(), call, () -> -1);
    System.out.println(
        "load  offered/s  achieved/s   cpu %  predicted p99 ms  measured p99 ms  error %  errors");
    for (double load : CHECK_LOADS) {
      StepResult step = loop.step(load * capacity, t.warmup(), t.measured(), call, t.serverCpu());
      double predicted = role.latency().p99At(load);
      System.out.printf(
          Locale.ROOT,
          "%3.0f%% %10.1f %11.1f %7.1f %17.1f %16.1f %+8.1f %7d%n",
          load * 100,
          step.offeredPerSecond(),
          step.achievedPerSecond(),
          step.utilization() * 100,
          predicted,
          step.p99Ms(),
          (predicted - step.p99Ms()) / step.p99Ms() * 100,
          step.errors());
    }
    System.out.println(
        "error % = (predicted - measured) / measured; predicted = the file's curve at utilization"
            + " = offered / capacity");
  }

  static String row(StepResult s, StepController controller, double driverCpu, double busy) {
    return String.format(
        Locale.ROOT,
        "%10.1f %11.1f %7.1f %9.2f %9.2f %10d %7d %13.1f %15.1f%s",
        s.offeredPerSecond(),
        s.achievedPerSecond(),
        s.utilization() * 100,
        s.p50Ms(),
        s.p99Ms(),
        s.requests(),
        s.errors(),
        driverCpu * 100,
        busy * 100,
        controller.breach(s).map(b -> "  <- " + b).orElse(""));
  }

  /** Where each role's sweep starts: low against what one vCPU is expected to serve. */
  static double defaultStartRate(String role) {
    return switch (role) {
      case "checkout" -> 5;
      case "storefront", "search" -> 20;
      default -> 50;
    };
  }

  private static double decimal(Options o, String name, double min, double max) {
    String value = o.string(name);
    double parsed;
    try {
      parsed = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new Options.UsageException(name + " must be a number, got '" + value + "'");
    }
    if (!(parsed >= min && parsed <= max)) {
      throw new Options.UsageException(name + " must be " + min + " to " + max + ", got " + value);
    }
    return parsed;
  }
}
