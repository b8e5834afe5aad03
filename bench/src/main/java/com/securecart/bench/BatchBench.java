package com.securecart.bench;

import com.securecart.app.NightlyParts;
import com.securecart.persistence.Database;
import com.securecart.recommendations.ItemToItemModel;
import com.securecart.recommendations.OfflineEvaluation;
import com.securecart.recommendations.RecommendationsApi;
import com.securecart.server.batch.NightlyJob;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * {@code ./securecart bench batch}: generates a purchase history with planted structure on
 * PostgreSQL (customers in taste segments, each buying mostly from its own range of products, plus
 * best-sellers everybody buys), runs the nightly job's stages on it and prints the time per stage,
 * the peak heap, the model's offline quality next to popularity, and the in-process serving p99.
 * Usage: {@code BatchBench JDBC_URL ORDERS PRODUCTS CUSTOMERS}.
 */
public final class BatchBench {
  static final int DAYS = 90;
  static final int SEGMENTS = 40;
  static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 24);

  private BatchBench() {}

  public static void main(String[] args) throws Exception {
    // The server's classes bring SLF4J's JUL binding: the pool's start and stop lines are noise
    // here.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.WARNING);
    Options o =
        Options.of("batch bench")
            .option("--jdbc-url", null)
            .option("--orders", "1000000")
            .option("--products", "100000")
            .option("--customers", "200000");
    String url;
    int orders;
    int products;
    int customers;
    try {
      url = o.parse(args).string("--jdbc-url");
      orders = o.integer("--orders", 1, 100_000_000);
      products = o.integer("--products", 1, 100_000_000);
      customers = o.integer("--customers", 1, 100_000_000);
    } catch (Options.UsageException e) {
      throw o.exit(e);
    }
    try (Database db = new Database(url, null, null, 8)) {
      db.migrate();
    }
    long t0 = System.nanoTime();
    long lines;
    try (Connection c = DriverManager.getConnection(url)) {
      lines = generate(c, orders, products, customers);
      try (Statement s = c.createStatement()) {
        s.execute("ANALYZE");
      }
    }
    System.out.printf(
        Locale.ROOT,
        "generated %,d orders with %,d lines, %,d products, %,d customers over %d days in %.1f s%n",
        orders,
        lines,
        products,
        customers,
        DAYS,
        (System.nanoTime() - t0) / 1e9);

    System.gc();
    resetPeaks();
    Clock clock =
        Clock.fixed(LAST_DAY.plusDays(1).atTime(2, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    long jobStart = System.nanoTime();
    ItemToItemModel model;
    OfflineEvaluation.Result r;
    // The job itself, as `securecart batch nightly` runs it: the ledger, the read-only pool for
    // the orders, each stage.
    try (Database db = new Database(url, null, null, 4);
        Database reads = Database.readOnly(url, null, null, 2)) {
      NightlyJob.Summary run =
          new NightlyJob(NightlyParts.wire(db, reads, clock), () -> {}, clock)
              .run(LAST_DAY, line -> {});
      RecommendationsApi.Version version = run.model();
      model = version.model();
      r = version.quality();
      System.out.printf(
          Locale.ROOT,
          "nightly job for %s: stage 1 analytics %.1f s (%,d orders placed that day, %,d customers in"
              + " RFM segments); stage 2 model (evaluate, train, store version %d) %.1f s (%,d purchase"
              + " lines, %,d products); total %.1f s%n",
          LAST_DAY,
          run.analyticsTook().toNanos() / 1e9,
          run.report().totals().ordersPlaced(),
          run.report().segments().values().stream().mapToInt(Integer::intValue).sum(),
          version.stored(),
          version.took().toNanos() / 1e9,
          version.purchases(),
          version.products(),
          (System.nanoTime() - jobStart) / 1e9);
    }
    System.out.printf(
        Locale.ROOT,
        "peak heap during the job: %,d MiB (of -Xmx %,d MiB)%n",
        peakHeap() >> 20,
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(
        Locale.ROOT,
        "goal: whole nightly job <= 120 s with <= 2 GiB heap: %s%n",
        (System.nanoTime() - jobStart) / 1e9 <= 120 && peakHeap() <= (2L << 30)
            ? "MET"
            : "NOT MET");

    servingLatency(model, products);

    System.out.printf(
        Locale.ROOT,
        "generated data, trained before the last 14 days, %,d test customers:%n",
        r.customers());
    System.out.printf(Locale.ROOT, "%-24s %12s %10s%n", "", "hit rate@10", "NDCG@10");
    System.out.printf(
        Locale.ROOT, "%-24s %12.4f %10.4f%n", "item-to-item", r.modelHitRate(), r.modelNdcg());
    System.out.printf(
        Locale.ROOT, "%-24s %12.4f %10.4f%n", "popularity", r.popularHitRate(), r.popularNdcg());
    double ratio = r.modelHitRate() / r.popularHitRate();
    System.out.printf(
        Locale.ROOT,
        "goal hit rate@10 >= 2x popularity: %.2fx -> %s%n",
        ratio,
        ratio >= 2 ? "MET" : "NOT MET");
  }

  private static void servingLatency(ItemToItemModel model, int products) {
    SplittableRandom random = new SplittableRandom(7);
    int n = 200_000;
    long[] took = new long[n];
    for (int i = 0; i < n; i++) {
      long product = 1 + random.nextInt(products);
      long start = System.nanoTime();
      if (i % 2 == 0) {
        model.similarTo(product, 10, id -> true);
      } else {
        model.forCustomer(
            List.of(product, 1L + random.nextInt(products), 1L + random.nextInt(products)),
            10,
            id -> true);
      }
      took[i] = System.nanoTime() - start;
    }
    java.util.Arrays.sort(took, n / 4, n);
    long[] measured = java.util.Arrays.copyOfRange(took, n / 4, n);
    System.out.printf(
        Locale.ROOT,
        "serving in process (model in memory, after a warm-up of %,d calls): p50 %.3f ms, p99 %.3f ms"
            + " (goal p99 <= 2 ms: %s)%n",
        n / 4,
        measured[measured.length / 2] / 1e6,
        measured[(int) (measured.length * 0.99)] / 1e6,
        measured[(int) (measured.length * 0.99)] <= 2_000_000 ? "MET" : "NOT MET");
  }

  /** Writes the tables with COPY; returns the number of order lines. */
  static long generate(Connection c, int orders, int products, int customers)
      throws SQLException, IOException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    SplittableRandom random = new SplittableRandom(2026);
    Instant epoch = Instant.parse("2026-01-01T00:00:00Z");
    StringBuilder b = new StringBuilder(1 << 20);
    for (int p = 1; p <= products; p++) {
      int segment = (p - 1) % SEGMENTS;
      b.append(p)
          .append('\t')
          .append("SKU-")
          .append(p)
          .append('\t')
          .append("Product ")
          .append(p)
          .append("\tGenerated\tBrand ")
          .append(p % 500)
          .append("\tCategory ")
          .append(segment)
          .append('\t')
          .append(500 + (p * 37) % 20_000)
          .append("\tEUR\t{}\tt\t")
          .append(epoch)
          .append('\t')
          .append(epoch)
          .append('\n');
    }
    copy.copyIn(
        "COPY products (id, sku, name, description, brand, category, price_cents, currency, attributes,"
            + " active, created_at, updated_at) FROM STDIN",
        reader(b));
    b.setLength(0);
    for (int p = 1; p <= products; p++) {
      b.append("SKU-").append(p).append("\t1000000\t0\n");
    }
    copy.copyIn("COPY inventory (sku, on_hand, reserved) FROM STDIN", reader(b));
    b.setLength(0);
    for (int k = 1; k <= customers; k++) {
      b.append(1_000 + k)
          .append("\tc")
          .append(k)
          .append("@example.com\tCustomer ")
          .append(k)
          .append("\tx\tCUSTOMER\t")
          .append(epoch)
          .append('\n');
    }
    copy.copyIn(
        "COPY accounts (id, email, name, password_hash, role, created_at) FROM STDIN", reader(b));
    b.setLength(0);
    long lines = 0;
    int batch = 100_000;
    StringBuilder ls = new StringBuilder(1 << 22);
    StringBuilder cs = new StringBuilder(1 << 20);
    String hash = "0".repeat(64);
    for (int o = 1; o <= orders; o++) {
      int customer = 1 + random.nextInt(customers);
      int segment = customer % SEGMENTS;
      Instant at =
          epoch.plusSeconds(
              (long) (LAST_DAY.toEpochDay() - LocalDate.of(2026, 1, 1).toEpochDay() - DAYS + 1)
                      * 86_400
                  + random.nextLong((long) DAYS * 86_400));
      int roll = random.nextInt(100);
      String status = roll < 3 ? "PAYMENT_FAILED" : roll < 5 ? "CANCELLED" : "CONFIRMED";
      int count = 1 + random.nextInt(5);
      long subtotal = 0;
      for (int l = 1; l <= count; l++) {
        int product = pick(random, segment, products);
        long price = 500 + (product * 37L) % 20_000;
        int quantity = 1 + random.nextInt(2);
        subtotal += price * quantity;
        ls.append(o)
            .append('\t')
            .append(l)
            .append('\t')
            .append(product)
            .append("\tSKU-")
            .append(product)
            .append("\tProduct ")
            .append(product)
            .append('\t')
            .append(price)
            .append('\t')
            .append(quantity)
            .append('\t')
            .append(price * quantity)
            .append('\n');
        lines++;
      }
      b.append(o)
          .append("\tSC-")
          .append(o)
          .append('\t')
          .append(1_000 + customer)
          .append("\tc")
          .append(customer)
          .append("@example.com\tCustomer\t1 Main St\tBerlin\t10115\tDE\tEUR\t")
          .append(subtotal)
          .append("\t0\t0\t")
          .append(subtotal)
          .append('\t')
          .append(status)
          .append('\t')
          .append(hash)
          .append("\t1\t")
          .append(at)
          .append('\t')
          .append(at)
          .append('\n');
      cs.append("cart-")
          .append(o)
          .append('\t')
          .append(1_000 + customer)
          .append("\tCONVERTED\t")
          .append(at)
          .append('\t')
          .append(at)
          .append('\n');
      if (o % batch == 0 || o == orders) {
        copy.copyIn(
            "COPY orders (id, number, customer_id, email, ship_name, ship_line1, ship_city,"
                + " ship_postal_code, ship_country, currency, subtotal_cents, tax_cents, shipping_cents,"
                + " total_cents, status, access_token_hash, version, created_at, updated_at) FROM STDIN",
            reader(b));
        copy.copyIn(
            "COPY order_lines (order_id, line_no, product_id, sku, name, unit_price_cents, quantity,"
                + " line_total_cents) FROM STDIN",
            reader(ls));
        copy.copyIn(
            "COPY carts (id, customer_id, status, created_at, updated_at) FROM STDIN", reader(cs));
        b.setLength(0);
        ls.setLength(0);
        cs.setLength(0);
      }
    }
    return lines;
  }

  /** Mostly the segment's own products (skewed to its first ones), sometimes a best-seller. */
  private static int pick(SplittableRandom random, int segment, int products) {
    if (random.nextInt(10) == 0) {
      return 1 + random.nextInt(50);
    }
    int perSegment = products / SEGMENTS;
    int n =
        (int) Math.min(perSegment - 1, Math.floor(perSegment * Math.pow(random.nextDouble(), 3)));
    return 1 + segment + n * SEGMENTS;
  }

  private static Reader reader(StringBuilder b) {
    return new StringReader(b.toString());
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
