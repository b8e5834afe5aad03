package com.securecart.planner.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.planner.simulation.LatencyCurve;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Measured capacity per role: what one vCPU serves at the SLO, the p99 against utilization, and how
 * long a new instance takes to become ready. The format is in planner/README.md.
 *
 * @param kind where the whole file comes from (the bundled default says it is not a sweep)
 */
public record Capacity(String kind, Map<String, Role> roles) {
  /**
   * The roles a capacity file must describe: the ones {@code RequestsPerOrder} turns orders into.
   */
  public static final List<String> ROLES =
      List.of("storefront", "search", "cart", "checkout", "recommendations");

  private static final String BUNDLED = "/com/securecart/planner/plan/default-capacity.json";

  public record Role(
      double requestsPerSecondPerVcpu,
      double sloP99Ms,
      int startToReadySeconds,
      LatencyCurve latency,
      String source) {
    public Role {
      if (!(requestsPerSecondPerVcpu > 0) || !(sloP99Ms > 0) || startToReadySeconds < 0) {
        throw new IllegalArgumentException(
            "needs requestsPerSecondPerVcpu > 0, sloP99Ms > 0, startToReadySeconds >= 0");
      }
    }
  }

  public Capacity {
    roles = Map.copyOf(roles);
    for (String role : ROLES) {
      if (!roles.containsKey(role)) {
        throw new IllegalArgumentException("the capacity file has no role '" + role + "'");
      }
    }
  }

  public Role role(String name) {
    return roles.get(name);
  }

  /** The committed default, built from the repository's benchmark results (not a sweep). */
  public static Capacity bundled() {
    try (InputStream in = Capacity.class.getResourceAsStream(BUNDLED)) {
      return read(in, BUNDLED);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Capacity read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in, file.toString());
    }
  }

  private static Capacity read(InputStream in, String name) throws IOException {
    JsonNode root = new ObjectMapper().readTree(in);
    JsonNode roles = root.path("roles");
    if (!roles.isObject()) {
      throw new IllegalArgumentException(name + ": no \"roles\" object");
    }
    Map<String, Role> parsed = new LinkedHashMap<>();
    for (var entry : roles.properties()) {
      try {
        parsed.put(entry.getKey(), role(entry.getValue()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            name + ": role '" + entry.getKey() + "': " + e.getMessage(), e);
      }
    }
    try {
      return new Capacity(root.path("kind").asText("unlabelled"), parsed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
  }

  private static Role role(JsonNode node) {
    List<LatencyCurve.Point> points = new ArrayList<>();
    for (JsonNode point : node.path("latency")) {
      if (point.size() != 2) {
        throw new IllegalArgumentException("latency points are [utilization, p99Ms] pairs");
      }
      points.add(new LatencyCurve.Point(point.get(0).asDouble(), point.get(1).asDouble()));
    }
    return new Role(
        node.path("requestsPerSecondPerVcpu").asDouble(),
        node.path("sloP99Ms").asDouble(),
        node.path("startToReadySeconds").asInt(-1),
        new LatencyCurve(points),
        node.path("source").asText(""));
  }
}
