package com.securecart.planner.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One option simulated over the profile.
 *
 * @param pipelineCost Lambda and Step Functions over the profile, USD
 * @param orders orders offered over the profile
 * @param hours the profile's length
 */
public record OptionResult(
    PlanOption option, List<TierPlan> tiers, BigDecimal pipelineCost, double orders, double hours) {
  /** AWS's month for monthly prices: 730 hours. */
  static final BigDecimal HOURS_PER_MONTH = BigDecimal.valueOf(730);

  public OptionResult {
    tiers = List.copyOf(tiers);
  }

  /** Each tier's own peak, summed: an upper bound on the instances running at once. */
  public int peakInstances() {
    return tiers.stream().mapToInt(TierPlan::peak).sum();
  }

  /** Tier-minutes with a p99 above the SLO or requests shed, summed over the tiers. */
  public long sloMinutesViolated() {
    return tiers.stream().mapToLong(TierPlan::sloMinutesViolated).sum();
  }

  public BigDecimal cost() {
    return tiers.stream().map(TierPlan::cost).reduce(pipelineCost, BigDecimal::add);
  }

  public BigDecimal costPerHour() {
    return cost().divide(BigDecimal.valueOf(hours), 6, RoundingMode.HALF_UP);
  }

  public BigDecimal costPerMonth() {
    return costPerHour().multiply(HOURS_PER_MONTH);
  }

  /** Cost over the profile ÷ orders over the profile × 1,000. */
  public BigDecimal costPer1000Orders() {
    return cost()
        .multiply(BigDecimal.valueOf(1000))
        .divide(BigDecimal.valueOf(orders), 6, RoundingMode.HALF_UP);
  }

  public TierPlan tier(String name) {
    return tiers.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }
}
