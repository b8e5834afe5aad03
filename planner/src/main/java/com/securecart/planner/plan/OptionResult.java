package com.securecart.planner.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * One option simulated over the profile.
 *
 * @param pipelineCost Lambda and Step Functions over the profile, USD
 * @param shared the load balancer, NAT, SQS and the nightly job over the profile
 * @param orders orders offered over the profile
 * @param hours the profile's length
 */
public record OptionResult(
    PlanOption option,
    List<TierPlan> tiers,
    BigDecimal pipelineCost,
    SharedCosts shared,
    double orders,
    double hours) {
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

  /** Spot notices the tiers got over the profile. */
  public int spotInterruptions() {
    return tiers.stream().mapToInt(TierPlan::interruptions).sum();
  }

  /** The tiers' compute: EC2 and Fargate, launching and interrupted units included. */
  public BigDecimal computeCost() {
    return tiers.stream().map(TierPlan::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  public BigDecimal cost() {
    return computeCost()
        .add(pipelineCost)
        .add(shared.loadBalancers())
        .add(shared.nat())
        .add(shared.sqs())
        .add(shared.batch());
  }

  /** Each part of {@link #cost()} in USD per hour, in the order plan.json lists them. */
  public java.util.Map<String, BigDecimal> costBreakdownPerHour() {
    var parts = new java.util.LinkedHashMap<String, BigDecimal>();
    parts.put("compute", perHour(computeCost()));
    parts.put("pipeline", perHour(pipelineCost));
    parts.put("loadBalancers", perHour(shared.loadBalancers()));
    parts.put("nat", perHour(shared.nat()));
    parts.put("sqs", perHour(shared.sqs()));
    parts.put("batch", perHour(shared.batch()));
    return parts;
  }

  private BigDecimal perHour(BigDecimal usd) {
    return usd.divide(BigDecimal.valueOf(hours), 6, RoundingMode.HALF_UP);
  }

  public BigDecimal costPerHour() {
    return perHour(cost());
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
