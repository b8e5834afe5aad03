package com.securecart.planner.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tiers of infra/securecart.json the planner simulates: the web and checkout Auto Scaling
 * groups, the ECS services, the pipeline's Lambda functions. Only the fields that shape scaling and
 * cost are read.
 */
public record Infra(Group web, Group checkout, Map<String, Service> services, Pipeline pipeline) {

  /**
   * An EC2 Auto Scaling group.
   *
   * @param cpuTargetPercent 0 where the group has no CPU policy (checkout tracks requests only)
   */
  public record Group(
      String instanceType,
      int min,
      int max,
      int requestsPerTarget,
      int cpuTargetPercent,
      int warmPoolMin,
      int predictiveBufferSeconds,
      int saleLeadMinutes) {}

  /** An ECS service on Fargate; {@code cpu} in CPU units (1024 = 1 vCPU). */
  public record Service(
      int cpu,
      int memoryMiB,
      int min,
      int max,
      int requestsPerTarget,
      int cpuTargetPercent,
      int onDemandBase,
      int spotWeight) {}

  public record Pipeline(int memoryMiB, int reservedConcurrency) {}

  public Infra {
    services = Map.copyOf(services);
  }

  public static Infra read(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    Map<String, Service> services = new LinkedHashMap<>();
    for (var entry : root.path("services").properties()) {
      JsonNode s = entry.getValue();
      services.put(
          entry.getKey(),
          new Service(
              s.path("cpu").asInt(),
              s.path("memoryMiB").asInt(),
              s.path("min").asInt(),
              s.path("max").asInt(),
              s.path("requestsPerTarget").asInt(),
              s.path("cpuTargetPercent").asInt(),
              s.path("onDemandBase").asInt(),
              s.path("spotWeight").asInt()));
    }
    JsonNode pipeline = root.path("pipeline");
    return new Infra(
        group(root.path("web")),
        group(root.path("checkout")),
        services,
        new Pipeline(
            pipeline.path("memoryMiB").asInt(), pipeline.path("reservedConcurrency").asInt()));
  }

  private static Group group(JsonNode g) {
    if (!g.hasNonNull("instanceType")) {
      throw new IllegalArgumentException("securecart.json: a group has no instanceType");
    }
    return new Group(
        g.path("instanceType").asText(),
        g.path("min").asInt(),
        g.path("max").asInt(),
        g.path("requestsPerTarget").asInt(),
        g.path("cpuTargetPercent").asInt(),
        g.path("warmPoolMin").asInt(),
        g.path("predictiveBufferSeconds").asInt(),
        g.path("saleLeadMinutes").asInt());
  }
}
