package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ServicesStackTest {
  private final Synth synth = Synth.defaults();
  private final Settings.Services services = synth.settings().services();
  private final Template template = synth.template("SecureCart-Services");
  private final JsonNode tree = synth.tree("SecureCart-Services");

  @Test
  void theClusterHasEnhancedContainerInsightsAndBothFargateProviders() {
    template.hasResourceProperties(
        "AWS::ECS::Cluster",
        Map.of(
            "ClusterSettings", List.of(Map.of("Name", "containerInsights", "Value", "enhanced"))));
    template.hasResourceProperties(
        "AWS::ECS::ClusterCapacityProviderAssociations",
        Match.objectLike(
            Map.of("CapacityProviders", Match.arrayWith(List.of("FARGATE", "FARGATE_SPOT")))));
  }

  @Test
  void eachTaskIsArm64WithTheSettingsSizeItsRoleAndAReadOnlyRootAsNonRoot() {
    for (var e :
        Map.of(
                "catalog", services.catalog(),
                "search", services.search(),
                "cart", services.cart())
            .entrySet()) {
      JsonNode task = task("securecart-" + e.getKey());
      assertThat(task.at("/Properties/RuntimePlatform/CpuArchitecture").asText())
          .isEqualTo("ARM64");
      assertThat(task.at("/Properties/RuntimePlatform/OperatingSystemFamily").asText())
          .isEqualTo("LINUX");
      assertThat(task.at("/Properties/Cpu").asText())
          .isEqualTo(Integer.toString(e.getValue().cpu()));
      assertThat(task.at("/Properties/Memory").asText())
          .isEqualTo(Integer.toString(e.getValue().memoryMiB()));
      JsonNode container = task.at("/Properties/ContainerDefinitions/0");
      assertThat(env(container))
          .containsEntry("SECURECART_ROLES", e.getKey())
          .containsEntry("SECURECART_PORT", "8080")
          .containsEntry("SECURECART_DATA_DIR", "/data")
          .containsKey("SECURECART_DB_URL")
          .containsKey("SECURECART_TRUSTED_PROXIES");
      assertThat(container.path("ReadonlyRootFilesystem").asBoolean()).isTrue();
      assertThat(container.path("User").asText()).isEqualTo(FargateTier.USER);
      assertThat(container.path("Image").toString())
          .contains(":" + synth.settings().artifacts().imageTag());
      // The login is read from the secret at connect time (rotation-safe), never injected.
      assertThat(container.path("Environment").toString())
          .contains("SECURECART_DB_SECRET_ARN")
          .doesNotContain("SECURECART_DB_PASSWORD");
      assertThat(container.path("Secrets").isMissingNode()).isTrue();
      assertThat(container.path("MountPoints").toString()).contains("\"/data\"");
    }
  }

  @Test
  void eachTaskSendsItsTracesThroughAnAdotCollectorToXray() {
    for (String role : List.of("catalog", "search", "cart")) {
      JsonNode task = task("securecart-" + role);
      JsonNode containers = task.at("/Properties/ContainerDefinitions");
      assertThat(containers.size()).isEqualTo(2);
      JsonNode server = containers.get(0);
      assertThat(server.path("Name").asText()).isEqualTo("securecart");
      assertThat(env(server))
          .containsEntry("SECURECART_OTLP_ENDPOINT", "http://127.0.0.1:4318/v1/traces");
      JsonNode collector = containers.get(1);
      assertThat(collector.path("Name").asText()).isEqualTo("aws-otel-collector");
      assertThat(collector.path("Image").asText())
          .isEqualTo("public.ecr.aws/aws-observability/aws-otel-collector:v0.48.0");
      assertThat(collector.path("Command").toString())
          .isEqualTo("[\"--config=/etc/ecs/ecs-xray.yaml\"]");
      // A collector crash costs traces, not the service.
      assertThat(collector.path("Essential").asBoolean()).isFalse();
      assertThat(server.path("Essential").asBoolean()).isTrue();
      assertThat(server.path("DependsOn").isMissingNode()).isTrue();
      assertThat(collector.path("ReadonlyRootFilesystem").asBoolean()).isTrue();
      assertThat(collector.path("Cpu").asInt()).isEqualTo(64);
      assertThat(collector.path("MemoryReservation").asInt()).isEqualTo(64);
      assertThat(collector.path("Memory").asInt()).isEqualTo(256);
      assertThat(collector.path("PortMappings").isMissingNode()).isTrue();
      JsonNode logs = collector.at("/LogConfiguration/Options");
      assertThat(logs.path("awslogs-stream-prefix").asText()).isEqualTo(role);
      assertThat(logs.path("awslogs-group").toString())
          .isEqualTo(server.at("/LogConfiguration/Options/awslogs-group").toString());
      // The task role gets the X-Ray write actions, and only them, from a managed policy.
      String taskRole = task.at("/Properties/TaskRoleArn/Fn::GetAtt/0").asText();
      JsonNode policy =
          FoundationStackTest.resources(tree, "AWS::IAM::ManagedPolicy").stream()
              .filter(p -> p.at("/Properties/Roles/0/Ref").asText().equals(taskRole))
              .filter(p -> p.toString().contains("xray:"))
              .findFirst()
              .orElseThrow();
      JsonNode statement = policy.at("/Properties/PolicyDocument/Statement/0");
      assertThat(policy.at("/Properties/PolicyDocument/Statement").size()).isEqualTo(1);
      assertThat(statement.path("Resource").asText()).isEqualTo("*");
      assertThat(statement.path("Action").valueStream().map(JsonNode::asText))
          .containsExactlyInAnyOrder(
              "xray:PutTraceSegments",
              "xray:PutTelemetryRecords",
              "xray:GetSamplingRules",
              "xray:GetSamplingTargets");
    }
  }

  @Test
  void capacityProviderWeightsFollowTheSettingsAndCartsStayOffSpot() {
    for (var e :
        Map.of(
                "catalog", services.catalog(),
                "search", services.search(),
                "cart", services.cart())
            .entrySet()) {
      JsonNode service = service("securecart-" + e.getKey());
      JsonNode strategy = service.at("/Properties/CapacityProviderStrategy");
      JsonNode fargate = provider(strategy, "FARGATE");
      assertThat(fargate.path("Base").asInt()).isEqualTo(e.getValue().onDemandBase());
      assertThat(fargate.path("Weight").asInt()).isEqualTo(1);
      JsonNode spot = provider(strategy, "FARGATE_SPOT");
      if (e.getValue().spotWeight() == 0) {
        assertThat(spot).isNull();
      } else {
        assertThat(spot.path("Weight").asInt()).isEqualTo(e.getValue().spotWeight());
      }
      JsonNode deployment = service.at("/Properties/DeploymentConfiguration");
      assertThat(deployment.path("MinimumHealthyPercent").asInt()).isEqualTo(100);
      assertThat(deployment.path("MaximumPercent").asInt()).isEqualTo(200);
      assertThat(deployment.at("/DeploymentCircuitBreaker/Enable").asBoolean()).isTrue();
      assertThat(deployment.at("/DeploymentCircuitBreaker/Rollback").asBoolean()).isTrue();
      assertThat(service.at("/Properties/EnableExecuteCommand").asBoolean()).isFalse();
      assertThat(
              service
                  .at("/Properties/NetworkConfiguration/AwsvpcConfiguration/SecurityGroups")
                  .size())
          .isEqualTo(2);
    }
    assertThat(services.cart().spotWeight()).isZero();
  }

  @Test
  void listenerRulesRouteTheServersPathsInPriorities100To199() {
    Map<Integer, List<String>> rules = new java.util.TreeMap<>();
    for (JsonNode rule :
        FoundationStackTest.resources(tree, "AWS::ElasticLoadBalancingV2::ListenerRule")) {
      List<String> paths = new java.util.ArrayList<>();
      rule.at("/Properties/Conditions/0/PathPatternConfig/Values")
          .forEach(v -> paths.add(v.asText()));
      rules.put(rule.at("/Properties/Priority").asInt(), paths);
    }
    assertThat(rules)
        .containsExactlyEntriesOf(
            new java.util.TreeMap<>(
                Map.of(
                    100,
                    List.of(
                        "/api/products", "/api/products/*", "/api/categories", "/api/categories/*"),
                    110,
                    List.of("/api/search", "/api/search/*"),
                    120,
                    List.of("/api/cart", "/api/cart/*", "/api/carts", "/api/carts/*"))));
    template.hasResourceProperties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        Match.objectLike(
            Map.of(
                "TargetType",
                "ip",
                "Port",
                8080,
                "HealthCheckPath",
                "/health/ready",
                "TargetGroupAttributes",
                Match.arrayWith(
                    List.of(
                        Map.of(
                            "Key", "deregistration_delay.timeout_seconds",
                            "Value", "30"))))));
  }

  @Test
  void theTasksAcceptOnly8080FromTheAlb() {
    List<JsonNode> ingress = FoundationStackTest.resources(tree, "AWS::EC2::SecurityGroupIngress");
    assertThat(ingress).isNotEmpty();
    for (JsonNode rule : ingress) {
      assertThat(rule.at("/Properties/FromPort").asInt()).isEqualTo(8080);
      assertThat(rule.at("/Properties/ToPort").asInt()).isEqualTo(8080);
      assertThat(rule.at("/Properties/SourceSecurityGroupId").isMissingNode()).isFalse();
      assertThat(rule.at("/Properties/CidrIp").isMissingNode()).isTrue();
    }
    // The database clients' group (shared by every tier) does not admit the ALB.
    assertThat(
            FoundationStackTest.resources(
                    synth.tree("SecureCart-Data"), "AWS::EC2::SecurityGroupIngress")
                .stream()
                .map(r -> r.at("/Properties/FromPort").asInt()))
        .doesNotContain(8080);
    for (String name : List.of("securecart-catalog", "securecart-search", "securecart-cart")) {
      JsonNode lb = service(name).at("/Properties/LoadBalancers/0");
      assertThat(lb.path("ContainerName").asText()).isEqualTo("securecart");
      assertThat(lb.path("ContainerPort").asInt()).isEqualTo(8080);
    }
  }

  @Test
  void scalingHoldsTheSettingsMinMaxRequestsAndCpu() {
    List<JsonNode> targets =
        FoundationStackTest.resources(tree, "AWS::ApplicationAutoScaling::ScalableTarget");
    assertThat(targets).hasSize(3);
    List<List<Integer>> ranges =
        targets.stream()
            .map(
                t ->
                    List.of(
                        t.at("/Properties/MinCapacity").asInt(),
                        t.at("/Properties/MaxCapacity").asInt()))
            .toList();
    assertThat(ranges)
        .containsExactlyInAnyOrder(
            List.of(services.catalog().min(), services.catalog().max()),
            List.of(services.search().min(), services.search().max()),
            List.of(services.cart().min(), services.cart().max()));
    List<JsonNode> policies =
        FoundationStackTest.resources(tree, "AWS::ApplicationAutoScaling::ScalingPolicy");
    List<String> requestTargets = new java.util.ArrayList<>();
    List<String> cpuTargets = new java.util.ArrayList<>();
    for (JsonNode p : policies) {
      JsonNode config = p.at("/Properties/TargetTrackingScalingPolicyConfiguration");
      String type = config.at("/PredefinedMetricSpecification/PredefinedMetricType").asText();
      String value = config.path("TargetValue").asText();
      if (type.equals("ALBRequestCountPerTarget")) {
        requestTargets.add(value);
      } else if (type.equals("ECSServiceAverageCPUUtilization")) {
        cpuTargets.add(value);
      }
    }
    assertThat(requestTargets)
        .containsExactlyInAnyOrder(
            Integer.toString(services.catalog().requestsPerTarget()),
            Integer.toString(services.search().requestsPerTarget()),
            Integer.toString(services.cart().requestsPerTarget()));
    assertThat(cpuTargets)
        .containsExactlyInAnyOrder(
            Integer.toString(services.catalog().cpuTargetPercent()),
            Integer.toString(services.search().cpuTargetPercent()),
            Integer.toString(services.cart().cpuTargetPercent()));
  }

  @Test
  void eachTierHasItsCpuMemoryTasksAnd5xxAlarms() {
    List<String> names =
        FoundationStackTest.resources(tree, "AWS::CloudWatch::Alarm").stream()
            .map(a -> a.at("/Properties/AlarmName").asText())
            .toList();
    for (String tier : List.of("catalog", "search", "cart")) {
      assertThat(names)
          .contains(
              "securecart-" + tier + "-cpu",
              "securecart-" + tier + "-memory",
              "securecart-" + tier + "-tasks-below-min",
              "securecart-" + tier + "-target-5xx",
              "securecart-" + tier + "-p99");
    }
    JsonNode searchP99 =
        FoundationStackTest.resources(tree, "AWS::CloudWatch::Alarm").stream()
            .filter(a -> a.at("/Properties/AlarmName").asText().equals("securecart-search-p99"))
            .findFirst()
            .orElseThrow();
    assertThat(searchP99.at("/Properties/Threshold").asDouble())
        .isEqualTo(synth.settings().alarms().searchP99Ms() / 1000.0);
  }

  @Test
  void otherServiceSettingsChangeTheTemplate() {
    Settings.Service cart = services.cart();
    Synth variant =
        Synth.with(
            "services-variant",
            s ->
                s.withServices(
                        new Settings.Services(
                            services.catalog(),
                            new Settings.Service(2048, 8192, 3, 20, 900, 50, 1, 3),
                            new Settings.Service(
                                cart.cpu(),
                                cart.memoryMiB(),
                                cart.min(),
                                cart.max(),
                                cart.requestsPerTarget(),
                                cart.cpuTargetPercent(),
                                1,
                                1)))
                    .withBatch(
                        new Settings.Batch(
                            16, 65536, 128, "cron(30 1 * * ? *)", "Europe/Berlin", 5, 120)));
    JsonNode variantTree = variant.tree("SecureCart-Services");
    JsonNode search =
        FoundationStackTest.resources(variantTree, "AWS::ECS::TaskDefinition").stream()
            .filter(t -> t.at("/Properties/Family").asText().equals("securecart-search"))
            .findFirst()
            .orElseThrow();
    assertThat(search.at("/Properties/Cpu").asText()).isEqualTo("2048");
    assertThat(search.at("/Properties/Memory").asText()).isEqualTo("8192");
    JsonNode cartService =
        FoundationStackTest.resources(variantTree, "AWS::ECS::Service").stream()
            .filter(t -> t.at("/Properties/ServiceName").asText().equals("securecart-cart"))
            .findFirst()
            .orElseThrow();
    JsonNode spot =
        provider(cartService.at("/Properties/CapacityProviderStrategy"), "FARGATE_SPOT");
    assertThat(spot).isNotNull();
    assertThat(spot.path("Weight").asInt()).isEqualTo(1);
    assertThat(
            FoundationStackTest.resources(
                    variantTree, "AWS::ApplicationAutoScaling::ScalableTarget")
                .stream()
                .map(t -> t.at("/Properties/MaxCapacity").asInt()))
        .contains(20);
    AnalyticsStackTest.assertBatch(variant);
  }

  @Test
  void logsAreKmsEncryptedForAYear() {
    template.resourcePropertiesCountIs(
        "AWS::Logs::LogGroup", Map.of("RetentionInDays", 365, "KmsKeyId", Match.anyValue()), 3);
  }

  private JsonNode task(String family) {
    return FoundationStackTest.resources(tree, "AWS::ECS::TaskDefinition").stream()
        .filter(t -> t.at("/Properties/Family").asText().equals(family))
        .findFirst()
        .orElseThrow();
  }

  private JsonNode service(String name) {
    return FoundationStackTest.resources(tree, "AWS::ECS::Service").stream()
        .filter(t -> t.at("/Properties/ServiceName").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode provider(JsonNode strategy, String name) {
    for (JsonNode s : strategy) {
      if (s.path("CapacityProvider").asText().equals(name)) {
        return s;
      }
    }
    return null;
  }

  private static Map<String, String> env(JsonNode container) {
    Map<String, String> out = new java.util.HashMap<>();
    container
        .path("Environment")
        .forEach(
            e ->
                out.put(
                    e.path("Name").asText(),
                    e.path("Value").isTextual()
                        ? e.path("Value").asText()
                        : e.path("Value").toString()));
    return out;
  }
}
