package com.securecart.bench;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenario (b) of the checkout benchmark, one hot SKU: every buyer prepares a cart holding one
 * unit, then all check out at once with bounded concurrency; exactly {@code stock} must get 201 and
 * the rest 409 out-of-stock. orders/s is the stock sold divided by the time it took to sell. Around
 * it, from just before the first checkout until the order pipeline drained, it measures what each
 * sold order cost ({@link WindowCost}, the 409s' work included) and how fast the sold orders were
 * written and confirmed end to end ({@link HotSkuEndToEnd}).
 */
final class HotSkuScenario {
  private static final String SKU = "BENCH-HOT-1";

  /** Seconds after which buyers still checking out are stopped. */
  private static final long CHECKOUT_BOUND_SECONDS = 600;

  private final CheckoutBench.Settings settings;
  private final ShopClient api;
  private final CheckoutAudit audit;
  private final int buyers;
  private final int stock;
  private final String label;
  private final Errors errors = new Errors();
  private final LongAdder sold = new LongAdder();
  private final LongAdder soldOut = new LongAdder();
  private final LongAdder deferred = new LongAdder();
  private final AtomicLong lastSaleNanos = new AtomicLong();
  private final List<Latencies> perWorker = new ArrayList<>();
  private final List<Latencies> perWorkerSold = new ArrayList<>();
  private long productId;
  private String[] cartIds;
  private double prepSeconds;
  private long checkoutStart;
  private Instant checkoutStartWall;
  private WindowCost.Snapshot before;
  private long loadEnd;

  HotSkuScenario(CheckoutBench.Settings settings, ShopClient api, CheckoutAudit audit) {
    this.settings = settings;
    this.api = api;
    this.audit = audit;
    this.buyers = settings.hotBuyers();
    this.stock = settings.hotStock();
    this.label = "(b) hot SKU " + buyers + " buyers/" + stock;
  }

  ScenarioResult run() throws Exception {
    System.out.printf(Locale.ROOT, "==> %s: creating %s with %d units...%n", label, SKU, stock);
    productId = api.createProduct(SKU, 4999, stock);
    prepareCarts();
    checkOutAll();
    ScenarioResult result = result();
    CheckoutReport.print(result);
    return result;
  }

  private void prepareCarts() throws InterruptedException {
    System.out.printf(
        Locale.ROOT,
        "==> %s: %d buyers each open a cart holding 1 unit (%d at a time)...%n",
        label,
        buyers,
        settings.hotConcurrency());
    cartIds = new String[buyers];
    long prepStart = System.nanoTime();
    Parallel.forEach(
        buyers,
        settings.hotConcurrency(),
        settings.requestTimeoutSeconds(),
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
    prepSeconds = (System.nanoTime() - prepStart) / 1e9;
  }

  /** Releases every prepared buyer at once, {@code hotConcurrency} in flight. */
  private void checkOutAll() throws InterruptedException, SQLException {
    System.out.printf(
        Locale.ROOT,
        "==> %s: all buyers check out at once (%d in flight)...%n",
        label,
        settings.hotConcurrency());
    AtomicInteger next = new AtomicInteger();
    CountDownLatch gate = new CountDownLatch(1);
    try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < settings.hotConcurrency(); w++) {
        Latencies all = new Latencies();
        Latencies sales = new Latencies();
        perWorker.add(all);
        perWorkerSold.add(sales);
        workers.submit(() -> worker(gate, next, all, sales));
      }
      before = snapshot();
      checkoutStartWall = Instant.now();
      checkoutStart = System.nanoTime();
      gate.countDown();
      workers.shutdown();
      if (!workers.awaitTermination(CHECKOUT_BOUND_SECONDS, TimeUnit.SECONDS)) {
        errors.add("buyers still checking out after " + CHECKOUT_BOUND_SECONDS + " s (stopped)");
        workers.shutdownNow();
      }
    }
    loadEnd = System.nanoTime();
  }

  private void worker(CountDownLatch gate, AtomicInteger next, Latencies all, Latencies sales) {
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
        checkOut(i, all, sales);
      } catch (IOException e) {
        errors.add(Errors.describe(e));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void checkOut(int buyer, Latencies all, Latencies sales)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    ShopClient.Reply order =
        api.checkoutHonouringBackpressure(
            cartIds[buyer], "hotbuyer" + buyer + "@example.com", deferred);
    long end = System.nanoTime();
    all.record(end - start);
    if (order.status() == 201) {
      sold.increment();
      sales.record(end - start);
      lastSaleNanos.accumulateAndGet(end, Math::max);
    } else if (order.isOutOfStock()) {
      soldOut.increment();
    } else {
      errors.add("checkout " + order.label());
    }
  }

  private ScenarioResult result() throws Exception {
    double allSeconds = (loadEnd - checkoutStart) / 1e9;
    double sellOutSeconds =
        lastSaleNanos.get() == 0 ? allSeconds : (lastSaleNanos.get() - checkoutStart) / 1e9;
    double ordersPerSecond = sellOutSeconds > 0 ? sold.sum() / sellOutSeconds : 0;
    long expectedSoldOut = Math.max(0, buyers - stock);
    long wronglyRefused = Math.max(0, soldOut.sum() - expectedSoldOut);
    long extraSales = Math.max(0, sold.sum() - stock);
    long errorCount = errors.total() + wronglyRefused + extraSales;
    Latencies all = Latencies.merge(perWorker);
    List<String> details =
        details(all, allSeconds, sellOutSeconds, ordersPerSecond, expectedSoldOut);
    details.add(
        "checkouts deferred by backpressure (503 pipeline-behind, sent again after Retry-After): "
            + deferred.sum());
    details.add(
        "errors: "
            + errors.summary()
            + (wronglyRefused > 0 ? "; " + wronglyRefused + " refused although stock was left" : "")
            + (extraSales > 0 ? "; " + extraSales + " sales beyond stock" : ""));
    StockAudit.Result audited =
        audit.audit(Map.of(SKU, stock), new long[] {productId}, sold.sum(), details, loadEnd);
    // The audit waited for the pipeline to drain: every sold order's confirmation is in the window.
    WindowCost cost = WindowCost.between(before, snapshot(), sold.sum());
    StockAudit database = audit.database();
    HotSkuEndToEnd endToEnd =
        HotSkuEndToEnd.of(
            sold.sum(),
            checkoutStartWall,
            database.confirmedSince(checkoutStartWall),
            database.confirmations(checkoutStartWall, Instant.now()));
    List<String> summary =
        List.of(
            "(b) "
                + cost.describe("sold order")
                + " (first checkout to pipeline drained, the 409s included)",
            endToEnd.describe());
    details.addAll(summary);
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
    return new ScenarioResult(
        "b",
        label,
        ordersPerSecond,
        all.percentileMillis(50),
        all.percentileMillis(99),
        errorCount,
        audited.oversold(),
        expected,
        details,
        summary,
        cost.properties("b.per_order") + endToEnd.properties());
  }

  private WindowCost.Snapshot snapshot() throws SQLException {
    StockAudit database = audit.database();
    return WindowCost.Snapshot.take(
        database,
        new CpuMeter(settings.serverPid(), null),
        new CpuMeter(0, database.databaseName()));
  }

  private List<String> details(
      Latencies all,
      double allSeconds,
      double sellOutSeconds,
      double ordersPerSecond,
      long expectedSoldOut) {
    Latencies sales = Latencies.merge(perWorkerSold);
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
            sales.percentileMillis(50),
            sales.percentileMillis(99),
            sales.maxMillis()));
    return details;
  }
}
