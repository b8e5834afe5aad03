package com.securecart.search.lucene;

import com.securecart.search.PriceBucket;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed price ranges of the price facet, in cents, each [from, to). Fixed rather than computed
 * from the hits, so that a range a shopper picked stays on screen while other filters change.
 * Amounts are in the catalog's currency (one currency per shop).
 */
final class PriceRanges {
  private static final long[] UPPER_BOUNDS = {2_500, 5_000, 10_000, 25_000, 50_000, 100_000};
  private static final String[] LABELS = {
    "0-25", "25-50", "50-100", "100-250", "250-500", "500-1000", "1000+"
  };

  static final int COUNT = LABELS.length;

  private PriceRanges() {}

  /** The range a price falls into. */
  static int indexOf(long priceCents) {
    for (int i = 0; i < UPPER_BOUNDS.length; i++) {
      if (priceCents < UPPER_BOUNDS[i]) {
        return i;
      }
    }
    return UPPER_BOUNDS.length;
  }

  /** The ranges that have hits, in price order (empty ranges are left out). */
  static List<PriceBucket> buckets(long[] counts) {
    List<PriceBucket> out = new ArrayList<>();
    for (int i = 0; i < COUNT; i++) {
      if (counts[i] > 0) {
        Long from = i == 0 ? 0L : UPPER_BOUNDS[i - 1];
        Long to = i == UPPER_BOUNDS.length ? null : UPPER_BOUNDS[i];
        out.add(new PriceBucket(LABELS[i], from, to, counts[i]));
      }
    }
    return out;
  }
}
