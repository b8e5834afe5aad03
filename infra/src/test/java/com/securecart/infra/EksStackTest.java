package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The EKS stack as its template says: a private, logged, encrypted cluster with access entries; the
 * controllers' arm64 node group; the add-ons and charts at their pinned versions; Karpenter's
 * queue, rules and IAM scoped to this cluster; and ops/k8s's rendered manifests applied with every
 * CDK_* token filled, every image the ECR image, and one Pod Identity association per
 * ServiceAccount.
 */
class EksStackTest {
  private static final String STACK = "SecureCart-Eks";
  private final Synth synth = Synth.defaults();
  private final Settings.Eks eks = synth.settings().eks();
  private final JsonNode template = synth.tree(STACK);

  @Test
  void theClusterIsPrivateLoggedEncryptedAndUsesAccessEntries() {
    JsonNode cluster = only("AWS::EKS::Cluster").path("Properties");
    assertThat(cluster.path("Name").asText()).isEqualTo(EksStack.CLUSTER_NAME);
    assertThat(cluster.path("Version").asText()).isEqualTo(eks.version());
    assertThat(cluster.path("ResourcesVpcConfig").path("EndpointPublicAccess").asBoolean(true))
        .isFalse();
    assertThat(cluster.path("ResourcesVpcConfig").path("EndpointPrivateAccess").asBoolean())
        .isTrue();
    assertThat(texts(cluster.path("ResourcesVpcConfig").path("SubnetIds"), "Fn::ImportValue"))
        .hasSize(3)
        .allMatch(s -> s.contains("Vpcapp"));
    assertThat(texts(cluster.path("Logging").path("ClusterLogging").path("EnabledTypes"), "Type"))
        .containsExactlyInAnyOrder(
            "api", "audit", "authenticator", "controllerManager", "scheduler");
    JsonNode encryption = cluster.path("EncryptionConfig").get(0);
    assertThat(encryption.path("Resources").toString()).isEqualTo("[\"secrets\"]");
    String key = encryption.path("Provider").path("KeyArn").path("Fn::GetAtt").get(0).asText();
    assertThat(resource(key).path("Properties").path("EnableKeyRotation").asBoolean()).isTrue();
    assertThat(cluster.path("AccessConfig").path("AuthenticationMode").asText()).isEqualTo("API");
  }

  @Test
  void theControllersRunOnASmallArm64NodeGroupInTheAppSubnets() {
    JsonNode group = only("AWS::EKS::Nodegroup").path("Properties");
    assertThat(group.path("AmiType").asText()).isEqualTo("AL2023_ARM_64_STANDARD");
    assertThat(group.path("InstanceTypes").toString())
        .isEqualTo("[\"" + eks.systemInstanceType() + "\"]");
    JsonNode size = group.path("ScalingConfig");
    assertThat(List.of(size.path("MinSize"), size.path("DesiredSize"), size.path("MaxSize")))
        .allMatch(n -> n.asInt() == eks.systemNodes());
    assertThat(texts(group.path("Subnets"), "Fn::ImportValue")).allMatch(s -> s.contains("Vpcapp"));
    // The default capacity is off: nothing else launches instances but Karpenter.
    assertThat(of("AWS::AutoScaling::AutoScalingGroup")).isEmpty();
  }

  @Test
  void everyAddonIsInstalledAtItsPinnedVersion() {
    Map<String, String> installed = new HashMap<>();
    for (JsonNode addon : of("AWS::EKS::Addon")) {
      installed.put(
          addon.path("Properties").path("AddonName").asText(),
          addon.path("Properties").path("AddonVersion").asText());
    }
    assertThat(installed).isEqualTo(eks.addons());
    JsonNode observability =
        of("AWS::EKS::Addon").stream()
            .filter(
                a ->
                    a.path("Properties")
                        .path("AddonName")
                        .asText()
                        .equals("amazon-cloudwatch-observability"))
            .findFirst()
            .orElseThrow();
    assertThat(
            observability
                .path("Properties")
                .path("PodIdentityAssociations")
                .get(0)
                .path("ServiceAccount")
                .asText())
        .isEqualTo("cloudwatch-agent");
  }

  @Test
  void karpenterIsPinnedAndReadsItsInterruptionQueueFedByTheFourRules() {
    JsonNode chart = chart("karpenter");
    assertThat(chart.path("Repository").asText())
        .isEqualTo("oci://public.ecr.aws/karpenter/karpenter");
    assertThat(chart.path("Version").asText()).isEqualTo(eks.charts().karpenter());
    JsonNode values = Resolved.json(chart.path("Values"));
    assertThat(values.path("settings").path("clusterName").asText())
        .isEqualTo(EksStack.CLUSTER_NAME);
    String queue = logicalId(only("AWS::SQS::Queue"));
    assertThat(values.path("settings").path("interruptionQueue").asText())
        .isEqualTo(Resolved.ref("Fn::GetAtt", queue + ".QueueName"));
    List<String> detailTypes = new ArrayList<>();
    for (JsonNode rule : of("AWS::Events::Rule")) {
      assertThat(rule.path("Properties").path("Targets").get(0).path("Arn").toString())
          .contains(queue);
      detailTypes.add(
          rule.path("Properties").path("EventPattern").path("detail-type").get(0).asText());
    }
    assertThat(detailTypes)
        .containsExactlyInAnyOrder(
            "AWS Health Event",
            "EC2 Spot Instance Interruption Warning",
            "EC2 Instance Rebalance Recommendation",
            "EC2 Instance State-change Notification");
    JsonNode keda = chart("keda");
    assertThat(keda.path("Repository").asText()).isEqualTo("https://kedacore.github.io/charts");
    assertThat(keda.path("Version").asText()).isEqualTo(eks.charts().keda());
  }

  @Test
  void karpentersControllerMayChangeOnlyThisClustersNodes() {
    JsonNode statements =
        policyOf(roleOf("kube-system", Karpenter.SERVICE_ACCOUNT)).path("Statement");
    assertThat(statements.size()).isGreaterThan(10);
    for (JsonNode s : statements) {
      String actions = s.path("Action").toString();
      boolean changes =
          actions.matches(
                  ".*ec2:(CreateTags|TerminateInstances|DeleteLaunchTemplate|CreateLaunchTemplate).*")
              || actions.matches(".*iam:(Create|Tag|Add|Remove|Delete)InstanceProfile.*")
              || (actions.contains("ec2:RunInstances")
                  && s.path("Resource").toString().contains("instance/*"));
      if (changes) {
        assertThat(s.path("Condition").toString())
            .as(s.toString())
            .contains("kubernetes.io/cluster/" + EksStack.CLUSTER_NAME);
      }
      if (actions.contains("iam:PassRole")) {
        assertThat(s.path("Resource").toString()).contains("KarpenterNodeRole");
      }
    }
    JsonNode access = only("AWS::EKS::AccessEntry", "EC2_LINUX");
    assertThat(access.path("Properties").path("PrincipalArn").toString())
        .contains("KarpenterNodeRole");
  }

  @Test
  void karpentersDiscoveryTagMarksTheAppSubnetsAndTheGroupsItsNodesJoin() {
    List<String> tagged = new ArrayList<>();
    for (String stack : List.of("SecureCart-Foundation", "SecureCart-Data", STACK)) {
      synth
          .tree(stack)
          .path("Resources")
          .properties()
          .forEach(
              e -> {
                for (JsonNode tag : e.getValue().path("Properties").path("Tags")) {
                  if (tag.path("Key").asText().equals(Manifests.DISCOVERY_TAG)) {
                    assertThat(tag.path("Value").asText()).isEqualTo(EksStack.CLUSTER_NAME);
                    tagged.add(e.getValue().path("Type").asText() + " " + e.getKey());
                  }
                }
              });
    }
    assertThat(tagged.stream().filter(t -> t.startsWith("AWS::EC2::Subnet")))
        .hasSize(3)
        .allMatch(t -> t.contains("app"));
    // The nodes' own group and the database clients' group (the database admits that one).
    assertThat(tagged.stream().filter(t -> t.startsWith("AWS::EC2::SecurityGroup ")))
        .hasSize(2)
        .anyMatch(t -> t.contains("KarpenterNodes"))
        .anyMatch(t -> t.contains("Clients"));
  }

  @Test
  void everyServiceAccountOfTheManifestsHasExactlyOneAssociationAndNoOtherExists() {
    List<String> expected = new ArrayList<>();
    Manifests.read(eks.manifests())
        .serviceAccounts()
        .forEach(a -> expected.add(a.namespace() + "/" + a.name()));
    // On AWS the cluster runs the recommendation system only (and keeps the suspended nightly).
    assertThat(expected)
        .containsExactlyInAnyOrder(
            "securecart/securecart-recommendations", "securecart/securecart-batch");
    expected.add("kube-system/" + Karpenter.SERVICE_ACCOUNT);
    expected.add("keda/keda-operator");
    expected.add("kube-system/" + RecommendationsEndpoint.CONTROLLER_ACCOUNT);
    List<String> associated = new ArrayList<>();
    for (JsonNode a : of("AWS::EKS::PodIdentityAssociation")) {
      associated.add(
          a.path("Properties").path("Namespace").asText()
              + "/"
              + a.path("Properties").path("ServiceAccount").asText());
    }
    assertThat(associated).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void podsReadTheDatabaseSecretAndNothingOfThePipeline() {
    for (Manifests.Account account : Manifests.read(eks.manifests()).serviceAccounts()) {
      String policies = policiesOf(roleOf(account.namespace(), account.name())).toString();
      assertThat(policies).as(account.name()).contains("secretsmanager:GetSecretValue");
      assertThat(policies).as(account.name()).doesNotContain("states:", "sqs:");
    }
  }

  @Test
  void kedaScalesTheRecommendationsOnTheInternalAlbsRequestCountAndMayOnlyReadMetrics() {
    JsonNode keda = policyOf(roleOf("keda", "keda-operator"));
    assertThat(keda.path("Statement")).hasSize(1);
    assertThat(keda.path("Statement").get(0).path("Action").asText())
        .isEqualTo("cloudwatch:GetMetricData");
    JsonNode scaled = find(objects(), "ScaledObject", RecommendationsEndpoint.SERVICE);
    JsonNode trigger = scaled.path("spec").path("triggers").get(1);
    assertThat(trigger.path("type").asText()).isEqualTo("aws-cloudwatch");
    JsonNode metadata = trigger.path("metadata");
    assertThat(metadata.path("dimensionName").asText()).isEqualTo("TargetGroup;LoadBalancer");
    String targets = logicalId(only("AWS::ElasticLoadBalancingV2::TargetGroup"));
    String alb = logicalId(only("AWS::ElasticLoadBalancingV2::LoadBalancer"));
    assertThat(metadata.path("dimensionValue").asText())
        .isEqualTo(
            Resolved.ref("Fn::GetAtt", targets + ".TargetGroupFullName")
                + ";"
                + Resolved.ref("Fn::GetAtt", alb + ".LoadBalancerFullName"));
    assertThat(metadata.path("awsRegion").asText()).isEqualTo(Resolved.ref("Ref", "AWS::Region"));
    assertThat(trigger.path("authenticationRef").path("name").asText())
        .isEqualTo("securecart-cloudwatch");
  }

  @Test
  void theManifestsRunTheEcrImageWithTheStacksValuesAndNoTokenIsLeft() {
    JsonNode objects = objects();
    List<String> images = new ArrayList<>();
    objects.findValues("image").forEach(i -> images.add(i.asText()));
    assertThat(images).hasSize(2);
    assertThat(images)
        .allMatch(
            i -> i.contains("SecureCart-Foundation:ExportsOutputRefImages"), "the ECR repository")
        .allMatch(i -> i.endsWith(":" + synth.settings().artifacts().imageTag()), "the tag");
    JsonNode config = find(objects, "ConfigMap", "securecart-aws").path("data");
    assertThat(config.path("SECURECART_DB_SECRET_ARN").asText()).contains("SecureCart-Data:");
    assertThat(config.path("SECURECART_OTLP_ENDPOINT").asText()).isEqualTo(EksStack.OTLP_ENDPOINT);
    assertThat(config.path("SECURECART_DB_SSLMODE").asText()).isEqualTo("verify-full");
    for (JsonNode nodeClass : objects) {
      if (nodeClass.path("kind").asText().equals("EC2NodeClass")) {
        assertThat(nodeClass.path("spec").path("role").asText()).contains("KarpenterNodeRole");
        assertThat(nodeClass.path("spec").findValues(Manifests.DISCOVERY_TAG))
            .hasSize(2)
            .allMatch(v -> v.asText().equals(EksStack.CLUSTER_NAME));
      }
      if (nodeClass.path("kind").asText().equals("NodePool")) {
        String pool = nodeClass.path("metadata").path("name").asText();
        assertThat(nodeClass.path("spec").path("limits").path("cpu").asText())
            .isEqualTo(eks.nodePoolCpuLimits().get(pool).toString());
      }
    }
    assertThat(objects.toString()).doesNotContainPattern(Manifests.TOKEN);
  }

  @Test
  void theStorefrontTiersReachTheRecommendationsPodsThroughTheInternalAlb() {
    JsonNode alb = only("AWS::ElasticLoadBalancingV2::LoadBalancer").path("Properties");
    assertThat(alb.path("Scheme").asText()).isEqualTo("internal");
    String targets = logicalId(only("AWS::ElasticLoadBalancingV2::TargetGroup"));
    JsonNode binding =
        of("Custom::AWSCDK-EKS-KubernetesResource").stream()
            .map(m -> Resolved.json(m.path("Properties").path("Manifest")).get(0))
            .filter(o -> o.path("kind").asText().equals("TargetGroupBinding"))
            .findFirst()
            .orElseThrow();
    JsonNode service =
        Manifests.read(eks.manifests()).find("Service", RecommendationsEndpoint.SERVICE);
    assertThat(binding.path("spec").path("serviceRef").path("name").asText())
        .isEqualTo(RecommendationsEndpoint.SERVICE);
    assertThat(binding.path("spec").path("serviceRef").path("port").asInt())
        .isEqualTo(service.path("spec").path("ports").get(0).path("port").asInt());
    assertThat(binding.path("spec").path("targetGroupARN").asText())
        .isEqualTo(Resolved.ref("Ref", targets));
    // The controller may register targets in that group only.
    JsonNode register =
        policyOf(roleOf("kube-system", RecommendationsEndpoint.CONTROLLER_ACCOUNT))
            .path("Statement")
            .get(0);
    assertThat(register.path("Action").toString()).contains("RegisterTargets");
    assertThat(register.path("Resource").path("Ref").asText()).isEqualTo(targets);
    // The web, checkout and admin groups are told where it is.
    String web = synth.tree("SecureCart-Web").toString();
    assertThat(web.split("export SECURECART_RECOMMENDATIONS_URL=", -1)).hasSize(4);
    assertThat(web).contains("SecureCart-Eks:ExportsOutputFnGetAttRecommendationsAlb");
  }

  @Test
  void onlyTheKubectlHandlerIsX86AndItSaysWhy() {
    for (JsonNode function : of("AWS::Lambda::Function")) {
      String architecture = function.path("Properties").path("Architectures").get(0).asText();
      boolean exempt = function.path("Metadata").has(Arm64Functions.EXEMPT);
      assertThat(architecture).isEqualTo(exempt ? "x86_64" : "arm64");
      assertThat(exempt).isEqualTo(function.path("Properties").path("Layers").size() == 2);
    }
  }

  // --- template walking ---

  private List<JsonNode> of(String type) {
    List<JsonNode> out = new ArrayList<>();
    template
        .path("Resources")
        .forEach(
            r -> {
              if (r.path("Type").asText().equals(type)) {
                out.add(r);
              }
            });
    return out;
  }

  private JsonNode only(String type) {
    List<JsonNode> all = of(type);
    assertThat(all).as(type).hasSize(1);
    return all.get(0);
  }

  private JsonNode only(String type, String containing) {
    List<JsonNode> all = of(type).stream().filter(r -> r.toString().contains(containing)).toList();
    assertThat(all).as(type + " with " + containing).hasSize(1);
    return all.get(0);
  }

  private JsonNode resource(String logicalId) {
    return template.path("Resources").path(logicalId);
  }

  private String logicalId(JsonNode resource) {
    var ids =
        template.path("Resources").properties().stream()
            .filter(e -> e.getValue() == resource)
            .map(Map.Entry::getKey)
            .toList();
    return ids.get(0);
  }

  private JsonNode chart(String name) {
    return of("Custom::AWSCDK-EKS-HelmChart").stream()
        .map(c -> c.path("Properties"))
        .filter(p -> p.path("Chart").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  /** The logical id of the role associated with a ServiceAccount. */
  private String roleOf(String namespace, String account) {
    return of("AWS::EKS::PodIdentityAssociation").stream()
        .map(a -> a.path("Properties"))
        .filter(
            p ->
                p.path("Namespace").asText().equals(namespace)
                    && p.path("ServiceAccount").asText().equals(account))
        .map(p -> p.path("RoleArn").path("Fn::GetAtt").get(0).asText())
        .findFirst()
        .orElseThrow();
  }

  /** The managed policies attached to a role. */
  private List<JsonNode> policiesOf(String role) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode p : of("AWS::IAM::ManagedPolicy")) {
      if (p.path("Properties").path("Roles").toString().contains("\"" + role + "\"")) {
        out.add(p.path("Properties").path("PolicyDocument"));
      }
    }
    return out;
  }

  private JsonNode policyOf(String role) {
    List<JsonNode> all = policiesOf(role);
    assertThat(all).hasSize(1);
    return all.get(0);
  }

  /** The objects of ops/k8s's manifest applied after the charts (the one with the ConfigMaps). */
  private JsonNode objects() {
    JsonNode manifest =
        of("Custom::AWSCDK-EKS-KubernetesResource").stream()
            .map(m -> Resolved.json(m.path("Properties").path("Manifest")))
            .filter(m -> m.toString().contains("\"kind\":\"ConfigMap\""))
            .findFirst()
            .orElseThrow();
    assertThat(manifest.size()).isGreaterThan(10);
    return manifest;
  }

  private static JsonNode find(JsonNode objects, String kind, String name) {
    for (JsonNode o : objects) {
      if (o.path("kind").asText().equals(kind)
          && o.path("metadata").path("name").asText().equals(name)) {
        return o;
      }
    }
    throw new AssertionError("no " + kind + " " + name);
  }

  private static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.path(field).asText()));
    return out;
  }

  /**
   * A JSON document that CloudFormation assembles with Fn::Join, read with each intrinsic written
   * in its place as {@code <Fn::GetAtt:Id.Attr>} (or {@code <Fn::ImportValue:Name>}, {@code
   * <Ref:Id>}).
   */
  static final class Resolved {
    private Resolved() {}

    static JsonNode json(JsonNode value) {
      try {
        if (value.isTextual()) {
          return new ObjectMapper().readTree(value.asText());
        }
        StringBuilder out = new StringBuilder();
        for (JsonNode part : value.path("Fn::Join").get(1)) {
          out.append(part.isTextual() ? part.asText() : intrinsic(part));
        }
        return new ObjectMapper().readTree(out.toString());
      } catch (java.io.IOException e) {
        throw new AssertionError(e);
      }
    }

    static String ref(String function, String argument) {
      return "<" + function + ":" + argument + ">";
    }

    private static String intrinsic(JsonNode part) {
      var e = part.properties().iterator().next();
      JsonNode arg = e.getValue();
      String text =
          arg.isArray()
              ? arg.get(0).asText() + "." + arg.get(1).asText()
              : arg.isTextual() ? arg.asText() : arg.toString().replace("\"", "'");
      return ref(e.getKey(), text);
    }
  }
}
