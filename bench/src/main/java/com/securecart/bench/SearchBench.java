package com.securecart.bench;

import com.securecart.bench.SearchMix.SearchCase;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The load driver behind {@code ./securecart bench search}, run once per engine and catalog size:
 *
 * <ol>
 *   <li>(postgres only, with {@code --build}) builds PostgreSQL's read model and indexes from
 *       SecureCart's tables, timed ({@link PostgresSearchEngine}).
 *   <li>A validation pass: every search of the {@link SearchMix} once; each must succeed, and its
 *       total is written to {@code search-N-ENGINE-mix.tsv} so the engines can be compared search
 *       by search.
 *   <li>A warm-up with all clients, then a measured window with 1 client and one with N clients.
 *       Closed loop: each client (a virtual thread with its own session, connected beforehand) runs
 *       the mix in order from its own starting point, one search after another, from a lead-in
 *       before the window until it closes. queries/s counts the searches completed inside the
 *       window divided by its length; p50/p99 are exact (sorted) over those searches.
 * </ol>
 *
 * Figures are appended as properties to {@code search-results.properties}, where bench/search.sh
 * also writes what it measured around the server (start, index size, heap), and which {@link
 * SearchReport} turns into the summary table.
 */
public final class SearchBench {
  /** Safety bound on one client's loop, besides the clock. */
  private static final int MAX_SEARCHES_PER_CLIENT = 5_000_000;

  /** Seconds the single client runs before its window opens. */
  private static final int LEAD_IN_ONE_CLIENT = 2;

  /** Searches slower than this are counted, and listed one by one (the first 10 of a window). */
  private static final long OUTLIER_NANOS = TimeUnit.SECONDS.toNanos(1);

  record Settings(
      String engine,
      URI baseUrl,
      String jdbcUrl,
      long products,
      int clients,
      int durationSeconds,
      int warmupSeconds,
      int requestTimeoutSeconds,
      boolean build,
      long serverPid,
      Path resultsDir) {

    static Options options() {
      return Options.of("search bench")
          .option("--engine", null)
          .option("--base-url", null)
          .option("--jdbc-url", null)
          .option("--products", null)
          .option("--clients", "32")
          .option("--duration", "15")
          .option("--warmup", "5")
          .option("--request-timeout", "10")
          .option("--build", "false")
          .option("--server-pid", "0")
          .option("--results-dir", "bench/target");
    }

    static Settings from(Options o) {
      String engine = o.optional("--engine").orElse("");
      if (!"securecart".equals(engine) && !"postgres".equals(engine)) {
        throw new Options.UsageException("--engine securecart|postgres is required");
      }
      URI base = null;
      if ("securecart".equals(engine)) {
        base = o.loopback("--base-url");
      } else {
        String url = o.optional("--jdbc-url").orElse("");
        if (!url.startsWith("jdbc:postgresql://127.0.0.1:")) {
          throw new Options.UsageException("--jdbc-url jdbc:postgresql://127.0.0.1:PORT/DB...");
        }
      }
      return new Settings(
          engine,
          base,
          o.optional("--jdbc-url").orElse(null),
          o.whole("--products", 1, 100_000_000),
          o.integer("--clients", 1, 1024),
          o.integer("--duration", 1, 600),
          o.integer("--warmup", 0, 300),
          o.integer("--request-timeout", 1, 120),
          o.bool("--build"),
          o.whole("--server-pid", 0, Long.MAX_VALUE),
          o.path("--results-dir"));
    }
  }

  /** What one measured window gave. */
  record Window(
      int clients,
      double seconds,
      long searches,
      Latencies all,
      Latencies engineSide,
      Latencies[] byKind,
      Latencies[] byCase,
      Errors errors,
      long slowSearches,
      List<String> outliers,
      double cpuSeconds,
      long driverCpuNanos,
      long engineCpuNanos) {
    double perSecond() {
      return searches / seconds;
    }
  }

  private final Settings options;
  private final List<String> properties = new ArrayList<>();

  private SearchBench(Settings options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options = Settings.options();
    Settings settings = options.orExit(() -> Settings.from(options.parse(args)));
    System.exit(new SearchBench(settings).run());
  }

  private String key(String suffix) {
    return options.products() + "." + options.engine() + "." + suffix;
  }

  private void put(String suffix, Object value) {
    properties.add(key(suffix) + "=" + value);
  }

  private int run() throws Exception {
    Files.createDirectories(options.resultsDir());
    try (SearchEngine engine = engine()) {
      if (engine instanceof PostgresSearchEngine pg && options.build()) {
        System.out.println("==> postgres: building the read model, tsvector GIN and trigram GIN");
        PostgresSearchEngine.Build build = pg.build(line -> System.out.println("    " + line));
        build.details().forEach(line -> System.out.println("    " + line));
        put("build_s", fmt(build.seconds()));
        put("index_mb", fmt(build.totalBytes() / 1024.0 / 1024.0));
        put("indexed", build.products());
      }
      if (!validate(engine)) {
        writeProperties();
        return 1;
      }
      if (options.warmupSeconds() > 0) {
        System.out.printf(
            Locale.ROOT,
            "==> %s: warm-up, %d clients for %d s%n",
            engine.name(),
            options.clients(),
            options.warmupSeconds());
        Window warm = measure(engine, options.clients(), 0, options.warmupSeconds());
        System.out.printf(
            Locale.ROOT,
            "    %,d searches, %.1f/s, errors: %s%n",
            warm.searches(),
            warm.perSecond(),
            warm.errors().summary());
      }
      List<Window> windows = new ArrayList<>();
      for (int clients : options.clients() == 1 ? List.of(1) : List.of(1, options.clients())) {
        // The clients run for a lead-in before the window, so that it starts in a steady state
        // (every client busy, as many searches in flight as clients); what completes in the window
        // counts.
        int leadIn =
            clients == 1
                ? LEAD_IN_ONE_CLIENT
                : Math.max(LEAD_IN_ONE_CLIENT, options.warmupSeconds());
        System.out.printf(
            Locale.ROOT,
            "==> %s: %d client%s, %d s lead-in, then %d s measured...%n",
            engine.name(),
            clients,
            clients == 1 ? "" : "s",
            leadIn,
            options.durationSeconds());
        Window w = measure(engine, clients, leadIn, options.durationSeconds());
        windows.add(w);
        report(w);
      }
      writeCaseLatencies(engine.name(), windows);
    }
    writeProperties();
    return 0;
  }

  private CpuMeter cpuMeter() {
    if (options.serverPid() > 0) {
      return new CpuMeter(options.serverPid(), null);
    }
    String url = options.jdbcUrl();
    if (url == null) {
      return new CpuMeter(0, null);
    }
    // jdbc:postgresql://127.0.0.1:5432/DB?params -> DB
    String path = url.substring(url.indexOf("//") + 2);
    String db = path.substring(path.indexOf('/') + 1).split("\\?")[0];
    return new CpuMeter(0, db);
  }

  private SearchEngine engine() {
    return "securecart".equals(options.engine())
        ? new HttpSearchEngine(
            options.baseUrl(), Duration.ofSeconds(options.requestTimeoutSeconds()))
        : new PostgresSearchEngine(options.jdbcUrl());
  }

  /** Every search once; all must succeed. Writes the totals for the search-by-search comparison. */
  private boolean validate(SearchEngine engine) throws Exception {
    System.out.printf(
        Locale.ROOT,
        "==> %s: validation pass, the %d searches of the mix once each%n",
        engine.name(),
        SearchMix.MIX.size());
    StringBuilder tsv = new StringBuilder("no\tkind\ttotal\thits\tfacets\tms\tsearch\n");
    int failures = 0;
    Map<String, int[]> withHits = new LinkedHashMap<>();
    int[] facetsChecked = new int[2];
    try (SearchEngine.Session session = engine.open()) {
      for (SearchCase c : SearchMix.MIX) {
        long t0 = System.nanoTime();
        SearchEngine.Answer answer;
        try {
          answer = engine instanceof HttpSearchEngine http ? http.validate(c) : session.search(c);
        } catch (Exception e) {
          failures++;
          System.out.printf(
              Locale.ROOT,
              "    search %d FAILED: %s: %s%n",
              c.no(),
              c.describe(),
              Errors.describe(e));
          tsv.append(c.no()).append('\t').append(c.kind()).append("\tERROR\t\t\t\t");
          tsv.append(c.describe()).append('\n');
          continue;
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        int[] counts = withHits.computeIfAbsent(c.kind(), k -> new int[2]);
        counts[1]++;
        if (answer.total() > 0) {
          counts[0]++;
          facetsChecked[1]++;
          if (answer.facets() == 3) {
            facetsChecked[0]++; // a category, a brand and a price facet
          }
        }
        tsv.append(
            String.format(
                Locale.ROOT,
                "%d\t%s\t%d\t%d\t%d\t%.1f\t%s%n",
                c.no(),
                c.kind(),
                answer.total(),
                answer.hits(),
                answer.facets(),
                ms,
                c.describe()));
      }
    }
    Files.writeString(
        options
            .resultsDir()
            .resolve("search-" + options.products() + "-" + engine.name() + "-mix.tsv"),
        tsv);
    StringBuilder summary = new StringBuilder();
    withHits.forEach(
        (kind, n) ->
            summary
                .append(summary.isEmpty() ? "" : ", ")
                .append(kind)
                .append(' ')
                .append(n[0])
                .append('/')
                .append(n[1]));
    System.out.println("    searches that found products, by kind: " + summary);
    System.out.printf(
        Locale.ROOT,
        "    of those, with category, brand and price facets: %d/%d%n",
        facetsChecked[0],
        facetsChecked[1]);
    put("facets_ok", facetsChecked[0] + "/" + facetsChecked[1]);
    withHits.forEach((kind, n) -> put("found." + kind, n[0] + "/" + n[1]));
    put("validation_failures", failures);
    return failures == 0;
  }

  /**
   * One closed-loop window: {@code clients} sessions, each running the mix from its own start, from
   * {@code leadIn} seconds before the window until it closes; searches completed inside the window
   * are counted and their latencies recorded.
   */
  private Window measure(SearchEngine engine, int clients, int leadIn, int seconds)
      throws Exception {
    List<SearchCase> mix = SearchMix.MIX;
    int kinds = SearchMix.KINDS.size();
    Errors errors = new Errors();
    List<SearchEngine.Session> sessions = new ArrayList<>();
    try {
      for (int c = 0; c < clients; c++) {
        SearchEngine.Session session = engine.open();
        sessions.add(session);
        // Connect before the window: it measures searches on open (keep-alive) connections.
        try {
          session.search(mix.get(0));
        } catch (Exception e) {
          errors.add("first search on a new session: " + Errors.describe(e));
        }
      }
      List<Latencies> all = new ArrayList<>();
      List<Latencies> engineSide = new ArrayList<>();
      List<Latencies[]> byKind = new ArrayList<>();
      List<Latencies[]> byCase = new ArrayList<>();
      AtomicLong completed = new AtomicLong();
      CountDownLatch go = new CountDownLatch(1);
      List<String> outliers = java.util.Collections.synchronizedList(new ArrayList<>());
      AtomicLong slowCount = new AtomicLong();
      CpuMeter cpu = cpuMeter();
      double cpuSeconds;
      long driverCpu;
      long engineCpu;
      long[] window = new long[2];
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int c = 0; c < clients; c++) {
          SearchEngine.Session session = sessions.get(c);
          Latencies lat = new Latencies();
          Latencies side = new Latencies();
          Latencies[] kind = newArray(kinds);
          Latencies[] perCase = newArray(mix.size());
          all.add(lat);
          engineSide.add(side);
          byKind.add(kind);
          byCase.add(perCase);
          int offset = (c * 13) % mix.size();
          pool.submit(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                long open = window[0];
                long end = window[1];
                long done = 0;
                for (int i = 0; i < MAX_SEARCHES_PER_CLIENT; i++) {
                  long t0 = System.nanoTime();
                  if (t0 >= end) {
                    break;
                  }
                  SearchCase search = mix.get((offset + i) % mix.size());
                  try {
                    SearchEngine.Answer answer = session.search(search);
                    long t1 = System.nanoTime();
                    if (t1 >= open && t1 <= end) {
                      long nanos = t1 - t0;
                      lat.record(nanos);
                      kind[SearchMix.KINDS.indexOf(search.kind())].record(nanos);
                      perCase[search.no() - 1].record(nanos);
                      if (!Double.isNaN(answer.engineMillis())) {
                        side.record((long) (answer.engineMillis() * 1_000_000));
                      }
                      if (nanos >= OUTLIER_NANOS) {
                        slowCount.incrementAndGet();
                      }
                      // Listed only where the engine says how long it took itself: that tells
                      // whether the time went inside the search or around it.
                      if (nanos >= OUTLIER_NANOS
                          && !Double.isNaN(answer.engineMillis())
                          && outliers.size() < 10) {
                        outliers.add(
                            String.format(
                                Locale.ROOT,
                                "#%d started at %+.1f s: %.0f ms (engine %.0f ms)",
                                search.no(),
                                (t0 - window[0]) / 1e9,
                                nanos / 1e6,
                                answer.engineMillis()));
                      }
                      done++;
                    }
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                  } catch (Exception e) {
                    if (System.nanoTime() >= open) {
                      errors.add(Errors.describe(e).lines().findFirst().orElse("?"));
                    }
                    try {
                      Thread.sleep(10);
                    } catch (InterruptedException ie) {
                      Thread.currentThread().interrupt();
                      break;
                    }
                  }
                }
                completed.addAndGet(done);
              });
        }
        window[0] = System.nanoTime() + TimeUnit.SECONDS.toNanos(leadIn);
        window[1] = window[0] + TimeUnit.SECONDS.toNanos(seconds);
        go.countDown();
        // CPU is sampled when the window opens and when it closes.
        long[] cpuAt = new long[4];
        Thread sampler =
            Thread.ofVirtual()
                .start(
                    () -> {
                      try {
                        sleepUntil(window[0]);
                        cpuAt[0] = CpuMeter.driverNanos();
                        cpuAt[1] = cpu.engineNanos();
                        sleepUntil(window[1]);
                        cpuAt[2] = CpuMeter.driverNanos();
                        cpuAt[3] = cpu.engineNanos();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    });
        pool.shutdown();
        long bound = leadIn + seconds + 2L * options.requestTimeoutSeconds() + 30;
        if (!pool.awaitTermination(bound, TimeUnit.SECONDS)) {
          errors.add("clients still running after " + bound + " s (stopped)");
          pool.shutdownNow();
        }
        sampler.join(TimeUnit.SECONDS.toMillis(10));
        cpuSeconds = seconds;
        driverCpu = cpuAt[0] < 0 || cpuAt[2] <= 0 ? -1 : cpuAt[2] - cpuAt[0];
        engineCpu = cpuAt[1] < 0 || cpuAt[3] <= 0 ? -1 : cpuAt[3] - cpuAt[1];
      }
      return new Window(
          clients,
          seconds,
          completed.get(),
          Latencies.merge(all),
          Latencies.merge(engineSide),
          mergeColumns(byKind, kinds),
          mergeColumns(byCase, mix.size()),
          errors,
          slowCount.get(),
          List.copyOf(outliers),
          cpuSeconds,
          driverCpu,
          engineCpu);
    } finally {
      sessions.forEach(SearchEngine.Session::close);
    }
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left = nanoTime - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static Latencies[] newArray(int n) {
    Latencies[] a = new Latencies[n];
    for (int i = 0; i < n; i++) {
      a[i] = new Latencies();
    }
    return a;
  }

  private static Latencies[] mergeColumns(List<Latencies[]> rows, int n) {
    Latencies[] merged = new Latencies[n];
    for (int i = 0; i < n; i++) {
      int column = i;
      merged[i] = Latencies.merge(rows.stream().map(r -> r[column]).toList());
    }
    return merged;
  }

  private void report(Window w) {
    String prefix = "c" + w.clients() + ".";
    put(prefix + "qps", fmt(w.perSecond()));
    put(prefix + "p50_ms", fmt(w.all().percentileMillis(50)));
    put(prefix + "p99_ms", fmt(w.all().percentileMillis(99)));
    put(prefix + "max_ms", fmt(w.all().maxMillis()));
    put(prefix + "searches", w.searches());
    put(prefix + "errors", w.errors().total());
    System.out.printf(
        Locale.ROOT,
        "    %,d searches in %d s = %.1f/s; latency p50 %.2f ms, p99 %.2f ms, max %.1f ms;"
            + " errors: %s%n",
        w.searches(),
        (int) w.seconds(),
        w.perSecond(),
        w.all().percentileMillis(50),
        w.all().percentileMillis(99),
        w.all().maxMillis(),
        w.errors().summary());
    if (w.engineSide().count() > 0) {
      put(prefix + "engine_p50_ms", fmt(w.engineSide().percentileMillis(50)));
      put(prefix + "engine_p99_ms", fmt(w.engineSide().percentileMillis(99)));
      System.out.printf(
          Locale.ROOT,
          "    inside the server (tookMs of the answers): p50 %.2f ms, p99 %.2f ms%n",
          w.engineSide().percentileMillis(50),
          w.engineSide().percentileMillis(99));
    }
    if (w.driverCpuNanos() >= 0) {
      double searches = Math.max(1, w.searches());
      String engineCpu =
          w.engineCpuNanos() < 0
              ? "engine not measured"
              : String.format(
                  Locale.ROOT,
                  "engine %.2f cores (%.2f ms per search)",
                  w.engineCpuNanos() / 1e9 / w.cpuSeconds(),
                  w.engineCpuNanos() / 1e6 / searches);
      System.out.printf(
          Locale.ROOT,
          "    CPU: %s, driver %.2f cores (%.2f ms per search)%n",
          engineCpu,
          w.driverCpuNanos() / 1e9 / w.cpuSeconds(),
          w.driverCpuNanos() / 1e6 / searches);
      put(prefix + "driver_cpu_ms_per_search", fmt(w.driverCpuNanos() / 1e6 / searches));
      if (w.engineCpuNanos() >= 0) {
        put(prefix + "engine_cpu_ms_per_search", fmt(w.engineCpuNanos() / 1e6 / searches));
      }
    }
    StringBuilder kinds = new StringBuilder();
    for (int k = 0; k < SearchMix.KINDS.size(); k++) {
      Latencies l = w.byKind()[k];
      kinds
          .append(kinds.isEmpty() ? "" : ", ")
          .append(SearchMix.KINDS.get(k))
          .append(
              String.format(
                  Locale.ROOT, " %.1f/%.1f", l.percentileMillis(50), l.percentileMillis(99)));
      put(prefix + "kind." + SearchMix.KINDS.get(k) + ".p99_ms", fmt(l.percentileMillis(99)));
    }
    System.out.println("    p50/p99 ms by kind: " + kinds);
    // The slowest searches of the mix, by p99, so a slow spot has a name.
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < SearchMix.MIX.size(); i++) {
      order.add(i);
    }
    order.sort(
        (a, b) ->
            Double.compare(
                nanToZero(w.byCase()[b].percentileMillis(99)),
                nanToZero(w.byCase()[a].percentileMillis(99))));
    StringBuilder slow = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      SearchCase c = SearchMix.MIX.get(order.get(i));
      Latencies l = w.byCase()[order.get(i)];
      slow.append(
          String.format(
              Locale.ROOT,
              "%n      #%d %s: p50 %.1f ms, p99 %.1f ms",
              c.no(),
              c.describe(),
              l.percentileMillis(50),
              l.percentileMillis(99)));
    }
    System.out.println("    slowest searches by p99:" + slow);
    if (w.slowSearches() > 0) {
      System.out.printf(
          Locale.ROOT,
          "    searches over 1 s: %d%s%n",
          w.slowSearches(),
          w.outliers().isEmpty()
              ? ""
              : " (the first, with the server's own time: "
                  + String.join("; ", w.outliers())
                  + ")");
    }
    put(prefix + "over_1s", w.slowSearches());
  }

  private static double nanToZero(double v) {
    return Double.isNaN(v) ? 0 : v;
  }

  private void writeCaseLatencies(String engine, List<Window> windows) throws IOException {
    StringBuilder tsv = new StringBuilder("no\tkind");
    for (Window w : windows) {
      tsv.append("\tc")
          .append(w.clients())
          .append("_p50_ms\tc")
          .append(w.clients())
          .append("_p99_ms");
    }
    tsv.append("\tsearch\n");
    for (SearchCase c : SearchMix.MIX) {
      tsv.append(c.no()).append('\t').append(c.kind());
      for (Window w : windows) {
        Latencies l = w.byCase()[c.no() - 1];
        tsv.append(
            String.format(
                Locale.ROOT, "\t%.2f\t%.2f", l.percentileMillis(50), l.percentileMillis(99)));
      }
      tsv.append('\t').append(c.describe()).append('\n');
    }
    Files.writeString(
        options
            .resultsDir()
            .resolve("search-" + options.products() + "-" + engine + "-latency.tsv"),
        tsv);
  }

  private void writeProperties() throws IOException {
    Files.writeString(
        options.resultsDir().resolve("search-results.properties"),
        String.join("\n", properties) + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  static String fmt(double value) {
    return Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%.3f", value);
  }
}
