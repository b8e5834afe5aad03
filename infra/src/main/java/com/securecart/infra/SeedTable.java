package com.securecart.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The seed's rows and what implements each, read from the synthesized templates rather than from
 * the code that wrote them: each row names the resource types and properties that make it true (an
 * Auto Scaling group whose launch template is M-series Graviton, a Batch environment on Spot), and
 * prints their logical ids, counts and the values that matter. Run by {@code ./securecart aws
 * synth}; {@code java ... SeedTable DIR}.
 */
public final class SeedTable {
  /** One synthesized resource. */
  record Resource(String stack, String id, String type, JsonNode properties, Templates all) {
    String text(String pointer) {
      return properties.at(pointer).asText("");
    }
  }

  /** A seed row, the AWS service the seed names for it, and how to find its resources. */
  record Row(String seed, String service, List<Probe> probes, String note) {}

  /** Resources of one type that a row counts, with a label of the values that matter. */
  record Probe(
      String type,
      Predicate<Resource> matches,
      java.util.function.Function<Resource, String> detail) {}

  /** Every resource of every template in a directory. */
  static final class Templates {
    final List<Resource> resources = new ArrayList<>();
    final Map<String, JsonNode> byId = new TreeMap<>();

    Templates(Path dir) {
      ObjectMapper json = new ObjectMapper();
      try (Stream<Path> files = Files.list(dir)) {
        for (Path file :
            files.filter(f -> f.toString().endsWith(".template.json")).sorted().toList()) {
          String stack = file.getFileName().toString().replace(".template.json", "");
          JsonNode resources = json.readTree(file.toFile()).path("Resources");
          resources
              .properties()
              .forEach(
                  e -> {
                    byId.put(stack + "/" + e.getKey(), e.getValue());
                    addResource(stack, e.getKey(), e.getValue());
                  });
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the templates in " + dir, e);
      }
    }

    private void addResource(String stack, String id, JsonNode resource) {
      resources.add(
          new Resource(
              stack, id, resource.path("Type").asText(), resource.path("Properties"), this));
    }

    /** A resource that another references with Ref in the same stack. */
    JsonNode ref(String stack, JsonNode ref) {
      String id = ref.path("Ref").asText("");
      return byId.getOrDefault(
          stack + "/" + id, com.fasterxml.jackson.databind.node.MissingNode.getInstance());
    }
  }

  private SeedTable() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: SeedTable DIR (the synthesized templates)");
      System.exit(2);
    }
    print(new Templates(Path.of(args[0])), System.out);
  }

  /** The table, as Markdown. */
  static void print(Templates templates, PrintStream out) {
    out.println("| Seed | AWS service | Implemented by (stack/logical id) | Count | Values |");
    out.println("|---|---|---|---|---|");
    for (Row row : rows()) {
      List<Resource> found = new ArrayList<>();
      TreeSet<String> details = new TreeSet<>();
      for (Probe probe : row.probes()) {
        for (Resource r : templates.resources) {
          if (r.type().equals(probe.type()) && probe.matches().test(r)) {
            found.add(r);
            String d = probe.detail().apply(r);
            if (!d.isBlank()) {
              details.add(d);
            }
          }
        }
      }
      String ids =
          found.isEmpty()
              ? row.note()
              : String.join(
                      ", ",
                      found.stream()
                          .map(r -> r.stack().replace("SecureCart-", "") + "/" + r.id())
                          .limit(8)
                          .toList())
                  + (found.size() > 8 ? ", ..." : "");
      out.printf(
          "| %s | %s | %s | %d | %s |%n",
          row.seed(), row.service(), ids, found.size(), String.join("; ", details));
    }
  }

  /** Rows whose count must not be zero once every stack is in. */
  static List<Row> rows() {
    return List.of(
        new Row(
            "EC2 + Auto Scaling, M-series Graviton: web servers and backend",
            "EC2 Auto Scaling (M7g/M8g) behind the ALB",
            List.of(
                group("m7g", "m8g"),
                new Probe(
                    "AWS::AutoScaling::ScalingPolicy",
                    r -> instanceFamily(groupOf(r)).matches("m[78]g"),
                    r ->
                        r.text("/PolicyType")
                            + (r.text("/PolicyType").equals("PredictiveScaling")
                                ? " " + r.text("/PredictiveScalingConfiguration/Mode")
                                : "")),
                scheduled("m[78]g")),
            ""),
        new Row(
            "EC2 Auto Scaling: checkout during flash sales",
            "EC2 Auto Scaling (C7g/C8g): scheduled actions from sales, warm pool",
            List.of(
                group("c7g", "c8g"),
                scheduled("c[78]g"),
                new Probe(
                    "AWS::AutoScaling::WarmPool",
                    r -> true,
                    r -> "warm pool " + r.text("/PoolState") + " min " + r.text("/MinSize"))),
            ""),
        new Row(
            "T-series: admin dashboard and internal tools",
            "EC2 Auto Scaling (T4g), own host name, WAF IP allow list",
            List.of(group("t4g")),
            ""),
        new Row(
            "ECS + Fargate: catalog, search, cart microservices",
            "ECS services on Fargate (ARM64), Fargate Spot, service auto scaling",
            List.of(
                new Probe(
                    "AWS::ECS::Service",
                    r -> true,
                    r ->
                        r.text("/CapacityProviderStrategy/1/CapacityProvider").isBlank()
                            ? ""
                            : "Fargate + Fargate Spot"),
                new Probe(
                    "AWS::ECS::TaskDefinition",
                    r -> r.text("/RequiresCompatibilities/0").equals("FARGATE"),
                    r ->
                        r.text("/RuntimePlatform/CpuArchitecture")
                            + " "
                            + r.text("/Cpu")
                            + " CPU units"),
                new Probe(
                    "AWS::ApplicationAutoScaling::ScalingPolicy",
                    r -> true,
                    r ->
                        r.text(
                            "/TargetTrackingScalingPolicyConfiguration/PredefinedMetricSpecification/PredefinedMetricType"))),
            ""),
        new Row(
            "R-series: caching for product searches",
            "Aurora PostgreSQL writer and readers on R7g/R8g (the buffer cache)",
            List.of(new Probe("AWS::RDS::DBInstance", r -> true, r -> r.text("/DBInstanceClass"))),
            ""),
        new Row(
            "Lambda + Step Functions: order pipeline, confirmation, e-mail",
            "Lambda (arm64, SnapStart), Step Functions Standard, SQS + DLQ, SES",
            List.of(
                new Probe(
                    "AWS::Lambda::Function",
                    r -> r.text("/Runtime").startsWith("java"),
                    r ->
                        r.text("/Runtime")
                            + " "
                            + r.text("/Architectures/0")
                            + " SnapStart "
                            + r.text("/SnapStart/ApplyOn")),
                new Probe(
                    "AWS::StepFunctions::StateMachine",
                    r -> true,
                    r -> "state machine " + r.text("/StateMachineType")),
                new Probe("AWS::SQS::Queue", r -> true, r -> ""),
                new Probe("AWS::SES::EmailIdentity", r -> true, r -> "SES identity")),
            ""),
        new Row(
            "AWS Batch: nightly analytics (Spot, vertical scaling)",
            "AWS Batch on Spot (Graviton), EventBridge Scheduler",
            List.of(
                new Probe(
                    "AWS::Batch::ComputeEnvironment",
                    r -> true,
                    r ->
                        r.text("/ComputeResources/Type")
                            + " "
                            + r.text("/ComputeResources/AllocationStrategy")),
                new Probe(
                    "AWS::Batch::JobDefinition",
                    r -> true,
                    r -> "job " + jobSize(r) + ", attempts " + r.text("/RetryStrategy/Attempts")),
                new Probe(
                    "AWS::Scheduler::Schedule",
                    r -> true,
                    r ->
                        r.text("/ScheduleExpression")
                            + " "
                            + r.text("/ScheduleExpressionTimezone"))),
            ""),
        new Row(
            "ALB, NLB, Gateway Load Balancer",
            "ALB (HTTPS), NLB (event streams), GWLB (inspection appliances)",
            List.of(
                new Probe(
                    "AWS::ElasticLoadBalancingV2::LoadBalancer",
                    r -> true,
                    r -> r.text("/Type").isBlank() ? "application" : r.text("/Type")),
                new Probe(
                    "AWS::EC2::VPCEndpoint",
                    r -> r.text("/VpcEndpointType").equals("GatewayLoadBalancer"),
                    r -> "GWLB endpoint")),
            ""),
        new Row(
            "AWS WAF + Shield",
            "WAFv2 web ACL on every internet-facing ALB; Shield Advanced opt-in",
            List.of(
                new Probe(
                    "AWS::WAFv2::WebACL",
                    r -> true,
                    r -> r.properties().path("Rules").size() + " rules"),
                new Probe("AWS::WAFv2::WebACLAssociation", r -> true, r -> ""),
                new Probe("AWS::Shield::Protection", r -> true, r -> "Shield Advanced")),
            ""),
        new Row(
            "CloudWatch, X-Ray, Compute Optimizer",
            "alarms per tier to SNS, dashboard, X-Ray, Compute Optimizer enrollment",
            List.of(
                new Probe("AWS::CloudWatch::Alarm", r -> true, r -> tier(r)),
                new Probe("AWS::CloudWatch::Dashboard", r -> true, r -> "dashboard"),
                new Probe(
                    "Custom::AWS",
                    r -> r.properties().toString().contains("ComputeOptimizer"),
                    r -> "Compute Optimizer enrollment")),
            ""),
        new Row(
            "EKS: AI recommendation system; C-series recommendations; P-series training",
            "Amazon EKS (private endpoint, access entries); Karpenter NodePools from ops/k8s",
            List.of(
                new Probe(
                    "AWS::EKS::Cluster",
                    r -> true,
                    r ->
                        "Kubernetes "
                            + r.text("/Version")
                            + (r.text("/ResourcesVpcConfig/EndpointPublicAccess").equals("false")
                                ? " private endpoint"
                                : " public endpoint")),
                new Probe(
                    "AWS::EKS::Nodegroup",
                    r -> true,
                    r -> "system " + r.text("/InstanceTypes/0") + " " + r.text("/AmiType")),
                new Probe("AWS::EKS::Addon", r -> true, r -> r.text("/AddonName")),
                new Probe(
                    "Custom::AWSCDK-EKS-HelmChart",
                    r -> true,
                    r -> r.text("/Chart") + " " + r.text("/Version"))),
            ""));
  }

  /** Application groups (the Foundation stack's group is the inspection appliances). */
  private static Probe group(String... families) {
    List<String> wanted = List.of(families);
    return new Probe(
        "AWS::AutoScaling::AutoScalingGroup",
        r -> !r.stack().endsWith("Foundation") && wanted.contains(instanceFamily(r)),
        r ->
            instanceType(r)
                + " min "
                + r.text("/MinSize")
                + " max "
                + r.text("/MaxSize")
                + " "
                + r.text("/HealthCheckType")
                + " health");
  }

  private static String tier(Resource alarm) {
    String name = alarm.text("/AlarmName");
    String[] parts = name.split("-");
    return parts.length > 2 ? "tier " + parts[1] : "";
  }

  private static String jobSize(Resource job) {
    StringBuilder size = new StringBuilder();
    for (JsonNode req : job.properties().at("/ContainerProperties/ResourceRequirements")) {
      size.append(req.path("Type").asText())
          .append(' ')
          .append(req.path("Value").asText())
          .append(' ');
    }
    return size.toString().trim();
  }

  /** The Auto Scaling group a scaling policy belongs to. */
  /** The one-time scheduled actions (a sale's raise and restore) of the groups of a family. */
  private static Probe scheduled(String families) {
    return new Probe(
        "AWS::AutoScaling::ScheduledAction",
        r -> instanceFamily(groupOf(r)).matches(families),
        r -> "scheduled min " + r.text("/MinSize") + " at " + r.text("/StartTime"));
  }

  private static Resource groupOf(Resource policy) {
    JsonNode group =
        policy.all().ref(policy.stack(), policy.properties().path("AutoScalingGroupName"));
    return new Resource(
        policy.stack(), "", group.path("Type").asText(), group.path("Properties"), policy.all());
  }

  /** The instance type of a group's launch template, e.g. m7g.large; blank if none. */
  static String instanceType(Resource group) {
    JsonNode template =
        group.all().ref(group.stack(), group.properties().at("/LaunchTemplate/LaunchTemplateId"));
    if (template.isMissingNode()) {
      template =
          group
              .all()
              .ref(
                  group.stack(),
                  group
                      .properties()
                      .at(
                          "/MixedInstancesPolicy/LaunchTemplate/LaunchTemplateSpecification/LaunchTemplateId"));
    }
    return template.at("/Properties/LaunchTemplateData/InstanceType").asText("");
  }

  static String instanceFamily(Resource group) {
    String type = instanceType(group);
    return type.contains(".") ? type.substring(0, type.indexOf('.')) : "";
  }
}
