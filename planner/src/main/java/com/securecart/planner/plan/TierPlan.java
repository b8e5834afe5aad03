package com.securecart.planner.plan;

import com.securecart.planner.simulation.FleetResult;
import com.securecart.planner.simulation.FleetSettings;
import java.math.BigDecimal;

/**
 * One tier of one option: what it runs on, the settings the planner chose and, for a simulated
 * tier, the simulation. A tier with no role of its own in the capacity file (the catalog service)
 * is carried at its minimum: {@code settings} and {@code result} are null then.
 *
 * @param runsOn an EC2 instance type, or "fargate 1 vCPU 2 GiB arm64"
 * @param requestsPerTarget the ALB requests per target per minute the planner derived
 * @param cpuTargetPercent the CPU target (Graviton's from securecart.json, x86's lower)
 * @param cost compute cost over the profile, USD
 */
public record TierPlan(
    String name,
    String runsOn,
    int requestsPerTarget,
    int cpuTargetPercent,
    FleetSettings settings,
    FleetResult result,
    int fixedCount,
    BigDecimal usdPerInstanceHour,
    BigDecimal cost) {

  public int peak() {
    return result == null ? fixedCount : result.peakInService();
  }

  public long sloMinutesViolated() {
    return result == null ? 0 : result.sloMinutesViolated();
  }
}
