package com.securecart.bench;

import com.securecart.app.AppSettings;
import com.securecart.app.Contexts;
import com.securecart.app.DatabaseSettings;
import com.securecart.app.Observers;
import com.securecart.inventory.InventoryApi;
import com.securecart.inventory.OutOfStockException;
import com.securecart.inventory.StockLevel;
import com.securecart.inventory.StockRequest;
import com.securecart.persistence.CoalescingTransactions;
import com.securecart.persistence.Database;
import com.securecart.shared.OrderId;
import com.securecart.shared.SharedTransactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The stock reservation alone, in-process on PostgreSQL: B buyers (C at a time, virtual threads)
 * each reserve one unit of one SKU in a transaction, the direct way (one transaction, row lock and
 * commit per buyer) and then the coalesced way (docs/adr/0012), with the code checkout runs. It
 * shows what coalescing does to the hot row itself, without HTTP, carts and orders around it; see
 * bench/README.md. Prints one line per mode and the ratio; exits 3 if anything was oversold.
 */
public final class HotSkuReservationBench {
  private HotSkuReservationBench() {}

  record Run(String mode, int sold, int refused, int errors, double seconds, long oversold) {
    double perSecond() {
      return sold / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    Options o =
        Options.of("hotsku reservation bench")
            .option("--jdbc-url", null)
            .option("--buyers", "10000")
            .option("--stock", "5000")
            .option("--concurrency", "64");
    String url;
    int buyers;
    int stock;
    int concurrency;
    try {
      url = o.parse(args).string("--jdbc-url");
      buyers = o.integer("--buyers", 1, 100_000_000);
      stock = o.integer("--stock", 1, 100_000_000);
      concurrency = o.integer("--concurrency", 1, 100_000);
    } catch (Options.UsageException e) {
      throw o.exit(e);
    }
    try (Database db = new Database(url, null, null, 16);
        Contexts contexts =
            Contexts.wire(
                AppSettings.defaults(new DatabaseSettings(url, null, null, 16)),
                db,
                Clock.systemUTC(),
                Observers.none())) {
      db.migrate();
      InventoryApi inventory = contexts.inventory();
      Run direct =
          run(
              "direct",
              SharedTransactions.direct(db.transactions()),
              inventory,
              buyers,
              stock,
              concurrency,
              0);
      Run coalesced =
          run(
              "coalesced",
              new CoalescingTransactions(db.transactions(), 64, 4),
              inventory,
              buyers,
              stock,
              concurrency,
              buyers);
      System.out.printf(
          Locale.ROOT,
          "%-12s %16s %8s %8s %8s %9s%n",
          "mode",
          "reservations/s",
          "sold",
          "refused",
          "errors",
          "oversold");
      for (Run r : List.of(direct, coalesced)) {
        System.out.printf(
            Locale.ROOT,
            "%-12s %16.1f %8d %8d %8d %9d%n",
            r.mode(),
            r.perSecond(),
            r.sold(),
            r.refused(),
            r.errors(),
            r.oversold());
      }
      double ratio = coalesced.perSecond() / direct.perSecond();
      System.out.printf(
          Locale.ROOT,
          "coalesced/direct ratio (reservation only): %.2fx   (goal >= 10x: %s)   oversold: %d%n",
          ratio,
          ratio >= 10 ? "met" : "not met",
          direct.oversold() + coalesced.oversold());
      System.exit(direct.oversold() + coalesced.oversold() == 0 ? 0 : 3);
    }
  }

  private static Run run(
      String mode,
      SharedTransactions transactions,
      InventoryApi inventory,
      int buyers,
      int stock,
      int concurrency,
      long firstOrder) {
    String sku = "HOT-RESERVE-" + mode.toUpperCase(Locale.ROOT);
    inventory.setOnHand(sku, stock);
    LongAdder sold = new LongAdder();
    LongAdder refused = new LongAdder();
    LongAdder errors = new LongAdder();
    AtomicLong lastSale = new AtomicLong();
    AtomicInteger next = new AtomicInteger();
    Instant expires = Instant.now().plusSeconds(3600);
    long start = System.nanoTime();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int w = 0; w < concurrency; w++) {
        pool.submit(
            () -> {
              for (int i = next.getAndIncrement(); i < buyers; i = next.getAndIncrement()) {
                OrderId order = new OrderId(firstOrder + i + 1);
                try {
                  transactions.inTransaction(
                      () -> "stock:" + sku,
                      () -> {
                        inventory.reserve(order, List.of(new StockRequest(sku, 1)), expires);
                        return null;
                      });
                  sold.increment();
                  lastSale.accumulateAndGet(System.nanoTime(), Math::max);
                } catch (OutOfStockException e) {
                  refused.increment();
                } catch (RuntimeException e) {
                  errors.increment();
                  System.err.println(mode + ": " + e);
                }
              }
            });
      }
    }
    StockLevel level = inventory.level(sku);
    long oversold =
        Math.max(0, level.reserved() - level.onHand())
            + Math.max(0, sold.sum() - stock)
            + (level.reserved() == sold.sum() ? 0 : Math.abs(level.reserved() - sold.sum()));
    return new Run(
        mode,
        sold.intValue(),
        refused.intValue(),
        errors.intValue(),
        (lastSale.get() - start) / 1e9,
        oversold);
  }
}
