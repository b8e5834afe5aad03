package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Checks that a synthesized app deploys what a plan.json says, read straight from the file (not
 * through {@link Plan}), so that no figure of the plan is written into a test: every EC2 tier's and
 * every ECS service's sizes, targets, Spot shares, predictive policy, warm pool and scheduled
 * actions (each sale's dates plus the plan's offsets).
 */
final class PlanAgreement {
  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Synth synth;
  private final JsonNode plan;

  PlanAgreement(Synth synth, Path planFile) {
    this.synth = synth;
    try {
      this.plan = new ObjectMapper().readTree(planFile.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode tier(String name) {
    return plan.at("/tiers/" + name);
  }

  /** web and checkout: the Auto Scaling groups of the web stack. */
  void ec2(String name, String id) {
    JsonNode t = tier(name);
    JsonNode web = synth.tree(WebStackTest.STACK);
    JsonNode group = byId(web, id + "GroupASG");
    String as = "tiers." + name;
    assertThat(group.at("/Properties/MinSize").asInt())
        .as(as + ".min")
        .isEqualTo(t.path("min").asInt());
    assertThat(group.at("/Properties/MaxSize").asInt())
        .as(as + ".max")
        .isEqualTo(t.path("max").asInt());
    assertThat(
            byId(web, id + "Template").at("/Properties/LaunchTemplateData/InstanceType").asText())
        .as(as + ".runsOn")
        .isEqualTo(t.path("runsOn").asText());
    assertThat(
            byId(web, id + "Requests")
                .at("/Properties/TargetTrackingConfiguration/TargetValue")
                .asInt())
        .as(as + ".requestsPerTarget")
        .isEqualTo(t.path("requestsPerTarget").asInt());
    List<JsonNode> cpu = withId(web, id + "GroupScalingPolicyCpu");
    if (t.path("cpuTargetPercent").isNull()) {
      assertThat(cpu).as(as + ": no CPU policy").isEmpty();
    } else {
      assertThat(cpu).hasSize(1);
      assertThat(cpu.getFirst().at("/Properties/TargetTrackingConfiguration/TargetValue").asInt())
          .as(as + ".cpuTargetPercent")
          .isEqualTo(t.path("cpuTargetPercent").asInt());
    }
    List<JsonNode> predictive = withId(web, id + "Predictive");
    if (t.path("predictiveBufferSeconds").isNull()) {
      assertThat(predictive).as(as + ": no predictive policy").isEmpty();
    } else {
      assertThat(predictive).hasSize(1);
      assertThat(
              predictive
                  .getFirst()
                  .at("/Properties/PredictiveScalingConfiguration/SchedulingBufferTime")
                  .asInt())
          .as(as + ".predictiveBufferSeconds")
          .isEqualTo(t.path("predictiveBufferSeconds").asInt());
    }
    List<JsonNode> pools = ofGroup(web, "AWS::AutoScaling::WarmPool", id).stream().toList();
    if (t.path("warmPoolMin").asInt() == 0) {
      assertThat(pools).as(as + ": no warm pool").isEmpty();
    } else {
      assertThat(pools).hasSize(1);
      assertThat(pools.getFirst().at("/Properties/MinSize").asInt())
          .as(as + ".warmPoolMin")
          .isEqualTo(t.path("warmPoolMin").asInt());
    }
    JsonNode mixed = group.at("/Properties/MixedInstancesPolicy");
    if (t.path("spot").isNull()) {
      assertThat(mixed.isMissingNode()).as(as + ": On-Demand only").isTrue();
    } else {
      JsonNode d = mixed.path("InstancesDistribution");
      int weight = t.at("/spot/spotWeight").asInt();
      assertThat(d.path("OnDemandBaseCapacity").asInt())
          .as(as + ".spot.onDemandBase")
          .isEqualTo(t.at("/spot/onDemandBase").asInt());
      assertThat(d.path("OnDemandPercentageAboveBaseCapacity").asInt())
          .as(as + ".spot.spotWeight " + weight + ": 100 / (1 + weight) On-Demand")
          .isEqualTo(Math.round(100f / (1 + weight)));
      // Spot over more than one pool per zone, replaced on a rebalance recommendation.
      List<String> types = new java.util.ArrayList<>();
      mixed
          .at("/LaunchTemplate/Overrides")
          .forEach(o -> types.add(o.path("InstanceType").asText()));
      assertThat(types).as(as + ": Spot instance types").hasSizeGreaterThan(1);
      assertThat(types.getFirst()).isEqualTo(t.path("runsOn").asText());
      assertThat(group.at("/Properties/CapacityRebalance").asBoolean())
          .as(as + ": capacity rebalancing")
          .isTrue();
    }
    List<List<Object>> actions =
        ofGroup(web, "AWS::AutoScaling::ScheduledAction", id).stream()
            .map(
                a ->
                    Arrays.<Object>asList(
                        a.at("/Properties/StartTime").asText(),
                        a.at("/Properties/MinSize").asInt(),
                        a.at("/Properties/DesiredCapacity").isMissingNode()
                            ? null
                            : a.at("/Properties/DesiredCapacity").asInt()))
            .toList();
    assertThat(actions)
        .as(as + ".scheduledActions on each sale")
        .containsExactlyInAnyOrderElementsOf(expected(t, Instant::toString));
  }

  /** catalog, search, cart: the ECS services of the services stack. */
  void fargate(String name) {
    JsonNode t = tier(name);
    String as = "tiers." + name;
    JsonNode services = synth.tree("SecureCart-Services");
    String[] runsOn = t.path("runsOn").asText().split(" ");
    JsonNode task =
        FoundationStackTest.resources(services, "AWS::ECS::TaskDefinition").stream()
            .filter(d -> d.at("/Properties/Family").asText().equals("securecart-" + name))
            .findFirst()
            .orElseThrow();
    assertThat(task.at("/Properties/Cpu").asInt())
        .as(as + ".runsOn vCPU")
        .isEqualTo(Math.round(Float.parseFloat(runsOn[1]) * 1024));
    assertThat(task.at("/Properties/Memory").asInt())
        .as(as + ".runsOn GiB")
        .isEqualTo(Math.round(Float.parseFloat(runsOn[3]) * 1024));
    assertThat(task.at("/Properties/RuntimePlatform/CpuArchitecture").asText())
        .isEqualTo(runsOn[5].toUpperCase(java.util.Locale.ROOT));

    String prefix = Character.toUpperCase(name.charAt(0)) + name.substring(1) + "Service";
    Map.Entry<String, JsonNode> target =
        services
            .path("Resources")
            .propertyStream()
            .filter(e -> e.getValue().path("Type").asText().endsWith("::ScalableTarget"))
            .filter(e -> e.getKey().startsWith(prefix))
            .findFirst()
            .orElseThrow();
    assertThat(target.getValue().at("/Properties/MinCapacity").asInt())
        .as(as + ".min")
        .isEqualTo(t.path("min").asInt());
    assertThat(target.getValue().at("/Properties/MaxCapacity").asInt())
        .as(as + ".max")
        .isEqualTo(t.path("max").asInt());
    List<List<Object>> actions = new ArrayList<>();
    for (JsonNode a : target.getValue().at("/Properties/ScheduledActions")) {
      actions.add(
          Arrays.asList(
              a.path("Schedule").asText(),
              a.at("/ScalableTargetAction/MinCapacity").asInt(),
              null));
    }
    // Application Auto Scaling schedules a minimum only: a planned desired equals it.
    assertThat(actions)
        .as(as + ".scheduledActions on each sale")
        .containsExactlyInAnyOrderElementsOf(
            expected(t, at -> "at(" + AT.format(at) + ")").stream()
                .map(a -> Arrays.asList(a.get(0), a.get(1), null))
                .toList());
    if (t.path("simulated").asBoolean(true)) {
      targets(services, target.getKey(), t, as);
      spot(services, name, t, as);
    }
  }

  private static void targets(JsonNode services, String targetId, JsonNode t, String as) {
    List<JsonNode> policies =
        FoundationStackTest.resources(services, "AWS::ApplicationAutoScaling::ScalingPolicy")
            .stream()
            .filter(p -> p.at("/Properties/ScalingTargetId/Ref").asText().equals(targetId))
            .toList();
    Map<String, Integer> byMetric = new java.util.HashMap<>();
    for (JsonNode p : policies) {
      JsonNode c = p.at("/Properties/TargetTrackingScalingPolicyConfiguration");
      byMetric.put(
          c.at("/PredefinedMetricSpecification/PredefinedMetricType").asText(),
          c.path("TargetValue").asInt());
    }
    assertThat(byMetric)
        .as(as + " target tracking")
        .isEqualTo(
            Map.of(
                "ALBRequestCountPerTarget", t.path("requestsPerTarget").asInt(),
                "ECSServiceAverageCPUUtilization", t.path("cpuTargetPercent").asInt()));
  }

  private static void spot(JsonNode services, String name, JsonNode t, String as) {
    JsonNode strategy =
        FoundationStackTest.resources(services, "AWS::ECS::Service").stream()
            .filter(s -> s.at("/Properties/ServiceName").asText().equals("securecart-" + name))
            .findFirst()
            .orElseThrow()
            .at("/Properties/CapacityProviderStrategy");
    Map<String, List<Integer>> providers = new java.util.HashMap<>();
    for (JsonNode p : strategy) {
      providers.put(
          p.path("CapacityProvider").asText(),
          List.of(p.path("Base").asInt(0), p.path("Weight").asInt()));
    }
    JsonNode spot = t.path("spot");
    int base = spot.isNull() ? 0 : spot.path("onDemandBase").asInt();
    int weight = spot.isNull() ? 0 : spot.path("spotWeight").asInt();
    Map<String, List<Integer>> expected =
        weight == 0
            ? Map.of("FARGATE", List.of(base, 1))
            : Map.of("FARGATE", List.of(base, 1), "FARGATE_SPOT", List.of(0, weight));
    assertThat(providers).as(as + ".spot").isEqualTo(expected);
  }

  /** [time, min, desired] per sale of securecart.json and action of the tier, after the synth. */
  private List<List<Object>> expected(JsonNode t, java.util.function.Function<Instant, String> at) {
    List<List<Object>> out = new ArrayList<>();
    for (Settings.Sale sale : synth.settings().checkout().sales()) {
      for (JsonNode a : t.path("scheduledActions")) {
        Instant anchor = a.path("anchor").asText().equals("start") ? sale.start() : sale.end();
        Instant when = anchor.plusSeconds(a.path("offsetSeconds").asLong());
        if (when.isAfter(Synth.NOW)) {
          out.add(
              Arrays.asList(
                  at.apply(when),
                  a.path("min").asInt(),
                  a.path("desired").isNull() ? null : a.path("desired").asInt()));
        }
      }
    }
    return out;
  }

  private static List<JsonNode> ofGroup(JsonNode tree, String type, String id) {
    return FoundationStackTest.resources(tree, type).stream()
        .filter(
            r -> r.at("/Properties/AutoScalingGroupName/Ref").asText().startsWith(id + "GroupASG"))
        .toList();
  }

  private static List<JsonNode> withId(JsonNode tree, String prefix) {
    return tree.path("Resources")
        .propertyStream()
        .filter(e -> e.getKey().matches(prefix + "[0-9A-F]{8}"))
        .map(Map.Entry::getValue)
        .toList();
  }

  private static JsonNode byId(JsonNode tree, String prefix) {
    List<JsonNode> found = withId(tree, prefix);
    assertThat(found).as(prefix).hasSize(1);
    return found.getFirst();
  }
}
