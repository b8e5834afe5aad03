package com.securecart.planner.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securecart.planner.prices.PriceTable;
import com.securecart.planner.simulation.FleetSettings;
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
    ArrayNode options = root.putArray("options");
    for (OptionResult r : results) {
      ObjectNode row = options.addObject();
      row.put("name", r.option().name());
      row.put("peakInstances", r.peakInstances());
      row.put("sloMinutesViolated", r.sloMinutesViolated());
      row.put("usdPerHour", r.costPerHour().setScale(4, RoundingMode.HALF_UP));
      row.put("usdPerMonth", r.costPerMonth().setScale(2, RoundingMode.HALF_UP));
      row.put("usdPer1000Orders", r.costPer1000Orders().setScale(4, RoundingMode.HALF_UP));
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
    for (FleetSettings.ScheduledAction a : s.scheduled()) {
      ObjectNode action = actions.addObject().put("atSecond", a.atSecond()).put("min", a.min());
      if (a.desired() == null) {
        action.putNull("desired");
      } else {
        action.put("desired", a.desired());
      }
    }
    node.put("sloMinutesViolated", tier.sloMinutesViolated());
    return node;
  }
}
