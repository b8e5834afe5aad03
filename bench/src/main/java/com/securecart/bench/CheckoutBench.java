package com.securecart.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load driver behind {@code ./securecart bench checkout}. Against a running SecureCart on an
 * empty PostgreSQL database it runs:
 *
 * <ol>
 *   <li>(a) many SKUs: N closed-loop clients, each repeating create cart, add one SKU (1 to 3
 *       units), check out, for a fixed time after a warm-up; orders/s counts checkouts answered 201
 *       inside the measured window.
 *   <li>(b) one hot SKU: B buyers each prepare their own cart holding the hot SKU, then all check
 *       out at once with bounded concurrency; exactly {@code stock} must get 201 and the rest 409
 *       out-of-stock.
 * </ol>
 *
 * After each scenario it waits (bounded) for the order pipeline's outbox to drain and audits stock
 * against sold order lines over JDBC. It prints a table and writes the figures as properties for
 * bench/checkout.sh.
 */
public final class CheckoutBench {
  private static final String TABLE_HEADER =
      String.format(
          Locale.ROOT,
          "%-34s %9s %8s %8s %8s %9s",
          "scenario",
          "orders/s",
          "p50 ms",
          "p99 ms",
          "errors",
          "oversold");

  /** Safety bound on one client's loop in (a), besides the clock. */
  private static final int MAX_FLOWS_PER_CLIENT = 1_000_000;

  record Options(
      URI baseUrl,
      String jdbcUrl,
      String adminEmail,
      String adminPassword,
      int clients,
      int durationSeconds,
      int warmupSeconds,
      int skus,
      int skuStock,
      int hotBuyers,
      int hotStock,
      int hotConcurrency,
      int requestTimeoutSeconds,
      int drainTimeoutSeconds,
      Path resultsDir) {

    static Options parse(String[] args, Map<String, String> env) {
      Map<String, String> values = new LinkedHashMap<>();
      values.put("--base-url", null);
      values.put("--jdbc-url", null);
      values.put("--clients", "32");
      values.put("--duration", "30");
      values.put("--warmup", "5");
      values.put("--skus", "1000");
      values.put("--sku-stock", "1000000");
      values.put("--hot-buyers", "10000");
      values.put("--hot-stock", "1000");
      values.put("--hot-concurrency", "64");
      values.put("--request-timeout", "30");
      values.put("--drain-timeout", "60");
      values.put("--results-dir", "bench/target");
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (!values.containsKey(name) || i + 1 >= args.length) {
          throw new IllegalArgumentException(
              "unknown option or missing value: " + name + "; known: " + values.keySet());
        }
        values.put(name, args[++i]);
      }
      for (String required : List.of("--base-url", "--jdbc-url")) {
        if (values.get(required) == null) {
          throw new IllegalArgumentException(required + " is required");
        }
      }
      String password = env.get("SECURECART_ADMIN_PASSWORD");
      if (password == null || password.isEmpty()) {
        throw new IllegalArgumentException(
            "set SECURECART_ADMIN_PASSWORD to the server's admin password");
      }
      Options o =
          new Options(
              URI.create(values.get("--base-url")),
              values.get("--jdbc-url"),
              env.getOrDefault("SECURECART_ADMIN_EMAIL", "admin@securecart.local"),
              password,
              // 0 skips (a): bench/hotsku.sh runs only (b).
              positive(values, "--clients", 0, 4096),
              positive(values, "--duration", 1, 3600),
              positive(values, "--warmup", 0, 600),
              positive(values, "--skus", 1, 100_000),
              positive(values, "--sku-stock", 1, 10_000_000),
              positive(values, "--hot-buyers", 0, 1_000_000),
              positive(values, "--hot-stock", 1, 10_000_000),
              positive(values, "--hot-concurrency", 1, 4096),
              positive(values, "--request-timeout", 1, 600),
              positive(values, "--drain-timeout", 0, 3600),
              Path.of(values.get("--results-dir")));
      String host = o.baseUrl().getHost();
      if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
        throw new IllegalArgumentException("--base-url must point at 127.0.0.1 or localhost");
      }
      return o;
    }

    private static int positive(Map<String, String> values, String name, int min, int max) {
      try {
        int value = Integer.parseInt(values.get(name));
        if (value < min || value > max) {
          throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
        }
        return value;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number");
      }
    }
  }

  /** One table row plus the lines that explain it. */
  record ScenarioResult(
      String key,
      String label,
      double ordersPerSecond,
      double p50Millis,
      double p99Millis,
      long errors,
      long oversold,
      boolean asExpected,
      List<String> details) {
    String row() {
      return String.format(
          Locale.ROOT,
          "%-34s %9.1f %8.1f %8.1f %8d %9d",
          label,
          ordersPerSecond,
          p50Millis,
          p99Millis,
          errors,
          oversold);
    }
  }

  /** Error counts by a short label such as {@code checkout 500 internal}. */
  static final class Errors {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    void add(String label) {
      counts.computeIfAbsent(label, k -> new LongAdder()).increment();
    }

    long total() {
      return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    String summary() {
      if (counts.isEmpty()) {
        return "none";
      }
      StringBuilder text = new StringBuilder();
      new TreeMap<>(counts)
          .forEach(
              (label, n) ->
                  text.append(text.isEmpty() ? "" : ", ")
                      .append(label)
                      .append(" x")
                      .append(n.sum()));
      return text.toString();
    }

    static String describe(Exception e) {
      String message = e.getMessage();
      return e.getClass().getSimpleName()
          + (message == null || message.isBlank() ? "" : " (" + message + ")");
    }
  }

  private final Options options;
  private final ShopClient api;

  private CheckoutBench(Options options) {
    this.options = options;
    this.api =
        new ShopClient(
            options.baseUrl(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(options.requestTimeoutSeconds()));
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("checkout bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(new CheckoutBench(options).run());
  }

  private int run() throws Exception {
    if (!api.ready()) {
      System.err.println("checkout bench: " + options.baseUrl() + "health/ready is not 200");
      return 1;
    }
    api.loginAdmin(options.adminEmail(), options.adminPassword());
    List<ScenarioResult> results = new ArrayList<>();
    try (StockAudit audit = new StockAudit(options.jdbcUrl())) {
      if (options.clients() > 0) {
        results.add(manySkus(audit));
      }
      if (options.hotBuyers() > 0) {
        results.add(hotSku(audit));
      }
    }
    // bench/checkout.sh prints the table in its summary, next to pgbench's figure.
    writeResults(results);
    return 0;
  }

  // ---------------------------------------------------------------------------------------------------------
  // (a) many SKUs

  private ScenarioResult manySkus(StockAudit audit) throws Exception {
    int n = options.skus();
    String label = "(a) many SKUs, " + options.clients() + " clients";
    System.out.printf(
        Locale.ROOT,
        "==> %s: creating %d SKUs with %,d units each...%n",
        label,
        n,
        options.skuStock());
    long[] productIds = new long[n];
    Map<String, Integer> initial = new LinkedHashMap<>();
    List<String> skus = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String sku = String.format(Locale.ROOT, "BENCH-A-%05d", i);
      skus.add(sku);
      initial.put(sku, options.skuStock());
    }
    forEachParallel(
        n,
        16,
        i ->
            productIds[i] =
                api.createProduct(skus.get(i), 500 + (i * 37L) % 9500, options.skuStock()));

    System.out.printf(
        Locale.ROOT,
        "==> %s: %d s warm-up, then %d s measured...%n",
        label,
        options.warmupSeconds(),
        options.durationSeconds());
    Errors errors = new Errors();
    LongAdder measuredOrders = new LongAdder();
    LongAdder allCreated = new LongAdder();
    LongAdder outOfStock = new LongAdder();
    AtomicInteger buyer = new AtomicInteger();
    List<Latencies[]> perClient = new ArrayList<>();
    long start = System.nanoTime();
    long windowStart = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
    long windowEnd = windowStart + TimeUnit.SECONDS.toNanos(options.durationSeconds());
    WindowSampler sampler = new WindowSampler(audit, windowStart, windowEnd);
    Thread samplerThread = Thread.ofVirtual().name("window-sampler").start(sampler);
    try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < options.clients(); c++) {
        // checkout, whole flow, create cart, add item
        Latencies[] lat = {new Latencies(), new Latencies(), new Latencies(), new Latencies()};
        perClient.add(lat);
        clients.submit(
            () -> {
              ThreadLocalRandom random = ThreadLocalRandom.current();
              for (int flow = 0;
                  flow < MAX_FLOWS_PER_CLIENT && System.nanoTime() < windowEnd;
                  flow++) {
                try {
                  long t0 = System.nanoTime();
                  ShopClient.Reply cart = api.createCart();
                  long t1 = System.nanoTime();
                  if (cart.status() != 201 || !cart.body().path("id").isTextual()) {
                    errors.add("create cart " + cart.label());
                    pause();
                    continue;
                  }
                  String cartId = cart.body().path("id").asText();
                  int product = random.nextInt(n);
                  ShopClient.Reply item =
                      api.setQuantity(cartId, productIds[product], 1 + random.nextInt(3));
                  long t2 = System.nanoTime();
                  if (item.status() != 200) {
                    errors.add("add item " + item.label());
                    pause();
                    continue;
                  }
                  ShopClient.Reply order =
                      api.checkout(cartId, "buyer" + buyer.incrementAndGet() + "@example.com");
                  long t3 = System.nanoTime();
                  boolean inWindow = t3 >= windowStart && t3 <= windowEnd;
                  if (order.status() == 201) {
                    allCreated.increment();
                    if (inWindow) {
                      measuredOrders.increment();
                    }
                  } else {
                    if (order.isOutOfStock()) {
                      outOfStock.increment();
                    }
                    errors.add("checkout " + order.label());
                    pause();
                    continue;
                  }
                  if (inWindow) {
                    lat[0].record(t3 - t2);
                    lat[1].record(t3 - t0);
                    lat[2].record(t1 - t0);
                    lat[3].record(t2 - t1);
                  }
                } catch (IOException e) {
                  errors.add(Errors.describe(e));
                  pause();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            });
      }
      clients.shutdown();
      long bound =
          options.warmupSeconds()
              + options.durationSeconds()
              + 2L * options.requestTimeoutSeconds()
              + 30;
      if (!clients.awaitTermination(bound, TimeUnit.SECONDS)) {
        errors.add("clients still running after " + bound + " s (stopped)");
        clients.shutdownNow();
      }
    }
    long loadEnd = System.nanoTime();
    samplerThread.join(TimeUnit.SECONDS.toMillis(options.requestTimeoutSeconds() + 10L));

    Latencies checkout = Latencies.merge(perClient.stream().map(l -> l[0]).toList());
    Latencies flows = Latencies.merge(perClient.stream().map(l -> l[1]).toList());
    Latencies carts = Latencies.merge(perClient.stream().map(l -> l[2]).toList());
    Latencies items = Latencies.merge(perClient.stream().map(l -> l[3]).toList());
    double seconds = options.durationSeconds();
    double ordersPerSecond = measuredOrders.sum() / seconds;

    List<String> details = new ArrayList<>();
    details.add(
        String.format(
            Locale.ROOT,
            "orders in the %d s window: %d = %.1f/s (each a cart + item + checkout flow: %.1f HTTP requests/s);"
                + " %d orders in all incl. warm-up",
            options.durationSeconds(),
            measuredOrders.sum(),
            ordersPerSecond,
            ordersPerSecond * 3,
            allCreated.sum()));
    details.add(
        String.format(
            Locale.ROOT,
            "latency p50/p99/max ms: checkout %.1f/%.1f/%.1f, whole flow %.1f/%.1f/%.1f,"
                + " create cart %.1f/%.1f, add item %.1f/%.1f",
            checkout.percentileMillis(50),
            checkout.percentileMillis(99),
            checkout.maxMillis(),
            flows.percentileMillis(50),
            flows.percentileMillis(99),
            flows.maxMillis(),
            carts.percentileMillis(50),
            carts.percentileMillis(99),
            items.percentileMillis(50),
            items.percentileMillis(99)));
    details.add("errors (warm-up included): " + errors.summary());
    details.add(sampler.describe(measuredOrders.sum()));
    long clientCreated = allCreated.sum();
    StockAudit.Result audited = audit(audit, initial, productIds, clientCreated, details, loadEnd);
    boolean expected = errors.total() == 0 && audited.oversold() == 0 && outOfStock.sum() == 0;
    ScenarioResult result =
        new ScenarioResult(
            "a",
            label,
            ordersPerSecond,
            checkout.percentileMillis(50),
            checkout.percentileMillis(99),
            errors.total(),
            audited.oversold(),
            expected,
            details);
    print(result);
    return result;
  }

  // ---------------------------------------------------------------------------------------------------------
  // (b) one hot SKU

  private ScenarioResult hotSku(StockAudit audit) throws Exception {
    int buyers = options.hotBuyers();
    int stock = options.hotStock();
    String label = "(b) hot SKU " + buyers + " buyers/" + stock;
    String sku = "BENCH-HOT-1";
    System.out.printf(Locale.ROOT, "==> %s: creating %s with %d units...%n", label, sku, stock);
    long productId = api.createProduct(sku, 4999, stock);

    System.out.printf(
        Locale.ROOT,
        "==> %s: %d buyers each open a cart holding 1 unit (%d at a time)...%n",
        label,
        buyers,
        options.hotConcurrency());
    Errors errors = new Errors();
    String[] cartIds = new String[buyers];
    long prepStart = System.nanoTime();
    forEachParallel(
        buyers,
        options.hotConcurrency(),
        i -> {
          ShopClient.Reply cart = api.createCart();
          if (cart.status() != 201 || !cart.body().path("id").isTextual()) {
            errors.add("prepare: create cart " + cart.label());
            return;
          }
          String id = cart.body().path("id").asText();
          ShopClient.Reply item = api.setQuantity(id, productId, 1);
          if (item.status() != 200) {
            errors.add("prepare: add item " + item.label());
            return;
          }
          cartIds[i] = id;
        },
        errors);
    double prepSeconds = (System.nanoTime() - prepStart) / 1e9;

    System.out.printf(
        Locale.ROOT,
        "==> %s: all buyers check out at once (%d in flight)...%n",
        label,
        options.hotConcurrency());
    LongAdder sold = new LongAdder();
    LongAdder soldOut = new LongAdder();
    AtomicLong lastSaleNanos = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    List<Latencies> perWorker = new ArrayList<>();
    List<Latencies> perWorkerSold = new ArrayList<>();
    CountDownLatch gate = new CountDownLatch(1);
    long t0;
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < options.hotConcurrency(); w++) {
        Latencies lat = new Latencies();
        Latencies latSold = new Latencies();
        perWorker.add(lat);
        perWorkerSold.add(latSold);
        workers.submit(
            () -> {
              try {
                gate.await();
              } catch (InterruptedException e) {
                return;
              }
              for (int i = next.getAndIncrement(); i < buyers; i = next.getAndIncrement()) {
                if (cartIds[i] == null) {
                  continue;
                }
                try {
                  long start = System.nanoTime();
                  ShopClient.Reply order =
                      api.checkout(cartIds[i], "hotbuyer" + i + "@example.com");
                  long end = System.nanoTime();
                  lat.record(end - start);
                  if (order.status() == 201) {
                    sold.increment();
                    latSold.record(end - start);
                    lastSaleNanos.accumulateAndGet(end, Math::max);
                  } else if (order.isOutOfStock()) {
                    soldOut.increment();
                  } else {
                    errors.add("checkout " + order.label());
                  }
                } catch (IOException e) {
                  errors.add(Errors.describe(e));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            });
      }
      t0 = System.nanoTime();
      gate.countDown();
      workers.shutdown();
      long bound = 600;
      if (!workers.awaitTermination(bound, TimeUnit.SECONDS)) {
        errors.add("buyers still checking out after " + bound + " s (stopped)");
        workers.shutdownNow();
      }
    }
    long loadEnd = System.nanoTime();
    double allSeconds = (loadEnd - t0) / 1e9;
    double sellOutSeconds =
        lastSaleNanos.get() == 0 ? allSeconds : (lastSaleNanos.get() - t0) / 1e9;
    Latencies all = Latencies.merge(perWorker);
    Latencies soldLat = Latencies.merge(perWorkerSold);
    long expectedSoldOut = Math.max(0, buyers - stock);
    long wronglyRefused = Math.max(0, soldOut.sum() - expectedSoldOut);
    long extraSales = Math.max(0, sold.sum() - stock);
    long errorCount = errors.total() + wronglyRefused + extraSales;
    double ordersPerSecond = sellOutSeconds > 0 ? sold.sum() / sellOutSeconds : 0;

    List<String> details = new ArrayList<>();
    details.add(
        String.format(
            Locale.ROOT,
            "carts prepared in %.1f s; checkouts: %d x 201, %d x 409 out-of-stock (want exactly %d and %d)",
            prepSeconds,
            sold.sum(),
            soldOut.sum(),
            Math.min(stock, buyers),
            expectedSoldOut));
    details.add(
        String.format(
            Locale.ROOT,
            "sold out in %.2f s = %.1f orders/s; all %d checkouts answered in %.2f s = %.1f checkouts/s",
            sellOutSeconds,
            ordersPerSecond,
            all.count(),
            allSeconds,
            all.count() / allSeconds));
    details.add(
        String.format(
            Locale.ROOT,
            "checkout latency p50/p99/max ms: all %.1f/%.1f/%.1f, the 201s %.1f/%.1f/%.1f",
            all.percentileMillis(50),
            all.percentileMillis(99),
            all.maxMillis(),
            soldLat.percentileMillis(50),
            soldLat.percentileMillis(99),
            soldLat.maxMillis()));
    details.add(
        "errors: "
            + errors.summary()
            + (wronglyRefused > 0 ? "; " + wronglyRefused + " refused although stock was left" : "")
            + (extraSales > 0 ? "; " + extraSales + " sales beyond stock" : ""));
    StockAudit.Result audited =
        audit(audit, Map.of(sku, stock), new long[] {productId}, sold.sum(), details, loadEnd);
    boolean expected =
        errorCount == 0
            && audited.oversold() == 0
            && sold.sum() == Math.min(stock, buyers)
            && soldOut.sum() == expectedSoldOut;
    details.add(
        expected
            ? "as expected: exactly "
                + Math.min(stock, buyers)
                + " sold, the rest refused, none oversold"
            : "NOT AS EXPECTED (see above)");
    ScenarioResult result =
        new ScenarioResult(
            "b",
            label,
            ordersPerSecond,
            all.percentileMillis(50),
            all.percentileMillis(99),
            errorCount,
            audited.oversold(),
            expected,
            details);
    print(result);
    return result;
  }

  // ---------------------------------------------------------------------------------------------------------
  // audit, output

  /**
   * Waits for the outbox, checks every SKU's {@code available} through the admin API and audits the
   * database; appends what it found to {@code details}.
   */
  private StockAudit.Result audit(
      StockAudit audit,
      Map<String, Integer> initial,
      long[] productIds,
      long clientCreated,
      List<String> details,
      long loadEnd)
      throws SQLException, InterruptedException, IOException {
    long pendingAtEnd = audit.outboxPending();
    boolean up = api.ready();
    if (!up) {
      details.add(
          "SERVER NOT READY after the load (GET /health/ready is not 200): it may have died");
    }
    long drained =
        up ? audit.awaitOutboxDrained(options.drainTimeoutSeconds() * 1000L) : pendingAtEnd;
    double drainSeconds = (System.nanoTime() - loadEnd) / 1e9;
    details.add(
        drained == 0
            ? String.format(
                Locale.ROOT,
                "order pipeline: %d outbox events pending when the load stopped, drained %.1f s later",
                pendingAtEnd,
                drainSeconds)
            : String.format(
                Locale.ROOT,
                "order pipeline: %d outbox events pending when the load stopped, still %d after %.0f s",
                pendingAtEnd,
                drained,
                drainSeconds));
    List<String> dead = audit.deadEvents(10);
    if (!dead.isEmpty()) {
      details.add("DEAD outbox events: " + String.join("; ", dead));
    }
    // The admin API's view: available must never be negative (it is clamped at 0, so this is a
    // smoke check).
    AtomicLong negativeAvailable = new AtomicLong();
    Errors apiErrors = new Errors();
    forEachParallel(
        productIds.length,
        8,
        i -> {
          ShopClient.Reply p = api.adminProduct(productIds[i]);
          if (p.status() != 200 || !p.body().path("available").canConvertToInt()) {
            apiErrors.add("GET admin product " + p.label());
          } else if (p.body().path("available").asInt() < 0) {
            negativeAvailable.addAndGet(-p.body().path("available").asInt());
          }
        },
        apiErrors);
    StockAudit.Result r = audit.audit(initial);
    long oversold = r.oversold() + negativeAvailable.get();
    StockAudit.Result result =
        new StockAudit.Result(
            oversold,
            r.soldUnits(),
            r.soldOrders(),
            r.ordersByStatus(),
            r.ledgerMismatchUnits(),
            r.findings());
    details.add(
        String.format(
            Locale.ROOT,
            "audit: orders by status %s; %d units sold in %d orders (client saw %d x 201); oversold %d;"
                + " stock ledger %s%s",
            r.ordersByStatus(),
            r.soldUnits(),
            r.soldOrders(),
            clientCreated,
            oversold,
            r.ledgerMismatchUnits() == 0
                ? "consistent"
                : "off by " + r.ledgerMismatchUnits() + " units",
            apiErrors.total() == 0 ? "" : "; admin API errors: " + apiErrors.summary()));
    if (r.soldOrders() != clientCreated) {
      details.add(
          "NOTE: the database holds "
              + r.soldOrders()
              + " live orders but the driver saw "
              + clientCreated
              + " answered 201 (timeouts or lost responses?)");
    }
    r.findings().forEach(f -> details.add("  " + f));
    return result;
  }

  /**
   * Samples the database at the start and end of the measured window of (a), and the outbox backlog
   * every two seconds in between, to show where the work goes: commits and rows per order, and
   * whether the order pipeline keeps up.
   */
  private static final class WindowSampler implements Runnable {
    private final StockAudit audit;
    private final long windowStart;
    private final long windowEnd;
    private volatile StockAudit.DbCounters first;
    private volatile StockAudit.DbCounters last;
    private volatile long pendingFirst = -1;
    private volatile long pendingLast = -1;
    private volatile long pendingMax = -1;
    private volatile String failure;

    WindowSampler(StockAudit audit, long windowStart, long windowEnd) {
      this.audit = audit;
      this.windowStart = windowStart;
      this.windowEnd = windowEnd;
    }

    @Override
    public void run() {
      try {
        sleepUntil(windowStart);
        first = audit.counters();
        pendingFirst = audit.outboxPending();
        pendingMax = pendingFirst;
        for (int i = 0; i < 100_000 && System.nanoTime() < windowEnd; i++) {
          sleepUntil(Math.min(windowEnd, System.nanoTime() + TimeUnit.SECONDS.toNanos(2)));
          long pending = audit.outboxPending();
          pendingMax = Math.max(pendingMax, pending);
          pendingLast = pending;
        }
        last = audit.counters();
      } catch (SQLException e) {
        failure = Errors.describe(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
      long wait = nanoTime - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
    }

    String describe(long orders) {
      if (failure != null || first == null || last == null) {
        return "database counters: not sampled" + (failure == null ? "" : " (" + failure + ")");
      }
      StockAudit.DbCounters d = last.minus(first);
      double per = Math.max(1, orders);
      return String.format(
          Locale.ROOT,
          "database per order in the window (order pipeline included): %.1f commits, %.1f rollbacks,"
              + " %.1f rows inserted, %.1f updated, %.1f deleted, %.1f KB WAL (cluster-wide);"
              + " outbox backlog %d at window start, %d at its end (max %d)",
          d.commits() / per,
          d.rollbacks() / per,
          d.inserted() / per,
          d.updated() / per,
          d.deleted() / per,
          d.walBytes() / per / 1024.0,
          pendingFirst,
          pendingLast,
          pendingMax);
    }
  }

  private static void print(ScenarioResult result) {
    System.out.println("    " + result.label());
    result.details().forEach(line -> System.out.println("      " + line));
  }

  private void writeResults(List<ScenarioResult> results) throws IOException {
    Files.createDirectories(options.resultsDir());
    StringBuilder props = new StringBuilder();
    StringBuilder table = new StringBuilder(TABLE_HEADER).append('\n');
    boolean ok = true;
    for (ScenarioResult r : results) {
      props.append(
          String.format(
              Locale.ROOT,
              "%1$s.orders_per_s=%2$.1f%n%1$s.p50_ms=%3$.1f%n%1$s.p99_ms=%4$.1f%n%1$s.errors=%5$d%n"
                  + "%1$s.oversold=%6$d%n%1$s.as_expected=%7$b%n",
              r.key(),
              r.ordersPerSecond(),
              r.p50Millis(),
              r.p99Millis(),
              r.errors(),
              r.oversold(),
              r.asExpected()));
      table.append(r.row()).append('\n');
      ok &= r.oversold() == 0;
    }
    props.append("verdict=").append(ok ? "ok" : "oversold").append('\n');
    Files.writeString(options.resultsDir().resolve("checkout-results.properties"), props);
    Files.writeString(options.resultsDir().resolve("checkout-table.txt"), table);
  }

  // ---------------------------------------------------------------------------------------------------------
  // helpers

  interface IndexTask {
    void run(int index) throws IOException, InterruptedException;
  }

  /** Setup work that must succeed: the first failure aborts the benchmark. */
  private void forEachParallel(int count, int concurrency, IndexTask task) throws Exception {
    Errors failures = new Errors();
    forEachParallel(count, concurrency, task, failures);
    if (failures.total() > 0) {
      throw new IOException("setup failed: " + failures.summary());
    }
  }

  /**
   * Runs task(0..count-1) on {@code concurrency} virtual threads; exceptions are counted in {@code
   * errors}.
   */
  private void forEachParallel(int count, int concurrency, IndexTask task, Errors errors)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < Math.min(concurrency, Math.max(1, count)); w++) {
        pool.submit(
            () -> {
              for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                try {
                  task.run(i);
                } catch (IOException | RuntimeException e) {
                  errors.add(Errors.describe(e));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
              }
            });
      }
      pool.shutdown();
      long bound = 300 + (long) count * options.requestTimeoutSeconds() / Math.max(1, concurrency);
      if (!pool.awaitTermination(Math.min(bound, 900), TimeUnit.SECONDS)) {
        errors.add("still running after " + Math.min(bound, 900) + " s (stopped)");
        pool.shutdownNow();
      }
    }
  }

  /** After an error, a short pause so that a dead server does not turn the loop into a spin. */
  private static void pause() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
