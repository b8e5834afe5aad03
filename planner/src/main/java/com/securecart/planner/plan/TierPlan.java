package com.securecart.planner.plan;

import com.securecart.planner.simulation.FleetResult;
import com.securecart.planner.simulation.FleetSettings;
import java.math.BigDecimal;
import java.util.List;

/**
 * One tier of one option: what it runs on, the settings the planner chose and, for a simulated
 * tier, the simulation. A tier with no role of its own in the capacity file (the catalog service)
 * is carried at its minimum: {@code settings} and {@code result} are null then.
 *
 * @param runsOn an EC2 instance type, or "fargate 1 vCPU 2 GiB arm64"
 * @param requestsPerTarget the ALB requests per target per minute the planner derived
 * @param cpuTargetPercent the CPU target (Graviton's from securecart.json, x86's lower)
 * @param cost compute cost over the profile, USD
 * @param eventActions the settings' scheduled actions with the announced event each belongs to
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
    BigDecimal cost,
    List<EventAction> eventActions) {

  /**
   * A scheduled action as the CDK app maps it onto a sale's dates: {@code offsetSeconds} from the
   * event's {@code anchor} edge ("start" or "end").
   */
  public record EventAction(
      String event, String anchor, int offsetSeconds, FleetSettings.ScheduledAction action) {
    public EventAction {
      if (!anchor.equals("start") && !anchor.equals("end")) {
        throw new IllegalArgumentException("anchor is start or end, got " + anchor);
      }
    }
  }

  public TierPlan {
    eventActions = List.copyOf(eventActions);
  }

  public int interruptions() {
    return result == null ? 0 : result.interruptions();
  }

  public int peak() {
    return result == null ? fixedCount : result.peakInService();
  }

  public long sloMinutesViolated() {
    return result == null ? 0 : result.sloMinutesViolated();
  }
}
