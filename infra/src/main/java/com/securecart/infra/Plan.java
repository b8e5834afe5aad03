package com.securecart.infra;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The capacity planner's plan.json (schema 1, planner/README.md): per tier the sizes, targets and
 * scheduled actions that replace securecart.json's when securecart.json names a plan. Only what the
 * CDK app deploys is read; the simulation's figures and the options table are left to people.
 *
 * @param file where the plan was read from, for messages
 * @param tiers by name: web, checkout, catalog, search, cart (pipeline is accepted and not read)
 */
public record Plan(Path file, Map<String, Tier> tiers) {
  static final int SCHEMA = 1;

  /** The tiers the app reads from a plan; each must be there. */
  static final List<String> DEPLOYED = List.of("web", "checkout", "catalog", "search", "cart");

  static final List<String> FARGATE = List.of("catalog", "search", "cart");
  static final List<String> KNOWN =
      List.of("web", "checkout", "catalog", "search", "cart", "pipeline");

  /** The app's build: the server bundle, the image and the functions are arm64 only. */
  static final String ARCHITECTURE = "arm64";

  private static final Pattern FARGATE_SIZE =
      Pattern.compile("fargate (\\d+(?:\\.\\d+)?) vCPU (\\d+(?:\\.\\d+)?) GiB (\\S+)");

  public Plan {
    tiers = Map.copyOf(tiers);
    for (String name : DEPLOYED) {
      check(
          tiers.containsKey(name),
          file,
          "tiers." + name + " is missing (the app reads " + DEPLOYED + ")");
    }
    for (String name : tiers.keySet()) {
      check(KNOWN.contains(name), file, "tiers." + name + ": not a tier of SecureCart " + KNOWN);
    }
    for (String name : DEPLOYED) {
      tiers.get(name).check(file, name);
    }
  }

  /**
   * One tier's figures. For a tier the planner did not simulate ({@code simulated: false}, the
   * catalog today) only {@code runsOn}, {@code min} and {@code max} are given; the others stay
   * securecart.json's.
   *
   * @param runsOn an EC2 instance type, or {@code fargate V vCPU M GiB ARCH}
   * @param predictiveBufferSeconds null: no predictive policy
   * @param spot null: On-Demand only
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Tier(
      String runsOn,
      Boolean simulated,
      int min,
      int max,
      Integer cpuTargetPercent,
      Integer requestsPerTarget,
      Integer warmPoolMin,
      Integer predictiveBufferSeconds,
      Spot spot,
      List<Action> scheduledActions) {
    public Tier {
      scheduledActions = scheduledActions == null ? List.of() : List.copyOf(scheduledActions);
    }

    boolean isSimulated() {
      return simulated == null || simulated;
    }

    int warmPool() {
      return warmPoolMin == null ? 0 : warmPoolMin;
    }

    private void check(Path file, String name) {
      String at = "tiers." + name;
      Plan.check(runsOn != null && !runsOn.isBlank(), file, at + ".runsOn is missing");
      Plan.check(min >= 1 && max >= min, file, at + ": 1 <= min <= max");
      if (isSimulated()) {
        Plan.check(
            cpuTargetPercent != null && requestsPerTarget != null && warmPoolMin != null,
            file,
            at + ": a simulated tier gives cpuTargetPercent, requestsPerTarget and warmPoolMin");
      }
      if (FARGATE.contains(name)) {
        fargate(file);
        Plan.check(warmPool() == 0, file, at + ".warmPoolMin: Fargate has no warm pool");
        Plan.check(
            predictiveBufferSeconds == null,
            file,
            at + ".predictiveBufferSeconds: the app has no predictive policy for ECS services");
      } else {
        Plan.check(
            spot == null || warmPool() == 0,
            file,
            at + ": spot and a warm pool together (AWS allows no warm pool with mixed instances)");
      }
      for (Action action : scheduledActions) {
        action.check(file, at, max, FARGATE.contains(name));
      }
    }

    /** CPU units and MiB of a {@code fargate V vCPU M GiB ARCH} tier, refusing another arch. */
    int[] fargate(Path file) {
      Matcher m = FARGATE_SIZE.matcher(runsOn);
      Plan.check(
          m.matches(), file, "runsOn '" + runsOn + "': expected 'fargate V vCPU M GiB ARCH'");
      Plan.check(
          m.group(3).equals(ARCHITECTURE),
          file,
          "runsOn '"
              + runsOn
              + "': the app builds "
              + ARCHITECTURE
              + " only (image, server bundle); plan again for "
              + ARCHITECTURE);
      double vcpu = Double.parseDouble(m.group(1));
      double gib = Double.parseDouble(m.group(2));
      return new int[] {(int) Math.round(vcpu * 1024), (int) Math.round(gib * 1024)};
    }
  }

  /**
   * Fargate Spot's or EC2 Spot's share: {@code spotWeight} Spot to On-Demand's 1 above the base.
   */
  public record Spot(int onDemandBase, int spotWeight) {}

  /**
   * A scheduled size change relative to an announced event: {@code flash-sale} (the planner's
   * generic sale) applies to each sale of securecart.json's checkout.sales; any other event name
   * (from a CSV profile's {@code event} rows) to the sale of that name only.
   *
   * @param anchor {@code start} or {@code end} of the event
   * @param offsetSeconds from the anchor; negative: before it
   * @param desired null: left to the scaling policies
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Action(String event, String anchor, int offsetSeconds, int min, Integer desired) {
    static final String FLASH_SALE = "flash-sale";

    /** Whether this action sizes the sale of that name. */
    boolean appliesTo(String sale) {
      return FLASH_SALE.equals(event) || event.equals(sale);
    }

    private void check(Path file, String at, int max, boolean fargate) {
      String where = at + ".scheduledActions";
      Plan.check(event != null && !event.isBlank(), file, where + ": event is missing");
      Plan.check(
          "start".equals(anchor) || "end".equals(anchor),
          file,
          where + ": anchor '" + anchor + "': start or end");
      Plan.check(min >= 1 && min <= max, file, where + ": 1 <= min <= the tier's max");
      Plan.check(
          desired == null || (desired >= min && desired <= max),
          file,
          where + ": min <= desired <= max");
      // Application Auto Scaling's scheduled actions set a minimum and a maximum, no desired count.
      Plan.check(
          !fargate || desired == null || desired == min,
          file,
          where + ": an ECS service has no desired count to schedule; desired must be null or min");
    }
  }

  public Tier tier(String name) {
    return tiers.get(name);
  }

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .build();

  /** Reads and checks a plan; errors name the file. */
  public static Plan read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("plan: cannot read " + file + ": " + e.getMessage(), e);
    }
    check(
        root.path("schema").asInt(-1) == SCHEMA,
        file,
        "schema " + root.path("schema") + ": this app reads schema " + SCHEMA);
    String architecture = root.at("/option/architecture").asText("");
    check(
        architecture.equals(ARCHITECTURE),
        file,
        "option.architecture '"
            + architecture
            + "': the app builds "
            + ARCHITECTURE
            + " only (image, server bundle); plan again for "
            + ARCHITECTURE);
    check(root.path("tiers").isObject(), file, "tiers is missing");
    Map<String, Tier> tiers = new LinkedHashMap<>();
    for (var entry : root.path("tiers").properties()) {
      try {
        tiers.put(entry.getKey(), JSON.treeToValue(entry.getValue(), Tier.class));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException(
            "plan " + file + ": tiers." + entry.getKey() + ": " + e.getOriginalMessage(), e);
      }
    }
    return new Plan(file, tiers);
  }

  static void check(boolean ok, Path file, String message) {
    if (!ok) {
      throw new IllegalArgumentException("plan " + file + ": " + message);
    }
  }
}
