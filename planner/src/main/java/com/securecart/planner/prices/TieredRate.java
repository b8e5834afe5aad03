package com.securecart.planner.prices;

import java.math.BigDecimal;
import java.util.List;

/**
 * A price whose unit price falls as a month's usage grows (Lambda duration, Step Functions Express
 * duration); a flat price is one tier. Tiers are contiguous from zero, the last one unbounded.
 */
public record TieredRate(String unit, List<Tier> tiers) {
  public TieredRate {
    tiers = List.copyOf(tiers);
    if (tiers.isEmpty() || tiers.getFirst().begin().signum() != 0) {
      throw new IllegalArgumentException(unit + ": tiers must start at zero");
    }
    for (int i = 1; i < tiers.size(); i++) {
      if (tiers.get(i - 1).end() == null
          || tiers.get(i - 1).end().compareTo(tiers.get(i).begin()) != 0) {
        throw new IllegalArgumentException(
            unit + ": tier " + i + " does not start where the one before ends");
      }
    }
    if (tiers.getLast().end() != null) {
      throw new IllegalArgumentException(unit + ": the last tier must have no upper bound");
    }
  }

  /** The price of the first unit: what a small deployment pays. */
  public BigDecimal firstUsdPerUnit() {
    return tiers.getFirst().usdPerUnit();
  }

  /** The month's cost of {@code quantity} units, each tier at its own price. */
  public BigDecimal monthlyCost(BigDecimal quantity) {
    if (quantity.signum() < 0) {
      throw new IllegalArgumentException(unit + ": negative usage " + quantity);
    }
    return tiers.stream()
        .map(t -> t.share(quantity).multiply(t.usdPerUnit()))
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
