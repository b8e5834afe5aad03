package com.securecart.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load driver of the checkout benchmark's baseline ({@link BareInsertServer}): the same closed
 * loop as scenario (a), with the same clients, warm-up and window, but each iteration is one {@code
 * POST /bare}. It measures inserts/s, their latency and, over the same window, what one insert cost
 * ({@link WindowCost}); writes bare-results.properties and bare-summary.txt for bench/checkout.sh.
 */
public final class BareBench {
  record Settings(
      URI baseUrl,
      String jdbcUrl,
      int clients,
      int durationSeconds,
      int warmupSeconds,
      int requestTimeoutSeconds,
      long serverPid,
      Path resultsDir) {
    static Options options() {
      return Options.of("bare insert bench")
          .option("--base-url", null)
          .option("--jdbc-url", null)
          .option("--clients", "32")
          .option("--duration", "30")
          .option("--warmup", "5")
          .option("--request-timeout", "30")
          .option("--server-pid", "0")
          .option("--results-dir", "bench/target");
    }

    static Settings from(Options o) {
      return new Settings(
          o.loopback("--base-url"),
          o.string("--jdbc-url"),
          o.integer("--clients", 1, 4096),
          o.integer("--duration", 1, 3600),
          o.integer("--warmup", 0, 600),
          o.integer("--request-timeout", 1, 600),
          o.whole("--server-pid", 0, Long.MAX_VALUE),
          o.path("--results-dir"));
    }
  }

  /** A small JSON body, about the size of a checkout's, stored as the row's payload. */
  private static final Map<String, Object> BODY =
      Map.of("email", "bare@example.com", "note", "the stack's floor: one INSERT, one commit");

  private final Settings settings;
  private final ShopClient api;
  private final Errors errors = new Errors();
  private final LongAdder measured = new LongAdder();
  private final List<Latencies> perClient = new ArrayList<>();
  private long windowStart;
  private long windowEnd;

  private BareBench(Settings settings) {
    this.settings = settings;
    this.api =
        new ShopClient(
            settings.baseUrl(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(settings.requestTimeoutSeconds()));
  }

  public static void main(String[] args) throws Exception {
    Options options = Settings.options();
    Settings settings = options.orExit(() -> Settings.from(options.parse(args)));
    System.exit(new BareBench(settings).run());
  }

  private int run() throws Exception {
    try (StockAudit database = new StockAudit(settings.jdbcUrl())) {
      CpuMeter server = new CpuMeter(settings.serverPid(), null);
      CpuMeter postgres = new CpuMeter(0, database.databaseName());
      windowStart = System.nanoTime() + TimeUnit.SECONDS.toNanos(settings.warmupSeconds());
      windowEnd = windowStart + TimeUnit.SECONDS.toNanos(settings.durationSeconds());
      WindowCost.Snapshot[] edges = new WindowCost.Snapshot[2];
      Thread sampler =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      WindowSampler.sleepUntil(windowStart);
                      edges[0] = WindowCost.Snapshot.take(database, server, postgres);
                      WindowSampler.sleepUntil(windowEnd);
                      edges[1] = WindowCost.Snapshot.take(database, server, postgres);
                    } catch (SQLException e) {
                      errors.add("window sample: " + Errors.describe(e));
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      runClients();
      sampler.join(TimeUnit.SECONDS.toMillis(settings.requestTimeoutSeconds() + 10L));
      report(
          edges[0] == null || edges[1] == null
              ? null
              : WindowCost.between(edges[0], edges[1], measured.sum()));
    }
    return 0;
  }

  private void runClients() throws InterruptedException {
    perClient.addAll(
        Parallel.clients(
            settings.clients(),
            Latencies::new,
            this::client,
            settings.warmupSeconds() + settings.durationSeconds(),
            settings.requestTimeoutSeconds(),
            errors));
  }

  /** One client: insert after insert until the window closes; a failed one pauses briefly. */
  private void client(Latencies latencies) {
    while (System.nanoTime() < windowEnd) {
      try {
        long t0 = System.nanoTime();
        ShopClient.Reply reply = api.post("/bare", BODY);
        long t1 = System.nanoTime();
        if (reply.status() != 201) {
          errors.add("POST /bare " + reply.label());
          Parallel.pause();
        } else if (t1 >= windowStart && t1 <= windowEnd) {
          measured.increment();
          latencies.record(t1 - t0);
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

  private void report(WindowCost cost) throws IOException {
    Latencies all = Latencies.merge(perClient);
    double perSecond = measured.sum() / (double) settings.durationSeconds();
    String rate =
        String.format(
            Locale.ROOT,
            "bare insert: %.1f inserts/s in the %d s window, p50 %.1f ms, p99 %.1f ms, errors %d",
            perSecond,
            settings.durationSeconds(),
            all.percentileMillis(50),
            all.percentileMillis(99),
            errors.total());
    String costLine =
        "bare insert " + (cost == null ? "per insert: not sampled" : cost.describe("insert"));
    System.out.println("    " + rate);
    System.out.println("    " + costLine);
    if (errors.total() > 0) {
      System.out.println("    errors: " + errors.summary());
    }
    Files.createDirectories(settings.resultsDir());
    Files.writeString(
        settings.resultsDir().resolve("bare-results.properties"),
        String.format(
                Locale.ROOT,
                "bare.inserts_per_s=%.1f%nbare.p50_ms=%.1f%nbare.p99_ms=%.1f%nbare.errors=%d%n",
                perSecond,
                all.percentileMillis(50),
                all.percentileMillis(99),
                errors.total())
            + (cost == null ? "" : cost.properties("bare.per_insert")));
    Files.writeString(
        settings.resultsDir().resolve("bare-summary.txt"), rate + "\n" + costLine + "\n");
  }
}
