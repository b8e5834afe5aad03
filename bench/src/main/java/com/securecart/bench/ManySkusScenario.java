package com.securecart.bench;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenario (a) of the checkout benchmark, many SKUs: closed-loop clients, each repeating create
 * cart, add one SKU (1 to 3 units), check out, for a fixed time after a warm-up. orders/s counts
 * the checkouts answered 201 inside the measured window.
 */
final class ManySkusScenario {
  /** Safety bound on one client's loop, besides the clock. */
  private static final int MAX_FLOWS_PER_CLIENT = 1_000_000;

  /** One client's latencies of the requests answered inside the window. */
  private record FlowLatencies(
      Latencies checkout, Latencies flow, Latencies createCart, Latencies addItem) {
    FlowLatencies() {
      this(new Latencies(), new Latencies(), new Latencies(), new Latencies());
    }
  }

  private final CheckoutBench.Settings settings;
  private final ShopClient api;
  private final CheckoutAudit audit;
  private final String label;
  private final Errors errors = new Errors();
  private final LongAdder measuredOrders = new LongAdder();
  private final LongAdder allCreated = new LongAdder();
  private final LongAdder outOfStock = new LongAdder();
  private final LongAdder deferred = new LongAdder();
  private final AtomicInteger buyer = new AtomicInteger();
  private final List<FlowLatencies> perClient = new ArrayList<>();
  private final Map<String, Integer> initial = new LinkedHashMap<>();
  private long[] productIds;
  private long windowStart;
  private long windowEnd;
  private Instant windowStartWall;

  ManySkusScenario(CheckoutBench.Settings settings, ShopClient api, CheckoutAudit audit) {
    this.settings = settings;
    this.api = api;
    this.audit = audit;
    this.label = "(a) many SKUs, " + settings.clients() + " clients";
  }

  /** The ids of (a)'s SKUs, for (c) to add to carts; created by {@link #run}. */
  long[] productIds() {
    return productIds.clone();
  }

  ScenarioResult run() throws Exception {
    createSkus();
    System.out.printf(
        Locale.ROOT,
        "==> %s: %d s warm-up, then %d s measured...%n",
        label,
        settings.warmupSeconds(),
        settings.durationSeconds());
    windowStart = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.warmupSeconds());
    windowEnd = windowStart + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
    windowStartWall = Instant.now().plusNanos(windowStart - System.nanoTime());
    StockAudit database = audit.database();
    WindowSampler sampler =
        WindowSampler.of(database, settings.serverPid(), windowStart, windowEnd);
    Thread samplerThread = Thread.ofVirtual().name("window-sampler").start(sampler);
    runClients();
    long loadEnd = System.nanoTime();
    samplerThread.join(TimeUnit.SECONDS.toMillis(settings.requestTimeoutSeconds() + 10L));
    ScenarioResult result = result(sampler, loadEnd);
    CheckoutReport.print(result);
    return result;
  }

  private void createSkus() throws Exception {
    int n = settings.skus();
    System.out.printf(
        Locale.ROOT,
        "==> %s: creating %d SKUs with %,d units each...%n",
        label,
        n,
        settings.skuStock());
    productIds = new long[n];
    List<String> skus = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String sku = String.format(Locale.ROOT, "BENCH-A-%05d", i);
      skus.add(sku);
      initial.put(sku, settings.skuStock());
    }
    Parallel.forEachOrFail(
        n,
        16,
        settings.requestTimeoutSeconds(),
        i ->
            productIds[i] =
                api.createProduct(skus.get(i), 500 + (i * 37L) % 9500, settings.skuStock()));
  }

  private void runClients() throws InterruptedException {
    perClient.addAll(
        Parallel.clients(
            settings.clients(),
            FlowLatencies::new,
            this::client,
            settings.warmupSeconds() + settings.durationSeconds(),
            settings.requestTimeoutSeconds(),
            errors));
  }

  /** One client: purchase after purchase until the window closes; a failed one pauses briefly. */
  private void client(FlowLatencies latencies) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int flow = 0; flow < MAX_FLOWS_PER_CLIENT && System.nanoTime() < windowEnd; flow++) {
      try {
        if (!purchase(latencies, random)) {
          Parallel.pause();
        }
      } catch (IOException e) {
        errors.add(Errors.describe(e));
        Parallel.pause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** Create cart, add an item, check out; false (and an error counted) if any step failed. */
  private boolean purchase(FlowLatencies latencies, ThreadLocalRandom random)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    ShopClient.Reply cart = api.createCart();
    long t1 = System.nanoTime();
    if (cart.status() != 201 || !cart.body().path("id").isTextual()) {
      errors.add("create cart " + cart.label());
      return false;
    }
    String cartId = cart.body().path("id").asText();
    int product = random.nextInt(productIds.length);
    ShopClient.Reply item = api.setQuantity(cartId, productIds[product], 1 + random.nextInt(3));
    long t2 = System.nanoTime();
    if (item.status() != 200) {
      errors.add("add item " + item.label());
      return false;
    }
    // Backpressure waits count in the checkout's latency.
    ShopClient.Reply order =
        api.checkoutHonouringBackpressure(
            cartId, "buyer" + buyer.incrementAndGet() + "@example.com", deferred);
    long t3 = System.nanoTime();
    boolean inWindow = t3 >= windowStart && t3 <= windowEnd;
    if (order.status() != 201) {
      if (order.isOutOfStock()) {
        outOfStock.increment();
      }
      errors.add("checkout " + order.label());
      return false;
    }
    allCreated.increment();
    if (inWindow) {
      measuredOrders.increment();
      latencies.checkout().record(t3 - t2);
      latencies.flow().record(t3 - t0);
      latencies.createCart().record(t1 - t0);
      latencies.addItem().record(t2 - t1);
    }
    return true;
  }

  private ScenarioResult result(WindowSampler sampler, long loadEnd) throws Exception {
    Latencies checkout = Latencies.merge(perClient.stream().map(FlowLatencies::checkout).toList());
    double ordersPerSecond = measuredOrders.sum() / (double) settings.durationSeconds();
    List<String> details = new ArrayList<>();
    details.add(
        String.format(
            Locale.ROOT,
            "orders in the %d s window: %d = %.1f/s (each a cart + item + checkout flow: %.1f HTTP requests/s);"
                + " %d orders in all incl. warm-up",
            settings.durationSeconds(),
            measuredOrders.sum(),
            ordersPerSecond,
            ordersPerSecond * 3,
            allCreated.sum()));
    details.add(latencyLine(checkout));
    details.add("errors (warm-up included): " + errors.summary());
    details.add(
        "checkouts deferred by backpressure (503 pipeline-behind, sent again after Retry-After): "
            + deferred.sum());
    details.add(sampler.describe(measuredOrders.sum(), "order"));
    StockAudit.Result audited =
        audit.audit(initial, productIds, allCreated.sum(), details, loadEnd);
    Latencies confirmed =
        audit
            .database()
            .confirmations(
                windowStartWall,
                windowStartWall.plus(Duration.ofSeconds(settings.durationSeconds())));
    WindowCost cost = sampler.cost(measuredOrders.sum());
    List<String> summary = perOrderSummary(cost, confirmed, sampler.compilerLine(cost, "order"));
    details.addAll(summary);
    boolean expected = errors.total() == 0 && audited.oversold() == 0 && outOfStock.sum() == 0;
    return new ScenarioResult(
        "a",
        label,
        ordersPerSecond,
        checkout.percentileMillis(50),
        checkout.percentileMillis(99),
        errors.total(),
        audited.oversold(),
        expected,
        details,
        summary,
        (cost == null ? "" : cost.properties("a.per_order"))
            + String.format(
                Locale.ROOT,
                "a.confirm_p50_ms=%.1f%na.confirm_p99_ms=%.1f%na.window_start_ms=%d%n"
                    + "a.window_end_ms=%d%n",
                confirmed.percentileMillis(50),
                confirmed.percentileMillis(99),
                windowStartWall.toEpochMilli(),
                windowStartWall
                    .plus(Duration.ofSeconds(settings.durationSeconds()))
                    .toEpochMilli()));
  }

  /**
   * The summary's lines for (a): what one order cost in the window, and how long orders created in
   * it took to be confirmed by the order pipeline.
   */
  private static List<String> perOrderSummary(
      WindowCost cost, Latencies confirmed, String compiler) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "(a) "
            + (cost == null
                ? "per order: not sampled (see the database counters line above)"
                : cost.describe("order")));
    if (compiler != null) {
      lines.add("(a) " + compiler);
    }
    lines.add(
        String.format(
            Locale.ROOT,
            "(a) confirmation latency (order created -> CONFIRMED, %d orders of the window):"
                + " p50 %.1f ms, p99 %.1f ms",
            confirmed.count(),
            confirmed.percentileMillis(50),
            confirmed.percentileMillis(99)));
    return lines;
  }

  private String latencyLine(Latencies checkout) {
    Latencies flows = Latencies.merge(perClient.stream().map(FlowLatencies::flow).toList());
    Latencies carts = Latencies.merge(perClient.stream().map(FlowLatencies::createCart).toList());
    Latencies items = Latencies.merge(perClient.stream().map(FlowLatencies::addItem).toList());
    return String.format(
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
        items.percentileMillis(99));
  }
}
