package com.securecart.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Scenario (c) of the checkout benchmark, cart adds: right after (a), on the same server and SKUs,
 * the same number of closed-loop clients each fill a guest cart with {@code PUT
 * /api/cart/items/{productId}} (a random SKU of (a), 1 to 3 units), one add after another, and
 * start a fresh cart once theirs holds {@code --cart-lines} distinct lines (the server refuses more
 * than CartApi.MAX_LINES). adds/s counts the adds answered 200 inside the measured window: the
 * single-transaction write that issue 18 compares with the bare durable insert.
 */
final class CartAddsScenario {
  /** Safety bound on one client's loop, besides the clock. */
  private static final int MAX_ADDS_PER_CLIENT = 10_000_000;

  /**
   * What (c) measured, for the summary and checkout-results.properties.
   *
   * @param summary lines for the summary under the table
   * @param properties {@code c.*} lines for checkout-results.properties
   */
  record Result(
      double addsPerSecond,
      double p50Millis,
      double p99Millis,
      long errors,
      List<String> summary,
      String properties) {}

  private final CheckoutBench.Settings settings;
  private final ShopClient api;
  private final StockAudit database;
  private final long[] productIds;
  private final String label;
  private final Errors errors = new Errors();
  private final LongAdder measuredAdds = new LongAdder();
  private final LongAdder allAdds = new LongAdder();
  private final LongAdder windowCarts = new LongAdder();
  private final List<Latencies> perClient = new ArrayList<>();
  private long windowStart;
  private long windowEnd;

  CartAddsScenario(
      CheckoutBench.Settings settings, ShopClient api, StockAudit database, long[] productIds) {
    this.settings = settings;
    this.api = api;
    this.database = database;
    this.productIds = productIds.clone();
    this.label = "(c) cart adds, " + settings.clients() + " clients";
  }

  Result run() throws Exception {
    System.out.printf(
        Locale.ROOT,
        "==> %s over (a)'s %d SKUs, a fresh cart every %d lines: %d s warm-up, then %d s"
            + " measured...%n",
        label,
        productIds.length,
        settings.cartLines(),
        settings.warmupSeconds(),
        settings.durationSeconds());
    windowStart = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.warmupSeconds());
    windowEnd = windowStart + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
    WindowSampler sampler =
        WindowSampler.of(database, settings.serverPid(), windowStart, windowEnd);
    Thread samplerThread = Thread.ofVirtual().name("window-sampler-c").start(sampler);
    perClient.addAll(
        Parallel.clients(
            settings.clients(),
            Latencies::new,
            this::client,
            settings.warmupSeconds() + settings.durationSeconds(),
            settings.requestTimeoutSeconds(),
            errors));
    samplerThread.join(TimeUnit.SECONDS.toMillis(settings.requestTimeoutSeconds() + 10L));
    Result result = result(sampler);
    System.out.println("    " + label);
    result.summary().forEach(line -> System.out.println("      " + line));
    System.out.println("      " + sampler.describe(measuredAdds.sum(), "add"));
    String compiler = sampler.compilerLine(sampler.cost(measuredAdds.sum()), "add");
    if (compiler != null) {
      System.out.println("      (c) " + compiler);
    }
    System.out.println("      errors (warm-up included): " + errors.summary());
    return result;
  }

  /**
   * One client: add after add until the window closes; a fresh cart when its cart is full or an add
   * failed (the cart may be gone), after a short pause.
   */
  private void client(Latencies latencies) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    String cartId = null;
    Set<Long> lines = new HashSet<>();
    for (int i = 0; i < MAX_ADDS_PER_CLIENT && System.nanoTime() < windowEnd; i++) {
      try {
        if (cartId == null || lines.size() >= settings.cartLines()) {
          cartId = newCart();
          lines.clear();
          if (cartId == null) {
            Parallel.pause();
            continue;
          }
        }
        long product = productIds[random.nextInt(productIds.length)];
        long t0 = System.nanoTime();
        ShopClient.Reply reply = api.setQuantity(cartId, product, 1 + random.nextInt(3));
        long t1 = System.nanoTime();
        if (reply.status() != 200) {
          errors.add("add item " + reply.label());
          cartId = null;
          Parallel.pause();
          continue;
        }
        lines.add(product);
        allAdds.increment();
        if (t1 >= windowStart && t1 <= windowEnd) {
          measuredAdds.increment();
          latencies.record(t1 - t0);
        }
      } catch (IOException e) {
        errors.add(Errors.describe(e));
        cartId = null;
        Parallel.pause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** A fresh guest cart's id (its secret too), or null (an error counted) if it failed. */
  private String newCart() throws IOException, InterruptedException {
    ShopClient.Reply cart = api.createCart();
    long answered = System.nanoTime();
    if (cart.status() != 201 || !cart.body().path("id").isTextual()) {
      errors.add("create cart " + cart.label());
      return null;
    }
    if (answered >= windowStart && answered <= windowEnd) {
      windowCarts.increment();
    }
    return cart.body().path("id").asText();
  }

  private Result result(WindowSampler sampler) {
    Latencies adds = Latencies.merge(perClient);
    double perSecond = measuredAdds.sum() / (double) settings.durationSeconds();
    WindowCost cost = sampler.cost(measuredAdds.sum());
    List<String> summary =
        summary(
            label,
            perSecond,
            settings.durationSeconds(),
            adds,
            errors.total(),
            allAdds.sum(),
            windowCarts.sum(),
            cost);
    return new Result(
        perSecond,
        adds.percentileMillis(50),
        adds.percentileMillis(99),
        errors.total(),
        summary,
        String.format(
                Locale.ROOT,
                "c.adds_per_s=%.1f%nc.p50_ms=%.1f%nc.p99_ms=%.1f%nc.errors=%d%nc.carts_in_window=%d%n",
                perSecond,
                adds.percentileMillis(50),
                adds.percentileMillis(99),
                errors.total(),
                windowCarts.sum())
            + (cost == null ? "" : cost.properties("c.per_add")));
  }

  /** The summary's lines for (c): the rate and latency of adds, and what one add cost. */
  static List<String> summary(
      String label,
      double addsPerSecond,
      int windowSeconds,
      Latencies adds,
      long errors,
      long allAdds,
      long windowCarts,
      WindowCost cost) {
    return List.of(
        String.format(
            Locale.ROOT,
            "%s: %.1f adds/s in the %d s window, p50 %.1f ms, p99 %.1f ms, errors %d"
                + " (warm-up included); %d adds in all incl. warm-up",
            label,
            addsPerSecond,
            windowSeconds,
            adds.percentileMillis(50),
            adds.percentileMillis(99),
            errors,
            allAdds),
        "(c) "
            + (cost == null
                ? "per add: not sampled (see the database counters line above)"
                : cost.describe("add"))
            + String.format(
                Locale.ROOT,
                "; the window's %d fresh carts (POST /api/carts) are included",
                windowCarts));
  }
}
