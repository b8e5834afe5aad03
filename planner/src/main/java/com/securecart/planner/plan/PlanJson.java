package com.securecart.planner.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securecart.planner.prices.PriceTable;
import com.securecart.planner.simulation.FleetSettings;
import com.securecart.planner.simulation.FleetSimulator;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

/**
 * plan.json: the chosen option's per-tier settings for the CDK app. Schema in planner/README.md.
 */
final class PlanJson {
  static final int SCHEMA = 1;

  private PlanJson() {}

  static ObjectNode build(
      String profile,
      double ordersPerDay,
      Capacity capacity,
      PriceTable prices,
      LocalDate today,
      double spotInterruptionsPerHour,
      List<OptionResult> results) {
    var mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("schema", SCHEMA);
    root.put("generated", today.toString());
    root.put("profile", profile);
    root.put("ordersPerDay", ordersPerDay);
    root.put("capacity", capacity.kind());
    ObjectNode priceNode = root.putObject("prices");
    priceNode.put("region", prices.region());
    priceNode.put("date", prices.date().toString());
    priceNode.put("ageDays", java.time.temporal.ChronoUnit.DAYS.between(prices.date(), today));
    OptionResult chosen = PlanTable.chosen(results);
    ObjectNode option = root.putObject("option");
    option.put("name", chosen.option().name());
    option.put("architecture", chosen.option().architecture().id());
    option.put("spotServices", chosen.option().spotServices());
    option.put("spotWeb", chosen.option().spotWeb());
    option.put("fargate", chosen.option().fargate());
    option.put("pipeline", chosen.option().express() ? "EXPRESS" : "STANDARD");
    option.put("predictiveAndScheduled", chosen.option().predictiveAndScheduled());
    ObjectNode tiers = root.putObject("tiers");
    for (TierPlan tier : chosen.tiers()) {
      tiers.set(tier.name(), tier(mapper, tier));
    }
    root.set("assumptions", assumptions(mapper, spotInterruptionsPerHour));
    ArrayNode notPriced = root.putArray("notPriced");
    SharedCosts.NOT_PRICED.forEach(notPriced::add);
    ArrayNode options = root.putArray("options");
    for (OptionResult r : results) {
      ObjectNode row = options.addObject();
      row.put("name", r.option().name());
      row.put("peakInstances", r.peakInstances());
      row.put("sloMinutesViolated", r.sloMinutesViolated());
      row.put("usdPerHour", r.costPerHour().setScale(4, RoundingMode.HALF_UP));
      row.put("usdPerMonth", r.costPerMonth().setScale(2, RoundingMode.HALF_UP));
      row.put("usdPer1000Orders", r.costPer1000Orders().setScale(4, RoundingMode.HALF_UP));
      row.put("spotInterruptions", r.spotInterruptions());
      ObjectNode breakdown = row.putObject("costBreakdown");
      r.costBreakdownPerHour().forEach(breakdown::put);
    }
    return root;
  }

  private static ObjectNode tier(ObjectMapper mapper, TierPlan tier) {
    ObjectNode node = mapper.createObjectNode();
    node.put("runsOn", tier.runsOn());
    node.put("peakInService", tier.peak());
    FleetSettings s = tier.settings();
    if (s == null) {
      node.put("min", tier.fixedCount());
      node.put("max", tier.fixedCount());
      node.put("simulated", false);
      return node;
    }
    node.put("simulated", true);
    node.put("min", s.min());
    node.put("max", s.max());
    node.put("cpuTargetPercent", tier.cpuTargetPercent());
    node.put("requestsPerTarget", tier.requestsPerTarget());
    node.put("warmPoolMin", s.warmPoolSize());
    if (s.predictive() == null) {
      node.putNull("predictiveBufferSeconds");
    } else {
      node.put("predictiveBufferSeconds", s.predictive().bufferSeconds());
    }
    if (s.spot() == null) {
      node.putNull("spot");
    } else {
      node.putObject("spot")
          .put("onDemandBase", s.spot().onDemandBase())
          .put("spotWeight", s.spot().spotWeight());
    }
    ArrayNode actions = node.putArray("scheduledActions");
    for (TierPlan.EventAction anchored : tier.eventActions()) {
      FleetSettings.ScheduledAction a = anchored.action();
      ObjectNode action =
          actions
              .addObject()
              .put("event", anchored.event())
              .put("anchor", anchored.anchor())
              .put("offsetSeconds", anchored.offsetSeconds())
              .put("atSecond", a.atSecond())
              .put("min", a.min());
      if (a.desired() == null) {
        action.putNull("desired");
      } else {
        action.put("desired", a.desired());
      }
    }
    node.put("sloMinutesViolated", tier.sloMinutesViolated());
    node.put("spotInterruptions", tier.interruptions());
    return node;
  }

  /** Every constant the plan rests on that no input file holds (planner/README.md lists them). */
  static ObjectNode assumptions(ObjectMapper mapper, double spotInterruptionsPerHour) {
    ObjectNode a = mapper.createObjectNode();
    a.put("ec2BootSeconds", Planner.EC2_BOOT_SECONDS);
    a.put("warmPoolStartSeconds", Planner.WARM_POOL_START_SECONDS);
    a.put("fargateStartSeconds", Planner.FARGATE_START_SECONDS);
    a.put("healthCheckSeconds", Planner.HEALTH_CHECK_SECONDS);
    a.put("warmupSeconds", Planner.WARMUP_SECONDS);
    a.put("fargateWarmupSeconds", Planner.FARGATE_WARMUP_SECONDS);
    a.put("x86HeadroomPoints", Planner.X86_HEADROOM_POINTS);
    a.put("defaultCpuTargetPercent", Planner.DEFAULT_CPU_TARGET);
    a.put("lambdaStepsPerOrder", Planner.LAMBDA_STEPS_PER_ORDER);
    a.put("lambdaStepMs", Planner.STEP_DURATION_MS);
    a.put("lambdaInitMs", Planner.STEP_INIT_MS);
    a.put("lambdaIdleSeconds", Planner.LAMBDA_IDLE_SECONDS);
    a.put("stepFunctionsTransitionsPerOrder", Planner.ORDER_WORKFLOW.transitionsPerOrder());
    a.put("expressDurationMs", Planner.ORDER_WORKFLOW.durationMs());
    a.put("expressMemoryMb", Planner.ORDER_WORKFLOW.memoryMb());
    a.put("spotInterruptionsPerHour", spotInterruptionsPerHour);
    a.put("spotNoticeSeconds", FleetSimulator.SPOT_NOTICE_SECONDS);
    a.put("spotSeed", Planner.SPOT_SEED);
    a.put("loadBalancers", SharedCosts.LOAD_BALANCERS);
    a.put("bytesPerRequest", SharedCosts.BYTES_PER_REQUEST);
    a.put("requestsPerConnection", SharedCosts.REQUESTS_PER_CONNECTION);
    a.put("connectionSeconds", SharedCosts.CONNECTION_SECONDS);
    a.put("listenerRules", SharedCosts.LISTENER_RULES);
    a.put("natGateways", SharedCosts.NAT_GATEWAYS);
    a.put("natBytesPerOrder", SharedCosts.NAT_BYTES_PER_ORDER);
    a.put("sqsRequestsPerOrder", SharedCosts.SQS_REQUESTS_PER_ORDER);
    a.put("batchVcpuSecondsMeasured", SharedCosts.BATCH_VCPU_SECONDS_MEASURED);
    a.put("batchOrdersPerDayMeasured", SharedCosts.BATCH_ORDERS_PER_DAY_MEASURED);
    a.put("batchVcpus", SharedCosts.BATCH_VCPUS);
    a.put("batchStartupSeconds", SharedCosts.BATCH_STARTUP_SECONDS);
    a.put("batchInstance", SharedCosts.BATCH_INSTANCE);
    a.put("hoursPerMonth", OptionResult.HOURS_PER_MONTH);
    return a;
  }
}
