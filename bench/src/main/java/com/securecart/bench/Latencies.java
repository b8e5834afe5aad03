package com.securecart.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Recorded latencies in nanoseconds: one instance per driver thread (not thread-safe), merged once
 * the threads are done. Percentiles are exact, by sorting: the nearest-rank method, no histogram
 * approximation.
 */
final class Latencies {
  private long[] values = new long[1024];
  private int size;

  void record(long nanos) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = nanos;
  }

  int count() {
    return size;
  }

  static Latencies merge(Collection<Latencies> parts) {
    Latencies all = new Latencies();
    int total = parts.stream().mapToInt(Latencies::count).sum();
    all.values = new long[Math.max(1, total)];
    for (Latencies part : parts) {
      System.arraycopy(part.values, 0, all.values, all.size, part.size);
      all.size += part.size;
    }
    Arrays.sort(all.values, 0, all.size);
    return all;
  }

  /**
   * The p-th percentile in milliseconds of a merged (sorted) instance; NaN when nothing was
   * recorded.
   */
  double percentileMillis(double p) {
    if (size == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100.0 * size);
    int index = Math.min(size - 1, Math.max(0, rank - 1));
    return values[index] / 1_000_000.0;
  }

  double maxMillis() {
    return size == 0 ? Double.NaN : values[size - 1] / 1_000_000.0;
  }
}
