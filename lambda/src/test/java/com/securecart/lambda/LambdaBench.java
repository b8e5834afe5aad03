package com.securecart.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.app.Contexts;
import com.securecart.catalog.ProductDetails;
import com.securecart.checkout.CheckoutCommand;
import com.securecart.lambda.testing.LambdaFunctionProcess;
import com.securecart.lambda.testing.RuntimeApiHarness;
import com.securecart.lambda.testing.RuntimeApiHarness.Result;
import com.securecart.orders.Address;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.PlacedOrder;
import com.securecart.outbox.OutboxEvent;
import com.securecart.shared.CartId;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import com.securecart.shared.ProductId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The driver of {@code ./securecart bench lambda} (bench/lambda.sh): for each orchestrated step
 * handler, in one run on one PostgreSQL database,
 *
 * <ol>
 *   <li>cold starts: a new function process (the deployable jar under the official runtime client,
 *       {@link LambdaFunctionProcess}) is started with its first event already queued at a fresh
 *       {@link RuntimeApiHarness}; the time from just before the process is started to the
 *       handler's answer arriving at the harness. Without and with the JDK's AOT cache (trained
 *       once per handler by a run with {@code -XX:AOTCacheOutput}), alternated so that both meet
 *       the same machine;
 *   <li>warm invocations: one process, a warm-up, then one invocation per fresh order, each timed
 *       at the harness from handing the event over to the answer;
 *   <li>the baseline: the same step run by the in-process pipeline ({@code PipelineRunner.process}
 *       on the order's own outbox event, as the server's workers do) in this JVM, warm, on the same
 *       number of fresh orders.
 * </ol>
 *
 * Every order is fresh and prepared before the timings start (placed through checkout, and
 * authorized or cancelled in this JVM where the step needs it), and every answer is checked: a
 * wrong one is an error, and errors make the driver exit 1. It lives in lambda's test sources
 * because the harness, the process launcher and the runtime client are test code and test scope
 * here; it is not a test.
 */
public final class LambdaBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
  private static final String APPROVED = "tok_visa";

  /** How long a training process may take to write its cache once stopped. */
  private static final Duration TRAINING_EXIT = Duration.ofSeconds(180);

  /** The goals of issue 13 and the published anchor (not measured here). */
  static final double COLD_P99_GOAL_MS = 1_000;

  static final double WARM_P99_GOAL_MS = 20;
  static final String ANCHOR =
      "published anchor (NOT measured here): Spring Boot handler with SnapStart on AWS, cold start p99"
          + " 1,598 ms";

  /** An orchestrated step: its handler, the event that calls for it and the status it leaves. */
  enum Target {
    AUTHORIZE_PAYMENT(
        "AuthorizePayment",
        AuthorizePaymentHandler.class,
        AuthorizePaymentHandler.STEP,
        OrderEvents.PLACED,
        OrderStatus.AUTHORIZED),
    CONFIRM_ORDER(
        "ConfirmOrder",
        ConfirmOrderHandler.class,
        ConfirmOrderHandler.STEP,
        OrderEvents.PAYMENT_AUTHORIZED,
        OrderStatus.CONFIRMED),
    VOID_AUTHORIZATION(
        "VoidAuthorization",
        VoidAuthorizationHandler.class,
        VoidAuthorizationHandler.STEP,
        OrderEvents.CANCELLED,
        OrderStatus.CANCELLED);

    final String label;
    final Class<? extends StepHandler> handler;
    final String step;
    final String trigger;
    final OrderStatus after;

    Target(
        String label,
        Class<? extends StepHandler> handler,
        String step,
        String trigger,
        OrderStatus after) {
      this.label = label;
      this.handler = handler;
      this.step = step;
      this.trigger = trigger;
      this.after = after;
    }

    String handlerString() {
      return handler.getName() + "::handleRequest";
    }

    static Target byStep(String step) {
      for (Target t : values()) {
        if (t.step.equals(step)) {
          return t;
        }
      }
      throw new UsageException(
          "unknown step '"
              + step
              + "' (known: authorize-payment, confirm-order, void-authorization)");
    }
  }

  /** What one handler measured, in milliseconds. */
  record Figures(
      Target target,
      double[] coldPlain,
      double[] coldAot,
      double[] cpuPlain,
      double[] cpuAot,
      String load,
      double[] warm,
      double[] inProcess,
      long aotCacheBytes,
      int errors) {}

  static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }

  private final Settings settings;
  private final Contexts contexts;
  private final ProductId product;
  private int errors;

  record Settings(
      String dbUrl,
      String functionClasspath,
      Path out,
      int coldStarts,
      int warmup,
      int invocations,
      int trainingInvocations,
      List<Target> targets,
      List<String> jvmOptions) {}

  private LambdaBench(Settings settings) {
    this.settings = settings;
    this.contexts = LambdaWiring.wire(Map.of("SECURECART_DB_URL", settings.dbUrl()));
    contexts.database().migrate();
    this.product =
        contexts
            .catalog()
            .create(
                new ProductDetails(
                    "BENCH-LAMBDA-1",
                    "Bench lamp",
                    "",
                    "Acme",
                    "Lighting",
                    Money.of(2_000, "EUR"),
                    Map.of(),
                    null),
                10_000_000);
  }

  public static void main(String[] args) throws Exception {
    Settings settings;
    try {
      settings = parse(args);
    } catch (UsageException e) {
      System.err.println("LambdaBench: " + e.getMessage());
      System.err.println(USAGE);
      System.exit(2);
      return;
    }
    LambdaBench bench = new LambdaBench(settings);
    List<Figures> all = new ArrayList<>();
    try {
      for (Target target : settings.targets()) {
        all.add(bench.measure(target));
      }
    } finally {
      bench.contexts.close();
      bench.contexts.database().close();
    }
    String report = report(all, settings);
    System.out.print(report);
    Files.writeString(settings.out().resolve("lambda-summary.txt"), report);
    System.exit(all.stream().mapToInt(Figures::errors).sum() == 0 ? 0 : 1);
  }

  private Figures measure(Target target) throws Exception {
    int n = settings.coldStarts();
    int warmTotal = settings.warmup() + settings.invocations();
    System.out.printf(
        "%s (%s): preparing %d orders...%n",
        target.label, target.step, 2 * n + settings.trainingInvocations() + 2 * warmTotal);
    long prepStart = System.nanoTime();
    List<Long> coldOrders = prepare(target, 2 * n);
    List<Long> trainingOrders = prepare(target, settings.trainingInvocations());
    List<Long> warmOrders = prepare(target, warmTotal);
    List<Long> inProcessOrders = prepare(target, warmTotal);
    Map<Long, OutboxEvent> inProcessEvents = claimTriggers(target, inProcessOrders);
    System.out.printf("  prepared in %.1f s%n", (System.nanoTime() - prepStart) / 1e9);
    int errorsBefore = errors;

    Path cache = settings.out().resolve("lambda-aot").resolve(target.step + ".aot");
    Files.createDirectories(cache.getParent());
    Files.deleteIfExists(cache);
    train(target, cache, trainingOrders);
    long cacheBytes = Files.exists(cache) ? Files.size(cache) : 0;
    if (cacheBytes == 0) {
      error(target, "the AOT training wrote no cache at " + cache);
    }

    double[] plain = new double[n];
    double[] aot = new double[n];
    double[] cpuPlain = new double[n];
    double[] cpuAot = new double[n];
    String loadBefore = loadAverage();
    for (int i = 0; i < n; i++) {
      double[] p = coldStart(target, coldOrders.get(2 * i), null, "plain-" + i);
      plain[i] = p[0];
      cpuPlain[i] = p[1];
      if (cacheBytes > 0) {
        double[] a = coldStart(target, coldOrders.get(2 * i + 1), cache, "aot-" + i);
        aot[i] = a[0];
        cpuAot[i] = a[1];
      }
    }
    String load = loadBefore + " -> " + loadAverage();
    System.out.printf(
        "  cold start ms, no AOT cache: %s%n  cold start ms, AOT cache:    %s%n"
            + "  CPU ms to the first answer, no AOT cache: %s%n"
            + "  CPU ms to the first answer, AOT cache:    %s%n"
            + "  load average (1 min) over the cold starts: %s%n",
        brief(plain), brief(aot), brief(cpuPlain), brief(cpuAot), load);

    double[] warm = warm(target, warmOrders);
    double[] inProcess = inProcess(target, inProcessOrders, inProcessEvents);
    return new Figures(
        target,
        plain,
        aot,
        cpuPlain,
        cpuAot,
        load,
        warm,
        inProcess,
        cacheBytes,
        errors - errorsBefore);
  }

  // --- the orders ---

  /** {@code count} fresh orders in the state that {@code target}'s step starts from. */
  private List<Long> prepare(Target target, int count) {
    List<Long> orders = new ArrayList<>(count);
    AuthorizePaymentHandler authorize = new AuthorizePaymentHandler(contexts);
    for (int i = 0; i < count; i++) {
      PlacedOrder placed = place();
      long id = placed.order().id().value();
      if (target != Target.AUTHORIZE_PAYMENT) {
        authorize.handle(new StepInput(id, OrderEvents.PLACED));
      }
      if (target == Target.VOID_AUTHORIZATION) {
        contexts
            .orders()
            .cancel(placed.order().id(), Optional.empty(), Optional.of(placed.accessToken()));
      }
      orders.add(id);
    }
    return orders;
  }

  /** A guest's order of one lamp, paid with an approved card: PENDING_PAYMENT, stock reserved. */
  private PlacedOrder place() {
    CartId cart = contexts.carts().open(Optional.empty());
    contexts.carts().setQuantity(cart, Optional.empty(), product, 1);
    Address address = new Address("Bench Buyer", "1 Main St", null, "Berlin", "10115", "DE");
    return contexts
        .checkout()
        .checkout(
            new CheckoutCommand(cart, "bench@example.com", address, APPROVED), Optional.empty());
  }

  /**
   * The outbox events that call for {@code target}'s step on {@code orders}, claimed for this
   * driver (as a worker claims them), so that the in-process runs dispatch the real events. Other
   * events claimed on the way stay claimed: nothing else consumes this database's outbox.
   */
  private Map<Long, OutboxEvent> claimTriggers(Target target, List<Long> orders) {
    Map<Long, OutboxEvent> found = new HashMap<>();
    Instant now = Instant.now();
    List<OutboxEvent> claimed =
        contexts.pipeline().outbox().claim(1_000_000, now, now.plus(Duration.ofDays(1)));
    for (OutboxEvent event : claimed) {
      if (event.type().equals(target.trigger)) {
        found.put(Long.parseLong(event.aggregateId()), event);
      }
    }
    for (Long order : orders) {
      if (!found.containsKey(order)) {
        throw new IllegalStateException(
            "no " + target.trigger + " event in the outbox for order " + order);
      }
    }
    return found;
  }

  // --- function processes ---

  private LambdaFunctionProcess start(
      Target target, RuntimeApiHarness api, String logName, List<String> extraOptions)
      throws IOException {
    List<String> options = new ArrayList<>(settings.jvmOptions());
    options.addAll(extraOptions);
    return LambdaFunctionProcess.start(
        api,
        target.handlerString(),
        settings.functionClasspath(),
        Map.of("SECURECART_DB_URL", settings.dbUrl()),
        settings.out().resolve("lambda-logs").resolve(target.step + "-" + logName + ".log"),
        options.toArray(String[]::new));
  }

  /**
   * One cold start: process start to the first answer at the harness, and the CPU time (user and
   * system) the function process had used by then, both in ms. The CPU time is the steadier figure
   * on a shared machine: other load stretches the wall time but not the work.
   */
  private double[] coldStart(Target target, long order, Path cache, String logName)
      throws Exception {
    // AOTMode=on: a cache the JVM cannot use stops it rather than letting it start without.
    List<String> extra =
        cache == null ? List.of() : List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache);
    try (RuntimeApiHarness api = RuntimeApiHarness.start()) {
      long t0 = System.nanoTime();
      try (LambdaFunctionProcess function = start(target, api, logName, extra)) {
        Result result = invoke(api, order, target);
        double ms = (System.nanoTime() - t0) / 1e6;
        double cpu = functionCpuMs();
        check(target, order, result, function);
        return new double[] {ms, cpu};
      }
    }
  }

  /**
   * The training run of one handler's AOT cache: a process with {@code -XX:AOTCacheOutput} handles
   * a few events and is stopped (SIGTERM, as the JVM writes the cache when it exits); the JVM
   * assembles the cache in a child process before it exits, which takes seconds, so this waits.
   */
  private void train(Target target, Path cache, List<Long> orders) throws Exception {
    long t0 = System.nanoTime();
    try (RuntimeApiHarness api = RuntimeApiHarness.start()) {
      LambdaFunctionProcess function =
          start(target, api, "aot-training", List.of("-XX:AOTCacheOutput=" + cache));
      for (long order : orders) {
        check(target, order, invoke(api, order, target), function);
      }
      // LambdaFunctionProcess.close() kills after 5 s, too soon for the cache: SIGTERM through the
      // process's handle and wait for the JVM to finish writing.
      String flag = "-XX:AOTCacheOutput=" + cache;
      ProcessHandle jvm =
          ProcessHandle.current()
              .children()
              .filter(h -> h.info().commandLine().orElse("").contains(flag))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("the training process is gone"));
      jvm.destroy();
      jvm.onExit().get(TRAINING_EXIT.toSeconds(), TimeUnit.SECONDS);
      function.close();
    }
    System.out.printf(
        "  AOT cache trained on %d invocations in %.1f s: %s (%.1f MB)%n",
        orders.size(),
        (System.nanoTime() - t0) / 1e9,
        cache,
        Files.exists(cache) ? Files.size(cache) / 1e6 : 0.0);
  }

  /** Warm invocations on one process (started without the cache): warm-up, then the timed ones. */
  private double[] warm(Target target, List<Long> orders) throws Exception {
    double[] times = new double[settings.invocations()];
    try (RuntimeApiHarness api = RuntimeApiHarness.start();
        LambdaFunctionProcess function = start(target, api, "warm", List.of())) {
      for (int i = 0; i < orders.size(); i++) {
        long order = orders.get(i);
        long t0 = System.nanoTime();
        Result result = invoke(api, order, target);
        double ms = (System.nanoTime() - t0) / 1e6;
        check(target, order, result, function);
        int k = i - settings.warmup();
        if (k >= 0) {
          times[k] = ms;
        }
      }
    }
    return times;
  }

  /**
   * The CPU time of the one function process running now (cold starts run one at a time), from
   * /proc through its handle; LambdaFunctionProcess does not expose its process.
   */
  private static double functionCpuMs() {
    return ProcessHandle.current()
        .children()
        .filter(
            h ->
                h.info()
                    .commandLine()
                    .orElse("")
                    .contains(LambdaFunctionProcess.RUNTIME_CLIENT_MAIN))
        .findFirst()
        .flatMap(h -> h.info().totalCpuDuration())
        .map(d -> d.toNanos() / 1e6)
        .orElse(Double.NaN);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  private static Result invoke(RuntimeApiHarness api, long order, Target target)
      throws InterruptedException {
    String event = "{\"orderId\":" + order + ",\"event\":\"" + target.trigger + "\"}";
    try {
      return api.invoke(event, ANSWER_TIMEOUT);
    } catch (TimeoutException e) {
      return new Result.Failure("timeout", e.getMessage(), "");
    }
  }

  /** The answer must be a success that left the order in the step's status. */
  private void check(Target target, long order, Result result, LambdaFunctionProcess function) {
    if (result instanceof Result.Success success) {
      try {
        JsonNode out = JSON.readTree(success.body());
        if (out.path("orderId").asLong() == order
            && target.after.name().equals(out.path("status").asText())) {
          return;
        }
      } catch (IOException e) {
        // reported below
      }
      error(target, "order " + order + ": unexpected answer " + success.body());
    } else {
      Result.Failure f = (Result.Failure) result;
      String tail = function.output();
      tail = tail.substring(Math.max(0, tail.length() - 2_000));
      error(
          target,
          "order "
              + order
              + ": "
              + f.errorType()
              + ": "
              + f.errorMessage()
              + "; function output ends:\n"
              + tail);
    }
  }

  private void error(Target target, String message) {
    errors++;
    System.err.println("LambdaBench: " + target.label + ": " + message);
  }

  // --- the in-process baseline ---

  /**
   * The same step through the in-process pipeline, warm: {@code PipelineRunner.process} of the
   * order's own outbox event (the step's outside work, its effect and the event's completion in one
   * transaction), as the server's workers run it, without the claim and the polling around it.
   */
  private double[] inProcess(Target target, List<Long> orders, Map<Long, OutboxEvent> events) {
    double[] times = new double[settings.invocations()];
    for (int i = 0; i < orders.size(); i++) {
      long order = orders.get(i);
      long t0 = System.nanoTime();
      contexts.pipeline().runner().process(events.get(order));
      double ms = (System.nanoTime() - t0) / 1e6;
      OrderStatus status = contexts.orders().status(new OrderId(order)).orElse(null);
      if (status != target.after) {
        error(target, "in-process: order " + order + " is " + status + ", not " + target.after);
      }
      int k = i - settings.warmup();
      if (k >= 0) {
        times[k] = ms;
      }
    }
    return times;
  }

  // --- figures ---

  /** The nearest-rank percentile: the smallest value with at least p% of the values at or below. */
  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  private static String brief(double[] values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(String.format(Locale.ROOT, "%.0f ", v));
    }
    return b.toString().trim();
  }

  static String report(List<Figures> all, Settings s) {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "%nLambda step handlers: %d cold starts each (without / with the AOT cache), %d warm"
                + " invocations after %d of warm-up, the in-process pipeline on as many orders%n",
            s.coldStarts(),
            s.invocations(),
            s.warmup()));
    b.append(
        String.format(
            "function JVM options: %s%n",
            s.jvmOptions().isEmpty() ? "(the JVM's defaults)" : String.join(" ", s.jvmOptions())));
    b.append(
        String.format(
            Locale.ROOT,
            "%-18s %9s %9s %9s %9s %9s %9s %9s %9s %7s%n",
            "handler",
            "cold p50",
            "cold p99",
            "aot p50",
            "aot p99",
            "warm p50",
            "warm p99",
            "inproc",
            "inproc",
            "errors"));
    b.append(
        String.format(
            Locale.ROOT,
            "%-18s %9s %9s %9s %9s %9s %9s %9s %9s %7s%n",
            "(ms)",
            "",
            "",
            "",
            "",
            "",
            "",
            "p50",
            "p99",
            ""));
    for (Figures f : all) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-18s %9.1f %9.1f %9.1f %9.1f %9.2f %9.2f %9.2f %9.2f %7d%n",
              f.target().label,
              percentile(f.coldPlain(), 50),
              percentile(f.coldPlain(), 99),
              percentile(f.coldAot(), 50),
              percentile(f.coldAot(), 99),
              percentile(f.warm(), 50),
              percentile(f.warm(), 99),
              percentile(f.inProcess(), 50),
              percentile(f.inProcess(), 99),
              f.errors()));
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%n%-18s %9s %9s %9s %9s  %s%n",
            "CPU ms to the",
            "cold p50",
            "cold p99",
            "aot p50",
            "aot p99",
            "load average (1 min) over the cold starts"));
    b.append(String.format(Locale.ROOT, "%-18s%n", "first answer"));
    for (Figures f : all) {
      b.append(
          String.format(
              Locale.ROOT,
              "%-18s %9.0f %9.0f %9.0f %9.0f  %s%n",
              f.target().label,
              percentile(f.cpuPlain(), 50),
              percentile(f.cpuPlain(), 99),
              percentile(f.cpuAot(), 50),
              percentile(f.cpuAot(), 99),
              f.load()));
    }
    b.append(String.format("%nGoals (local, this machine):%n"));
    for (Figures f : all) {
      double cold = percentile(f.coldPlain(), 99);
      double aot = percentile(f.coldAot(), 99);
      double warm = percentile(f.warm(), 99);
      b.append(
          String.format(
              Locale.ROOT,
              "  %-18s cold start p99 < 1 s: without AOT cache %s (%.1f ms), with %s (%.1f ms);"
                  + " warm p99 < 20 ms: %s (%.2f ms; %.1fx the in-process p99)%n",
              f.target().label,
              met(cold < COLD_P99_GOAL_MS),
              cold,
              met(aot < COLD_P99_GOAL_MS && f.aotCacheBytes() > 0),
              aot,
              met(warm < WARM_P99_GOAL_MS),
              warm,
              warm / percentile(f.inProcess(), 99)));
    }
    b.append("  ").append(ANCHOR).append('\n');
    b.append(
        String.format(
            Locale.ROOT,
            "  cold start = process start to the first answer at the Runtime API harness (JVM start,"
                + " runtime client, wiring, pool, first step); p99 = nearest rank of %d, i.e. the"
                + " slowest when fewer than 100%n",
            s.coldStarts()));
    return b.toString();
  }

  private static String met(boolean met) {
    return met ? "MET" : "NOT MET";
  }

  // --- options ---

  static final String USAGE =
      """
      usage: LambdaBench --db-url JDBC_URL --function-cp CLASSPATH [--out DIR] [--cold-starts 20]
                         [--warmup 50] [--invocations 200] [--training 20]
                         [--steps authorize-payment,confirm-order,void-authorization]
                         [--jvm-options "OPTIONS"]""";

  static Settings parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("--db-url", null);
    values.put("--function-cp", null);
    values.put("--out", "bench/target");
    values.put("--cold-starts", "20");
    values.put("--warmup", "50");
    values.put("--invocations", "200");
    values.put("--training", "20");
    values.put("--steps", "authorize-payment,confirm-order,void-authorization");
    values.put("--jvm-options", "");
    for (int i = 0; i < args.length; i++) {
      if (!values.containsKey(args[i])) {
        throw new UsageException("unknown option '" + args[i] + "'");
      }
      if (i + 1 >= args.length) {
        throw new UsageException(args[i] + " needs a value");
      }
      values.put(args[i], args[++i]);
    }
    for (String required : List.of("--db-url", "--function-cp")) {
      if (values.get(required) == null) {
        throw new UsageException(required + " is required");
      }
    }
    List<Target> targets = new ArrayList<>();
    for (String step : values.get("--steps").split(",")) {
      targets.add(Target.byStep(step.trim()));
    }
    String options = values.get("--jvm-options").trim();
    return new Settings(
        values.get("--db-url"),
        values.get("--function-cp"),
        Path.of(values.get("--out")).toAbsolutePath(),
        whole(values, "--cold-starts", 1),
        whole(values, "--warmup", 0),
        whole(values, "--invocations", 1),
        whole(values, "--training", 1),
        List.copyOf(targets),
        options.isEmpty() ? List.of() : List.of(options.split("\\s+")));
  }

  private static int whole(Map<String, String> values, String option, int min) {
    try {
      int value = Integer.parseInt(values.get(option));
      if (value >= min) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new UsageException(option + " must be a whole number >= " + min);
  }
}
