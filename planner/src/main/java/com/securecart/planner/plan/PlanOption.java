package com.securecart.planner.plan;

import com.securecart.planner.prices.Architecture;
import java.util.List;

/**
 * One row of the options table: the choices that differ between rows. Each row after the baseline
 * changes one choice, so a difference in the table has one cause.
 *
 * @param spotServices the ECS services use their FARGATE_SPOT weight from securecart.json
 * @param spotWeb the web group runs its capacity above the minimum on Spot (no warm pool then)
 * @param fargate the container roles run on Fargate; false: on EC2 instances of the same family
 * @param express the order pipeline runs as Step Functions Express instead of Standard
 * @param predictiveAndScheduled predictive scaling on web and scheduled actions for announced
 *     events; false: target tracking only
 */
public record PlanOption(
    String name,
    Architecture architecture,
    boolean spotServices,
    boolean spotWeb,
    boolean fargate,
    boolean express,
    boolean predictiveAndScheduled) {

  public static final PlanOption BASELINE =
      new PlanOption("baseline", Architecture.ARM64, true, false, true, false, true);

  /** The rows of the table, the baseline (securecart.json as configured) first. */
  public static List<PlanOption> compared() {
    var b = BASELINE;
    return List.of(
        b,
        new PlanOption("x86", Architecture.X86_64, true, false, true, false, true),
        new PlanOption("on-demand only", b.architecture, false, false, true, false, true),
        new PlanOption("spot mix (web too)", b.architecture, true, true, true, false, true),
        new PlanOption("EC2 for services", b.architecture, true, false, false, false, true),
        new PlanOption("express pipeline", b.architecture, true, false, true, true, true),
        new PlanOption("reactive only", b.architecture, true, false, true, false, false));
  }

  /**
   * Why the CDK app cannot deploy this option as it stands, or null if it can. Such rows are
   * compared in the table but never chosen for plan.json: the images and functions are built for
   * arm64, the container roles run on Fargate, and the pipeline is Standard by ADR 16 (exactly-once
   * starts, waits longer than five minutes, the per-order history).
   */
  public String notDeployable() {
    if (architecture != Architecture.ARM64) {
      return "images and functions are built for arm64";
    }
    if (express) {
      return "ADR 16 keeps the pipeline on Standard";
    }
    if (!fargate) {
      return "the CDK app runs the services on Fargate";
    }
    return null;
  }
}
