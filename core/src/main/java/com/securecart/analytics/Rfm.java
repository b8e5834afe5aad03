package com.securecart.analytics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * RFM segments: each customer scores 1 to 5 on recency (days since his last paid order, fewer is
 * better) and frequency (paid orders), by quintile among all customers; ties share a score.
 * Segments from the two scores, in the usual manner: champions buy often and lately, loyal often,
 * new lately but seldom, at risk often but not lately, hibernating neither; the rest need
 * attention.
 */
public final class Rfm {
  public static final List<String> SEGMENTS =
      List.of("champions", "loyal", "new", "at risk", "hibernating", "needs attention");

  private Rfm() {}

  /** How many customers fall in each segment as of {@code day}; every segment is listed. */
  static Map<String, Integer> segments(List<CustomerValue> customers, LocalDate day) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    SEGMENTS.forEach(s -> counts.put(s, 0));
    if (customers.isEmpty()) {
      return counts;
    }
    // Recency as a negative age, so that for both scores higher is better.
    int[] r = scores(customers, c -> -ChronoUnit.DAYS.between(c.lastOrder(), day));
    int[] f = scores(customers, CustomerValue::orders);
    for (int i = 0; i < customers.size(); i++) {
      counts.merge(segment(r[i], f[i]), 1, Integer::sum);
    }
    return counts;
  }

  static String segment(int recency, int frequency) {
    if (recency >= 4 && frequency >= 4) {
      return "champions";
    }
    if (frequency >= 4) {
      return "loyal";
    }
    if (recency >= 4 && frequency <= 2) {
      return "new";
    }
    if (recency <= 2 && frequency >= 3) {
      return "at risk";
    }
    if (recency <= 2) {
      return "hibernating";
    }
    return "needs attention";
  }

  /**
   * Quintile scores 1..5 of {@code value} by mid-rank: a customer's percentile counts the customers
   * below him and half of those equal to him, so equal values score the same and a value everybody
   * shares scores 3 rather than 1.
   */
  static int[] scores(List<CustomerValue> customers, ToLongFunction<CustomerValue> value) {
    int n = customers.size();
    long[] sorted = new long[n];
    for (int i = 0; i < n; i++) {
      sorted[i] = value.applyAsLong(customers.get(i));
    }
    Arrays.sort(sorted);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) {
      long v = value.applyAsLong(customers.get(i));
      int below = lowerBound(sorted, v);
      int equal = lowerBound(sorted, v + 1) - below;
      double percentile = (below + equal / 2.0) / n;
      out[i] = 1 + (int) Math.min(4, Math.floor(5 * percentile));
    }
    return out;
  }

  private static int lowerBound(long[] sorted, long v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
