package com.securecart.planner.prices;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One price dimension: the price per unit for the usage from {@code begin} (inclusive) up to {@code
 * end} (exclusive; null for no upper bound) in a month, as the Price List's beginRange/endRange.
 */
public record Tier(BigDecimal begin, BigDecimal end, BigDecimal usdPerUnit) {
  public Tier {
    Objects.requireNonNull(begin, "begin");
    Objects.requireNonNull(usdPerUnit, "usdPerUnit");
    if (end != null && end.compareTo(begin) <= 0) {
      throw new IllegalArgumentException("tier ends at " + end + ", not after its begin " + begin);
    }
  }

  /** The part of {@code quantity} (a month's usage) that falls in this tier. */
  BigDecimal share(BigDecimal quantity) {
    var upper = end == null ? quantity : quantity.min(end);
    return upper.subtract(begin).max(BigDecimal.ZERO);
  }
}
