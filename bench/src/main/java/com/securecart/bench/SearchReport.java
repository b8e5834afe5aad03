package com.securecart.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Prints the summary of {@code ./securecart bench search} from {@code search-results.properties}
 * (written by bench/search.sh and {@link SearchBench}): one table for all catalog sizes, then for
 * each size the queries/s ratio and whether each goal of the issue is met, judged from the printed
 * figures only. Also writes {@code search-N-compare.tsv}: the totals of both engines search by
 * search.
 *
 * <p>The goals: p99 at most 10 ms at 100k products and 30 ms at 1M (judged at 1 client and at N
 * clients separately); at least 10 times PostgreSQL's queries/s at N clients; ready within 2 s of
 * start at 100k products with the index on disk.
 */
public final class SearchReport {
  private final Properties p = new Properties();
  private final Path dir;
  private final int clients;

  private SearchReport(Path dir, int clients) throws IOException {
    this.dir = dir;
    this.clients = clients;
    try (Reader in = Files.newBufferedReader(dir.resolve("search-results.properties"))) {
      p.load(in);
    }
  }

  public static void main(String[] args) throws IOException {
    Options o =
        Options.of("search report")
            .option("--results-dir", "bench/target")
            .option("--clients", "32")
            .option("--sizes", null);
    Path dir;
    int clients;
    List<Long> sizes;
    try {
      dir = o.parse(args).path("--results-dir");
      clients = o.integer("--clients", 1, 1024);
      sizes = o.wholes("--sizes", 1, 100_000_000);
    } catch (Options.UsageException e) {
      throw o.exit(e);
    }
    new SearchReport(dir, clients).print(sizes);
  }

  private String get(long n, String engine, String key) {
    return p.getProperty(n + "." + engine + "." + key);
  }

  private double num(long n, String engine, String key) {
    String v = get(n, engine, key);
    if (v == null) {
      return Double.NaN;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static String cell(double v, String format) {
    return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, format, v);
  }

  private void print(List<Long> sizes) throws IOException {
    String header =
        String.format(
            Locale.ROOT,
            "%9s  %-10s %8s %9s %8s %8s %8s %9s %8s %8s %7s",
            "products",
            "engine",
            "build s",
            "index MB",
            "heap MB",
            "ready s*",
            "clients",
            "q/s",
            "p50 ms",
            "p99 ms",
            "errors");
    System.out.println(header);
    for (long n : sizes) {
      for (String engine : List.of("securecart", "postgres")) {
        boolean first = true;
        for (int c : clients == 1 ? List.of(1) : List.of(1, clients)) {
          if (get(n, engine, "c" + c + ".qps") == null && !first) {
            continue;
          }
          System.out.printf(
              Locale.ROOT,
              "%9s  %-10s %8s %9s %8s %8s %8d %9s %8s %8s %7s%n",
              first ? String.format(Locale.ROOT, "%,d", n) : "",
              first ? engine : "",
              first ? cell(num(n, engine, "build_s"), "%.1f") : "",
              first ? cell(num(n, engine, "index_mb"), "%.1f") : "",
              first ? cell(num(n, engine, "heap_mb"), "%.0f") : "",
              first ? cell(num(n, engine, "ready_from_disk_s"), "%.2f") : "",
              c,
              cell(num(n, engine, "c" + c + ".qps"), "%.1f"),
              cell(num(n, engine, "c" + c + ".p50_ms"), "%.2f"),
              cell(num(n, engine, "c" + c + ".p99_ms"), "%.2f"),
              cell(num(n, engine, "c" + c + ".errors"), "%.0f"));
          first = false;
        }
      }
    }
    System.out.println(
        "* ready s: process start to /health/ready with the index on disk (median of the restarts)."
            + " build s: securecart = building the Lucene index from the database (demo seeding"
            + " not included); postgres = read-model table + tsvector + all indexes + VACUUM ANALYZE."
            + " index MB: securecart = <data-dir>/search-index on disk after a clean stop;"
            + " postgres = the read model with its indexes. heap MB: used after a full GC, after"
            + " the measurements.");
    for (long n : sizes) {
      System.out.println();
      System.out.printf(Locale.ROOT, "%,d products:%n", n);
      String startLine = get(n, "securecart", "start_line");
      if (startLine != null) {
        System.out.println("  first start: " + startLine);
      }
      String restarts = get(n, "securecart", "ready_from_disk_all");
      if (restarts != null) {
        System.out.println("  restarts with the index on disk, ready after (s): " + restarts);
      }
      compare(n);
      goals(n);
    }
  }

  private void goals(long n) {
    String c = "c" + clients + ".";
    double sc = num(n, "securecart", c + "qps");
    double pg = num(n, "postgres", c + "qps");
    double sc1 = num(n, "securecart", "c1.qps");
    double pg1 = num(n, "postgres", "c1.qps");
    if (!Double.isNaN(sc) && !Double.isNaN(pg) && pg > 0) {
      double ratio = sc / pg;
      System.out.printf(
          Locale.ROOT,
          "  goal q/s >= 10x PostgreSQL at %d clients: %.1f / %.1f = %.1fx -> %s"
              + " (at 1 client: %.1fx)%n",
          clients,
          sc,
          pg,
          ratio,
          ratio >= 10 ? "MET" : "NOT MET",
          pg1 > 0 ? sc1 / pg1 : Double.NaN);
    } else {
      System.out.println("  goal q/s >= 10x PostgreSQL: no PostgreSQL figure (--no-pg or failed)");
    }
    double limit = n <= 100_000 ? 10 : 30;
    double p1 = num(n, "securecart", "c1.p99_ms");
    double pN = num(n, "securecart", c + "p99_ms");
    System.out.printf(
        Locale.ROOT,
        "  goal p99 <= %.0f ms (%s), through HTTP: 1 client %s ms -> %s; %d clients %s ms -> %s%n",
        limit,
        n <= 100_000 ? "stated for 100k products" : "stated for 1M products",
        cell(p1, "%.2f"),
        verdict(p1, limit),
        clients,
        cell(pN, "%.2f"),
        verdict(pN, limit));
    System.out.printf(
        Locale.ROOT,
        "    (inside the server, tookMs of the same answers: p99 %s ms at 1 client, %s ms at %d)%n",
        cell(num(n, "securecart", "c1.engine_p99_ms"), "%.2f"),
        cell(num(n, "securecart", c + "engine_p99_ms"), "%.2f"),
        clients);
    double ready = num(n, "securecart", "ready_from_disk_s");
    if (n <= 100_000) {
      System.out.printf(
          Locale.ROOT,
          "  goal ready <= 2 s from start with the index on disk: %s s -> %s%n",
          cell(ready, "%.2f"),
          verdict(ready, 2));
    } else {
      System.out.printf(
          Locale.ROOT,
          "  ready from disk: %s s (the 2 s goal is stated for 100k products)%n",
          cell(ready, "%.2f"));
    }
    String typo = get(n, "securecart", "found.typo");
    String pgTypo = get(n, "postgres", "found.typo");
    System.out.printf(
        Locale.ROOT,
        "  typo searches that found products: securecart %s, postgres %s;"
            + " searches with hits that came with category, brand and price facets:"
            + " securecart %s, postgres %s%n",
        typo == null ? "-" : typo,
        pgTypo == null ? "-" : pgTypo,
        orDash(get(n, "securecart", "facets_ok")),
        orDash(get(n, "postgres", "facets_ok")));
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }

  private static String verdict(double value, double limit) {
    return Double.isNaN(value) ? "no figure" : value <= limit ? "MET" : "NOT MET";
  }

  /** Totals of both engines, search by search, into search-N-compare.tsv; one line here. */
  private void compare(long n) throws IOException {
    Map<Integer, String[]> sc = readMix(dir.resolve("search-" + n + "-securecart-mix.tsv"));
    Map<Integer, String[]> pg = readMix(dir.resolve("search-" + n + "-postgres-mix.tsv"));
    if (sc.isEmpty() || pg.isEmpty()) {
      return;
    }
    StringBuilder tsv = new StringBuilder("no\tkind\tsecurecart_total\tpostgres_total\tsearch\n");
    int same = 0;
    int scOnly = 0;
    int pgOnly = 0;
    for (SearchMix.SearchCase c : SearchMix.MIX) {
      String[] a = sc.get(c.no());
      String[] b = pg.get(c.no());
      String ta = a == null ? "?" : a[2];
      String tb = b == null ? "?" : b[2];
      same += ta.equals(tb) ? 1 : 0;
      scOnly += !"0".equals(ta) && "0".equals(tb) ? 1 : 0;
      pgOnly += "0".equals(ta) && !"0".equals(tb) ? 1 : 0;
      tsv.append(c.no())
          .append('\t')
          .append(c.kind())
          .append('\t')
          .append(ta)
          .append('\t')
          .append(tb)
          .append('\t')
          .append(c.describe())
          .append('\n');
    }
    Files.writeString(dir.resolve("search-" + n + "-compare.tsv"), tsv);
    System.out.printf(
        Locale.ROOT,
        "  same total on %d of %d searches; found something only in securecart: %d, only in"
            + " postgres: %d (search-%d-compare.tsv)%n",
        same,
        SearchMix.MIX.size(),
        scOnly,
        pgOnly,
        n);
  }

  private static Map<Integer, String[]> readMix(Path file) throws IOException {
    Map<Integer, String[]> rows = new HashMap<>();
    if (!Files.exists(file)) {
      return rows;
    }
    for (String line : Files.readAllLines(file)) {
      String[] f = line.split("\t", -1);
      if (f.length >= 3 && f[0].matches("\\d+")) {
        rows.put(Integer.parseInt(f[0]), f);
      }
    }
    return rows;
  }
}
