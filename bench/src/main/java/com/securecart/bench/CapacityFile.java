package com.securecart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securecart.planner.plan.Capacity;
import com.securecart.planner.simulation.LatencyCurve;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes the planner's capacity file (planner/README.md, "The capacity file") from measured roles,
 * and reads back one role's sweep as the script keeps it between runs of the driver. Every role the
 * planner needs is written: a role not swept in this run keeps the bundled default's entry, with
 * its source saying so. Each measured role also carries its raw {@code steps}, which the planner
 * ignores.
 */
final class CapacityFile {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final String BUNDLED = "/com/securecart/planner/plan/default-capacity.json";

  private CapacityFile() {}

  /**
   * The whole file.
   *
   * @param measured by role; the others come from the bundled default
   */
  static ObjectNode build(String date, String machine, Map<String, MeasuredRole> measured)
      throws IOException {
    JsonNode bundled = bundled();
    ObjectNode root = JSON.createObjectNode();
    root.put(
        "kind",
        "MEASURED by ./securecart bench capacity on "
            + date
            + (measured.keySet().containsAll(Capacity.ROLES)
                ? ""
                : " (roles not swept keep the bundled default: see their source)"));
    root.put("measured", date);
    root.put("machine", machine);
    root.put(
        "note",
        "One server instance per role with one vCPU (taskset, -XX:ActiveProcessorCount=1), open-model"
            + " load from a driver on another CPU; latency from each request's scheduled start."
            + " requestsPerSecondPerVcpu = achieved / CPU utilization at the highest step within the"
            + " SLO when the step after it failed with the CPU at least 85% busy; otherwise (a limit"
            + " other than the CPU) that step's achieved rate, not extrapolated: each role's limit"
            + " says which. steps holds every step.");
    ObjectNode roles = root.putObject("roles");
    for (String role : Capacity.ROLES) {
      MeasuredRole m = measured.get(role);
      if (m != null) {
        roles.set(role, role(m));
      } else {
        ObjectNode kept = bundled.path("roles").path(role).deepCopy();
        kept.put(
            "source", "NOT MEASURED in this run; bundled default: " + kept.path("source").asText());
        roles.set(role, kept);
      }
    }
    return root;
  }

  static void write(Path file, ObjectNode capacity) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    JSON.writeValue(file.toFile(), capacity);
  }

  static ObjectNode role(MeasuredRole m) {
    ObjectNode node = JSON.createObjectNode();
    node.put("requestsPerSecondPerVcpu", round(m.requestsPerSecondPerVcpu(), 1));
    node.put("sloP99Ms", m.sloP99Ms());
    node.put("startToReadySeconds", m.startToReadySeconds());
    ArrayNode latency = node.putArray("latency");
    for (LatencyCurve.Point p : m.curvePoints()) {
      latency.addArray().add(p.utilization()).add(p.p99Ms());
    }
    node.put("source", m.source());
    node.put("limit", m.limit());
    node.set("steps", steps(m.steps(), new StepController(m.sloP99Ms(), 2, 1)));
    return node;
  }

  private static ArrayNode steps(List<StepResult> steps, StepController slo) {
    ArrayNode array = JSON.createArrayNode();
    for (StepResult s : steps) {
      ObjectNode step = array.addObject();
      step.put("offeredPerSecond", round(s.offeredPerSecond(), 2));
      step.put("achievedPerSecond", round(s.achievedPerSecond(), 2));
      number(step, "utilization", s.utilization(), 4);
      number(step, "p50Ms", s.p50Ms(), 2);
      number(step, "p99Ms", s.p99Ms(), 2);
      step.put("requests", s.requests());
      step.put("errors", s.errors());
      step.put("errorKinds", s.errorKinds());
      step.put("withinSlo", slo.withinSlo(s));
    }
    return array;
  }

  /** One role's sweep as the driver keeps it until the file is written ({@link #readPart}). */
  static void writePart(Path file, MeasuredRole m) throws IOException {
    ObjectNode node = JSON.createObjectNode();
    node.put("role", m.role());
    node.put("sloP99Ms", m.sloP99Ms());
    node.put("startToReadySeconds", m.startToReadySeconds());
    node.put("source", m.source());
    node.set("steps", steps(m.steps(), new StepController(m.sloP99Ms(), 2, 1)));
    write(file, node);
  }

  static MeasuredRole readPart(Path file) throws IOException {
    JsonNode node = JSON.readTree(file.toFile());
    List<StepResult> steps = new ArrayList<>();
    for (JsonNode s : node.path("steps")) {
      steps.add(
          new StepResult(
              s.path("offeredPerSecond").asDouble(),
              s.path("achievedPerSecond").asDouble(),
              orNaN(s.path("utilization")),
              orNaN(s.path("p50Ms")),
              orNaN(s.path("p99Ms")),
              s.path("requests").asLong(),
              s.path("errors").asLong(),
              s.path("errorKinds").asText("not told apart")));
    }
    return new MeasuredRole(
        node.path("role").asText(),
        node.path("sloP99Ms").asDouble(),
        node.path("startToReadySeconds").asInt(),
        node.path("source").asText(),
        steps);
  }

  /** The bundled default's SLO for {@code role}: docs/operations.md's objective. */
  static double bundledSlo(String role) {
    return Capacity.bundled().role(role).sloP99Ms();
  }

  private static JsonNode bundled() throws IOException {
    try (InputStream in = Capacity.class.getResourceAsStream(BUNDLED)) {
      if (in == null) {
        throw new IOException("the planner's bundled capacity file " + BUNDLED + " is missing");
      }
      return JSON.readTree(in);
    }
  }

  private static void number(ObjectNode node, String name, double value, int places) {
    if (Double.isFinite(value)) {
      node.put(name, round(value, places));
    } else {
      node.putNull(name); // JSON has no NaN
    }
  }

  private static double orNaN(JsonNode node) {
    return node.isNumber() ? node.asDouble() : Double.NaN;
  }

  private static double round(double value, int places) {
    double scale = Math.pow(10, places);
    return Math.round(value * scale) / scale;
  }
}
