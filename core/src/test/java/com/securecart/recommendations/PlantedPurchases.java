package com.securecart.recommendations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Purchase histories with structure planted in them: customers belong to taste segments, each
 * segment buys from its own range of products, and everybody also buys from a handful of
 * best-sellers. A model that learns from co-purchases should find the segments; one that favours
 * what sells most would find the best-sellers.
 */
final class PlantedPurchases {
  static final int SEGMENTS = 6;
  static final int PER_SEGMENT = 40;
  static final int BEST_SELLERS = 10;
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private PlantedPurchases() {}

  /** Segment products are numbered segment * 1000 + n; best-sellers 90_000 + n. */
  static long segmentProduct(int segment, int n) {
    return segment * 1000L + n;
  }

  static int segmentOf(long product) {
    return product >= 90_000 ? -1 : (int) (product / 1000);
  }

  /** {@code customers} customers, each with purchases spread over 100 days. */
  static List<OfflineEvaluation.Purchase> generate(int customers, long seed) {
    Random random = new Random(seed);
    List<OfflineEvaluation.Purchase> out = new ArrayList<>();
    for (int c = 0; c < customers; c++) {
      int segment = c % SEGMENTS;
      int lines = 6 + random.nextInt(10);
      for (int l = 0; l < lines; l++) {
        long product =
            random.nextInt(8) == 0
                ? 90_000L + random.nextInt(BEST_SELLERS)
                : segmentProduct(segment, skewed(random, PER_SEGMENT));
        Instant at = START.plusSeconds(random.nextInt(100) * 86_400L + random.nextInt(86_400));
        out.add(new OfflineEvaluation.Purchase(c, product, at));
      }
    }
    return out;
  }

  /** 0..n-1, lower numbers more likely (a segment's own best-sellers). */
  private static int skewed(Random random, int n) {
    return (int) Math.min(n - 1, Math.floor(n * Math.pow(random.nextDouble(), 1.6)));
  }
}
