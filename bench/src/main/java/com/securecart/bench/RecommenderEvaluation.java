package com.securecart.bench;

import com.securecart.recommendations.OfflineEvaluation;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The recommender's offline evaluation on the real UCI Online Retail purchases, with the issue's
 * fixed protocol: train on purchases before 2011-11-01, test on the customers who bought both
 * before and after, count only products a customer had not bought before, and report hit rate@10
 * and NDCG@10 for the model and for popularity. Usage: {@code RecommenderEvaluation
 * online_retail_uci.csv.gz}.
 */
public final class RecommenderEvaluation {
  private static final Instant CUTOFF = Instant.parse("2011-11-01T00:00:00Z");

  private RecommenderEvaluation() {}

  public static void main(String[] args) throws IOException {
    Options o = Options.of("recommender bench").option("--file", null);
    Path file = o.orExit(() -> o.parse(args).path("--file"));
    long started = System.nanoTime();
    List<OfflineEvaluation.Purchase> purchases = read(file);
    long read = System.nanoTime();
    OfflineEvaluation.Result r = OfflineEvaluation.run(purchases, CUTOFF, 10, 50);
    long done = System.nanoTime();
    System.out.printf(
        Locale.ROOT,
        "online retail: %,d purchase lines with a customer, %,d before 2011-11-01; %,d test customers"
            + " (read %.1f s, train and evaluate %.1f s)%n",
        purchases.size(),
        r.trainPurchases(),
        r.customers(),
        (read - started) / 1e9,
        (done - read) / 1e9);
    System.out.printf(Locale.ROOT, "%-24s %12s %10s%n", "", "hit rate@10", "NDCG@10");
    System.out.printf(
        Locale.ROOT, "%-24s %12.4f %10.4f%n", "item-to-item", r.modelHitRate(), r.modelNdcg());
    System.out.printf(
        Locale.ROOT, "%-24s %12.4f %10.4f%n", "popularity", r.popularHitRate(), r.popularNdcg());
    double hitRatio = r.modelHitRate() / r.popularHitRate();
    double ndcgRatio = r.modelNdcg() / r.popularNdcg();
    System.out.printf(
        Locale.ROOT,
        "goal hit rate@10 >= 1.25x popularity: %.2fx -> %s; goal NDCG@10 >= 1.6x: %.2fx -> %s%n",
        hitRatio,
        hitRatio >= 1.25 ? "MET" : "NOT MET",
        ndcgRatio,
        ndcgRatio >= 1.6 ? "MET" : "NOT MET");
  }

  /**
   * Purchase lines with a customer and a positive quantity; cancellations (invoices starting with
   * C) and lines without a customer are left out. Products are numbered by stock code.
   */
  static List<OfflineEvaluation.Purchase> read(Path file) throws IOException {
    List<OfflineEvaluation.Purchase> out = new ArrayList<>();
    Map<String, Long> products = new HashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file), 1 << 16),
                StandardCharsets.UTF_8))) {
      String header = in.readLine();
      if (header == null || !header.startsWith("invoice,stock_code,description,quantity")) {
        throw new IOException("not the Online Retail CSV: " + header);
      }
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        List<String> f = fields(line);
        if (f.size() != 8 || f.get(6).isEmpty() || f.get(0).startsWith("C")) {
          continue;
        }
        if (Integer.parseInt(f.get(3)) <= 0) {
          continue;
        }
        long product =
            products.computeIfAbsent(
                f.get(1).toUpperCase(Locale.ROOT), k -> (long) products.size());
        Instant at = LocalDateTime.parse(f.get(4)).toInstant(ZoneOffset.UTC);
        out.add(new OfflineEvaluation.Purchase(Long.parseLong(f.get(6)), product, at));
      }
    }
    return out;
  }

  /** One CSV record on one line (RFC 4180 quoting: "a, ""b""" is a, "b"). */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>(8);
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    out.add(field.toString());
    return out;
  }
}
