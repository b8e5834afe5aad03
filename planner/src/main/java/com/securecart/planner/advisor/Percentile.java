package com.securecart.planner.advisor;

import java.util.Arrays;
import java.util.List;

/**
 * Percentiles by nearest rank: the smallest sample that at least p% of the samples do not exceed.
 * No interpolation, so a percentile is always a value that was measured (p99.5 of 200 samples is
 * the 199th smallest).
 */
final class Percentile {
  private Percentile() {}

  static double of(List<Double> samples, double percent) {
    if (samples.isEmpty()) {
      throw new IllegalArgumentException("no samples");
    }
    if (!(percent > 0 && percent <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]: " + percent);
    }
    var sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    // Multiply before dividing so that 99.5% of 200 is exactly rank 199, not 199.00000000000003.
    int rank = (int) Math.ceil(percent * sorted.length / 100.0 - 1e-9);
    return sorted[Math.max(rank, 1) - 1];
  }
}
