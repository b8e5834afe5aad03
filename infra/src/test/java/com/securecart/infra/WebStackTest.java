package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class WebStackTest {
  static final String STACK = "SecureCart-Web";
  private final Synth synth = Synth.defaults();
  private final Settings settings = synth.settings();
  private final Template template = synth.template(STACK);
  private final JsonNode tree = synth.tree(STACK);

  @Test
  void threeGroupsOnArm64LinuxWithTheSettingsSizesAndTypes() {
    assertThat(synth.json(STACK).get("Parameters").toString())
        .contains("/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64");
    assertThat(group("Web").at("/Properties/MinSize").asText())
        .isEqualTo(String.valueOf(settings.web().min()));
    assertThat(group("Web").at("/Properties/MaxSize").asText())
        .isEqualTo(String.valueOf(settings.web().max()));
    assertThat(group("Checkout").at("/Properties/MinSize").asText())
        .isEqualTo(String.valueOf(settings.checkout().min()));
    assertThat(group("Checkout").at("/Properties/MaxSize").asText())
        .isEqualTo(String.valueOf(settings.checkout().max()));
    assertThat(group("Admin").at("/Properties/MinSize").asText()).isEqualTo("1");
    assertThat(group("Admin").at("/Properties/MaxSize").asText()).isEqualTo("1");
    assertThat(launchData("Web").at("/InstanceType").asText())
        .isEqualTo(settings.web().instanceType());
    assertThat(launchData("Checkout").at("/InstanceType").asText())
        .isEqualTo(settings.checkout().instanceType());
    assertThat(launchData("Admin").at("/InstanceType").asText())
        .isEqualTo(settings.admin().instanceType());
    for (String tier : List.of("Web", "Checkout", "Admin")) {
      JsonNode data = launchData(tier);
      assertThat(data.at("/MetadataOptions/HttpTokens").asText()).isEqualTo("required");
      assertThat(data.at("/Monitoring/Enabled").asBoolean()).isTrue();
      assertThat(data.at("/BlockDeviceMappings/0/Ebs/Encrypted").asBoolean()).isTrue();
      assertThat(data.at("/BlockDeviceMappings/0/Ebs/VolumeType").asText()).isEqualTo("gp3");
      assertThat(data.at("/ImageId/Ref").asText()).contains("arm64");
      assertThat(data.at("/SecurityGroupIds").toString()).contains("Clients");
      JsonNode asg = group(tier);
      assertThat(asg.at("/Properties/HealthCheckType").asText()).isEqualTo("ELB");
      assertThat(asg.at("/Properties/HealthCheckGracePeriod").asInt()).isPositive();
      assertThat(asg.at("/UpdatePolicy/AutoScalingInstanceRefresh/Strategy").asText())
          .isEqualTo("Rolling");
      assertThat(
              asg.at("/UpdatePolicy/AutoScalingInstanceRefresh/Preferences/MinHealthyPercentage")
                  .asInt())
          .isEqualTo(90);
    }
  }

  @Test
  void targetGroupsCheckHealthReadyOn8080() {
    List<JsonNode> groups = resources("AWS::ElasticLoadBalancingV2::TargetGroup");
    assertThat(groups).hasSize(4);
    for (JsonNode group : groups) {
      assertThat(group.at("/Properties/Port").asInt()).isEqualTo(8080);
      assertThat(group.at("/Properties/HealthCheckPath").asText()).isEqualTo("/health/ready");
    }
    for (String tier : List.of("Web", "Checkout")) {
      JsonNode targets = byId(tier + "Targets");
      assertThat(targets.at("/Properties/HealthCheckIntervalSeconds").asInt()).isEqualTo(5);
      assertThat(targets.at("/Properties/HealthCheckTimeoutSeconds").asInt()).isEqualTo(2);
      assertThat(targets.at("/Properties/UnhealthyThresholdCount").asInt()).isEqualTo(2);
      assertThat(targets.at("/Properties/TargetGroupAttributes").toString())
          .contains("\"load_balancing.algorithm.type\",\"Value\":\"weighted_random\"")
          .contains("\"load_balancing.algorithm.anomaly_mitigation\",\"Value\":\"on\"");
    }
    JsonNode streams = byId("StreamTargets");
    assertThat(streams.at("/Properties/Protocol").asText()).isEqualTo("TCP");
    assertThat(streams.at("/Properties/HealthCheckProtocol").asText()).isEqualTo("HTTP");
    assertThat(group("Web").at("/Properties/TargetGroupARNs").toString())
        .contains("WebTargets", "StreamTargets");
  }

  @Test
  void eachScalingPolicyTracksItsSettingsTarget() {
    JsonNode webRequests = byId("WebRequests");
    assertThat(webRequests.at("/Properties/TargetTrackingConfiguration/TargetValue").asInt())
        .isEqualTo(settings.web().requestsPerTarget());
    assertThat(
            webRequests
                .at(
                    "/Properties/TargetTrackingConfiguration/PredefinedMetricSpecification/PredefinedMetricType")
                .asText())
        .isEqualTo("ALBRequestCountPerTarget");
    JsonNode cpu = byId("WebGroupScalingPolicyCpu");
    assertThat(cpu.at("/Properties/TargetTrackingConfiguration/TargetValue").asInt())
        .isEqualTo(settings.web().cpuTargetPercent());
    JsonNode checkout = byId("CheckoutRequests");
    assertThat(checkout.at("/Properties/TargetTrackingConfiguration/TargetValue").asInt())
        .isEqualTo(settings.checkout().requestsPerTarget());
    assertThat(checkout.at("/Properties/AutoScalingGroupName/Ref").asText())
        .startsWith("CheckoutGroupASG");
  }

  @Test
  void predictiveScalingForecastsAndScalesWithTheBuffer() {
    JsonNode config = byId("WebPredictive").at("/Properties");
    assertThat(config.at("/PolicyType").asText()).isEqualTo("PredictiveScaling");
    JsonNode p = config.at("/PredictiveScalingConfiguration");
    assertThat(p.at("/Mode").asText()).isEqualTo("ForecastAndScale");
    assertThat(p.at("/SchedulingBufferTime").asInt())
        .isEqualTo(settings.web().predictiveBufferSeconds());
    assertThat(p.at("/MaxCapacityBreachBehavior").asText()).isEqualTo("IncreaseMaxCapacity");
    assertThat(p.at("/MaxCapacityBuffer").asInt()).isPositive();
    JsonNode metric = p.at("/MetricSpecifications/0");
    assertThat(metric.at("/TargetValue").asInt()).isEqualTo(settings.web().requestsPerTarget());
    assertThat(metric.at("/PredefinedMetricPairSpecification/PredefinedMetricType").asText())
        .isEqualTo("ALBRequestCount");
    assertThat(metric.at("/PredefinedMetricPairSpecification/ResourceLabel").toString())
        .contains("LoadBalancerFullName", "WebTargets", "TargetGroupFullName");
  }

  @Test
  void withoutAPlanScheduledActionsFollowEachSalesTimesAndSizes() {
    Synth future =
        Synth.with(
            "sales",
            s ->
                s.withCheckout(
                        new Settings.Checkout(
                            "c7g.large",
                            2,
                            24,
                            600,
                            3,
                            45,
                            List.of(
                                new Settings.Sale(
                                    "past-sale",
                                    Instant.parse("2020-01-01T08:00:00Z"),
                                    Instant.parse("2020-01-01T20:00:00Z"),
                                    8,
                                    10),
                                new Settings.Sale(
                                    "summer-2099",
                                    Instant.parse("2099-07-01T09:00:00Z"),
                                    Instant.parse("2099-07-03T21:00:00Z"),
                                    12,
                                    16))))
                    // securecart.json's sale sizes, as without a plan
                    .withPlan(null));
    Template t = future.template(STACK);
    t.resourceCountIs("AWS::AutoScaling::ScheduledAction", 2);
    Instant start = Instant.parse("2099-07-01T09:00:00Z").minus(45, ChronoUnit.MINUTES);
    t.hasResourceProperties(
        "AWS::AutoScaling::ScheduledAction",
        Map.of("StartTime", start.toString(), "MinSize", 12, "DesiredCapacity", 16));
    // The end lowers only the floor; target tracking scales in from there.
    t.hasResourceProperties(
        "AWS::AutoScaling::ScheduledAction",
        Map.of(
            "StartTime", "2099-07-03T21:00:00Z", "MinSize", 2, "DesiredCapacity", Match.absent()));
    t.hasResourceProperties(
        "AWS::AutoScaling::WarmPool", Map.of("MinSize", 3, "PoolState", "Stopped"));
  }

  @Test
  void checkoutKeepsAStoppedWarmPoolOfTheSettingsSize() {
    template.hasResourceProperties(
        "AWS::AutoScaling::WarmPool",
        Map.of(
            "MinSize",
            settings.checkout().warmPoolMin(),
            "PoolState",
            "Stopped",
            "AutoScalingGroupName",
            Map.of("Ref", Match.stringLikeRegexp("CheckoutGroupASG.*"))));
  }

  @Test
  void theAlbIsPublicLoggedAndRedirectsToModernTls() {
    JsonNode alb = byId("Alb");
    assertThat(alb.at("/Properties/Scheme").asText()).isEqualTo("internet-facing");
    Map<String, String> attributes = attributes(alb);
    assertThat(attributes)
        .containsEntry("access_logs.s3.enabled", "true")
        .containsEntry("access_logs.s3.prefix", "alb")
        .containsEntry("routing.http.drop_invalid_header_fields.enabled", "true")
        .containsEntry("deletion_protection.enabled", "true");
    // The foundation's bucket lets the log delivery services write under each prefix.
    String bucketPolicy =
        FoundationStackTest.resources(synth.tree("SecureCart-Foundation"), "AWS::S3::BucketPolicy")
            .toString();
    assertThat(bucketPolicy)
        .contains(
            "logdelivery.elasticloadbalancing.amazonaws.com",
            "/alb/AWSLogs/",
            "delivery.logs.amazonaws.com",
            "/nlb/AWSLogs/");
    template.hasResourceProperties(
        "AWS::ElasticLoadBalancingV2::Listener",
        Map.of(
            "Port",
            80,
            "DefaultActions",
            List.of(
                Map.of(
                    "Type",
                    "redirect",
                    "RedirectConfig",
                    Map.of("Port", "443", "Protocol", "HTTPS", "StatusCode", "HTTP_301")))));
    template.hasResourceProperties(
        "AWS::ElasticLoadBalancingV2::Listener",
        Map.of(
            "Port",
            443,
            "Protocol",
            "HTTPS",
            "SslPolicy",
            "ELBSecurityPolicy-TLS13-1-2-2021-06",
            "Certificates",
            List.of(Map.of("CertificateArn", Map.of("Ref", "CertificateArn"))),
            "DefaultActions",
            List.of(
                Match.objectLike(
                    Map.of(
                        "Type",
                        "fixed-response",
                        "FixedResponseConfig",
                        Match.objectLike(Map.of("StatusCode", "404")))))));
  }

  @Test
  void listenerRulesRouteCheckoutAdminAndTheRest() {
    assertThat(rule(10).toString()).contains("/api/checkout*", "/checkout*", "CheckoutTargets");
    assertThat(rule(20).toString())
        .contains("host-header", settings.admin().hostName(), "AdminTargets");
    // Every staff path answers 404 on the public host: the admin host's IP allow list holds.
    assertThat(rule(30).toString())
        .contains(
            "\"/admin\"", "\"/admin/*\"", "\"/api/admin\"", "\"/api/admin/*\"", "fixed-response");
    assertThat(rule(1000).toString()).contains("/*", "WebTargets");
  }

  @Test
  void theNlbTerminatesTlsForTheStreamsWithLogsAndCrossZone() {
    JsonNode nlb = byId("Nlb");
    assertThat(nlb.at("/Properties/Type").asText()).isEqualTo("network");
    assertThat(nlb.at("/Properties/Scheme").asText()).isEqualTo("internet-facing");
    assertThat(attributes(nlb))
        .containsEntry("access_logs.s3.enabled", "true")
        .containsEntry("access_logs.s3.prefix", "nlb")
        .containsEntry("load_balancing.cross_zone.enabled", "true");
    template.hasResourceProperties(
        "AWS::ElasticLoadBalancingV2::Listener",
        Map.of("Port", 443, "Protocol", "TLS", "SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"));
  }

  @Test
  void instancesAcceptOnlyTheLoadBalancersOn8080() {
    List<JsonNode> ingress =
        byId("Instances").at("/Properties/SecurityGroupIngress").isMissingNode()
            ? List.of()
            : List.of(byId("Instances").at("/Properties/SecurityGroupIngress"));
    assertThat(ingress).isEmpty();
    for (String lb : List.of("AlbSecurityGroup", "NlbSecurityGroup")) {
      JsonNode egress = byId(lb).at("/Properties/SecurityGroupEgress");
      assertThat(egress.toString()).doesNotContain("0.0.0.0/0");
    }
    List<JsonNode> egress = resources("AWS::EC2::SecurityGroupEgress");
    assertThat(egress).hasSize(2);
    for (JsonNode rule : egress) {
      assertThat(rule.at("/Properties/FromPort").asInt()).isEqualTo(8080);
      assertThat(rule.at("/Properties/DestinationSecurityGroupId").toString())
          .contains("Instances");
    }
    List<JsonNode> rules = resources("AWS::EC2::SecurityGroupIngress");
    assertThat(rules).hasSize(2);
    for (JsonNode rule : rules) {
      assertThat(rule.at("/Properties/FromPort").asInt()).isEqualTo(8080);
      assertThat(rule.at("/Properties/SourceSecurityGroupId").toString())
          .containsAnyOf("AlbSecurityGroup", "NlbSecurityGroup");
    }
  }

  @Test
  void theWebAclHasManagedGroupsRateLimitsAndTheAdminAllowList() {
    JsonNode rules = resources("AWS::WAFv2::WebACL").getFirst().at("/Properties/Rules");
    String all = rules.toString();
    assertThat(all)
        .contains(
            "AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet",
            "AWSManagedRulesSQLiRuleSet",
            "AWSManagedRulesAmazonIpReputationList");
    Settings.RateLimits limits = settings.edge().rateLimits();
    assertThat(rateRule(rules, "RateSignIn").at("/Limit").asInt()).isEqualTo(limits.signIn());
    assertThat(rateRule(rules, "RateSignIn").toString())
        .contains(
            "/api/auth/login", "/signin", "/admin/login", "/api/auth/password", "/account/forgot");
    assertThat(rateRule(rules, "RateRegistration").at("/Limit").asInt())
        .isEqualTo(limits.registration());
    assertThat(rateRule(rules, "RateRegistration").toString())
        .contains("/api/auth/register", "/signup");
    assertThat(rateRule(rules, "RateCheckout").at("/Limit").asInt()).isEqualTo(limits.checkout());
    JsonNode admin = named(rules, "AdminAllowList");
    assertThat(admin.at("/Action").has("Block")).isTrue();
    assertThat(admin.toString()).contains(settings.admin().hostName(), "NotStatement", "IPSet");
    JsonNode ipSet = resources("AWS::WAFv2::IPSet").getFirst();
    assertThat(ipSet.at("/Properties/Addresses").toString())
        .isEqualTo(
            new com.fasterxml.jackson.databind.ObjectMapper()
                .valueToTree(settings.admin().allowCidrs())
                .toString());
  }

  @Test
  void theAclGuardsEveryAlbAndLogsToAnEncryptedWafLogGroup() {
    List<JsonNode> albs =
        resources("AWS::ElasticLoadBalancingV2::LoadBalancer").stream()
            .filter(lb -> lb.at("/Properties/Type").asText("application").equals("application"))
            .toList();
    List<JsonNode> associations = resources("AWS::WAFv2::WebACLAssociation");
    assertThat(associations).hasSize(albs.size());
    assertThat(associations.getFirst().at("/Properties/ResourceArn/Ref").asText())
        .startsWith("Alb");
    template.hasResourceProperties(
        "AWS::Logs::LogGroup",
        Map.of("LogGroupName", "aws-waf-logs-securecart", "KmsKeyId", Match.anyValue()));
    assertThat(
            resources("AWS::WAFv2::LoggingConfiguration")
                .getFirst()
                .at("/Properties/LogDestinationConfigs")
                .toString())
        .contains("log-group:aws-waf-logs-securecart")
        .doesNotContain(":*");
  }

  @Test
  void shieldAdvancedIsOffByDefaultAndProtectsBothLoadBalancersWhenOn() {
    template.resourceCountIs("AWS::Shield::Protection", 0);
    Template on =
        Synth.with(
                "shield",
                s -> {
                  Settings.Edge e = s.edge();
                  return s.withEdge(
                      new Settings.Edge(
                          e.domainName(),
                          "arn:aws:acm:eu-west-1:123456789012:certificate/abc",
                          true,
                          e.rateLimits()));
                })
            .template(STACK);
    on.resourceCountIs("AWS::Shield::Protection", 2);
    on.hasResourceProperties(
        "AWS::Shield::Protection",
        Map.of("ResourceArn", Map.of("Ref", Match.stringLikeRegexp("Alb.*"))));
    on.hasResourceProperties(
        "AWS::Shield::Protection",
        Map.of("ResourceArn", Map.of("Ref", Match.stringLikeRegexp("Nlb.*"))));
    // A certificate in the settings replaces the parameter.
    on.hasResourceProperties(
        "AWS::ElasticLoadBalancingV2::Listener",
        Map.of(
            "Certificates",
            List.of(
                Map.of("CertificateArn", "arn:aws:acm:eu-west-1:123456789012:certificate/abc"))));
  }

  @Test
  void everyTierHasItsAlarms() {
    List<String> names =
        resources("AWS::CloudWatch::Alarm").stream()
            .map(a -> a.at("/Properties/AlarmName").asText())
            .toList();
    assertThat(names)
        .contains(
            "securecart-web-cpu",
            "securecart-web-memory",
            "securecart-web-p99",
            "securecart-checkout-cpu",
            "securecart-checkout-memory",
            "securecart-checkout-p99",
            "securecart-admin-cpu-credits",
            "securecart-edge-elb-5xx-rate",
            "securecart-edge-target-5xx-rate");
    JsonNode checkoutP99 = alarm("securecart-checkout-p99");
    assertThat(checkoutP99.at("/Properties/Threshold").asDouble())
        .isEqualTo(settings.alarms().checkoutP99Ms() / 1000.0);
    assertThat(checkoutP99.at("/Properties/ExtendedStatistic").asText()).isEqualTo("p99");
    assertThat(alarm("securecart-web-p99").at("/Properties/Threshold").asDouble())
        .isEqualTo(settings.alarms().routeP99Ms() / 1000.0);
    JsonNode memory = alarm("securecart-web-memory");
    assertThat(memory.at("/Properties/Namespace").asText()).isEqualTo("CWAgent");
    assertThat(memory.at("/Properties/MetricName").asText()).isEqualTo("mem_used_percent");
    assertThat(memory.at("/Properties/Dimensions/0/Name").asText())
        .isEqualTo("AutoScalingGroupName");
    assertThat(alarm("securecart-admin-cpu-credits").at("/Properties/ComparisonOperator").asText())
        .isEqualTo("LessThanThreshold");
  }

  @Test
  void theInstanceRoleReadsOnlyTheBundleObjectAndTheTwoSecretsAndWritesTraces() {
    JsonNode policy = byId("NodeInstancePolicy");
    JsonNode statements = policy.at("/Properties/PolicyDocument/Statement");
    assertThat(statements.toString())
        .contains("s3:GetObject", "secretsmanager:GetSecretValue", "kms:ViaService")
        .doesNotContain("s3:List");
    // On * only what has no resource-level permissions (the X-Ray actions the CloudWatch agent
    // forwards traces with, DescribeAutoScalingInstances), and the launch hook's completion,
    // limited to SecureCart's groups by their tag.
    List<JsonNode> onAll =
        statements.valueStream().filter(st -> st.path("Resource").asText().equals("*")).toList();
    assertThat(onAll.stream().flatMap(st -> actions(st).stream()))
        .containsExactlyInAnyOrder(
            "xray:PutTraceSegments",
            "xray:PutTelemetryRecords",
            "xray:GetSamplingRules",
            "xray:GetSamplingTargets",
            "autoscaling:DescribeAutoScalingInstances",
            "autoscaling:CompleteLifecycleAction");
    assertThat(onAll)
        .filteredOn(st -> actions(st).contains("autoscaling:CompleteLifecycleAction"))
        .singleElement()
        .satisfies(
            st ->
                assertThat(st.at("/Condition/StringEquals").toString())
                    .contains("autoscaling:ResourceTag/application", "securecart"));
    assertThat(
            resources("AWS::IAM::Role").getFirst().at("/Properties/ManagedPolicyArns").toString())
        .contains("AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy");
  }

  @Test
  void userDataCarriesEachTiersRoles() {
    assertThat(launchData("Web").at("/UserData").toString())
        .contains(
            "SECURECART_ROLES='api,workers'",
            "set -euo pipefail",
            "SECURECART_OTLP_ENDPOINT",
            "traces_collected");
    assertThat(launchData("Checkout").at("/UserData").toString())
        .contains("SECURECART_ROLES='api'");
    assertThat(launchData("Admin").at("/UserData").toString())
        .contains("SECURECART_ROLES='api'", "SECURECART_TRUSTED_PROXIES='10.40.");
  }

  private JsonNode alarm(String name) {
    return resources("AWS::CloudWatch::Alarm").stream()
        .filter(a -> a.at("/Properties/AlarmName").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode named(JsonNode rules, String name) {
    return rules
        .valueStream()
        .filter(r -> r.path("Name").asText().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static JsonNode rateRule(JsonNode rules, String name) {
    return named(rules, name).at("/Statement/RateBasedStatement");
  }

  private JsonNode rule(int priority) {
    return resources("AWS::ElasticLoadBalancingV2::ListenerRule").stream()
        .filter(r -> r.at("/Properties/Priority").asInt() == priority)
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, String> attributes(JsonNode lb) {
    Map<String, String> out = new java.util.HashMap<>();
    lb.at("/Properties/LoadBalancerAttributes")
        .forEach(a -> out.put(a.path("Key").asText(), a.path("Value").asText()));
    return out;
  }

  private JsonNode group(String tier) {
    return byId(tier + "GroupASG");
  }

  private JsonNode launchData(String tier) {
    return byId(tier + "Template").at("/Properties/LaunchTemplateData");
  }

  private JsonNode byId(String prefix) {
    List<String> ids =
        tree.path("Resources")
            .propertyStream()
            .map(Map.Entry::getKey)
            .filter(id -> id.matches(prefix + "[0-9A-F]{8}"))
            .toList();
    assertThat(ids).as(prefix).hasSize(1);
    return tree.path("Resources").path(ids.getFirst());
  }

  private List<JsonNode> resources(String type) {
    return FoundationStackTest.resources(tree, type);
  }

  @Test
  void onlyTheWebGroupHandsOrdersToTheStateMachineAndMailToTheQueue() {
    List<JsonNode> pipelinePolicies =
        FoundationStackTest.resources(tree, "AWS::IAM::ManagedPolicy").stream()
            .filter(p -> p.toString().contains("states:StartExecution"))
            .toList();
    assertThat(pipelinePolicies).hasSize(1);
    JsonNode policy = pipelinePolicies.get(0);
    assertThat(policy.toString())
        .contains("sqs:SendMessage", "kms:GenerateDataKey", "kms:ViaService");
    assertThat(policy.at("/Properties/Roles").size()).isEqualTo(1);
    String relayRole = policy.at("/Properties/Roles/0/Ref").asText();
    // The web group's instance profile names that role; checkout's and admin's do not.
    Map<String, String> profileRoles = new java.util.HashMap<>();
    tree.path("Resources")
        .properties()
        .forEach(
            e -> {
              if (e.getValue().path("Type").asText().equals("AWS::IAM::InstanceProfile")) {
                profileRoles.put(e.getKey(), e.getValue().at("/Properties/Roles/0/Ref").asText());
              }
            });
    assertThat(profileRoles.entrySet().stream().filter(e -> e.getValue().equals(relayRole)))
        .singleElement()
        .satisfies(e -> assertThat(e.getKey()).startsWith("Web"));
    String userData =
        FoundationStackTest.resources(tree, "AWS::EC2::LaunchTemplate").stream()
            .map(t -> t.at("/Properties/LaunchTemplateData/UserData").toString())
            .filter(u -> u.contains("SECURECART_ROLES"))
            .findFirst()
            .orElseThrow();
    assertThat(userData)
        .contains(
            "SECURECART_STATE_MACHINE_ARN", "SECURECART_NOTIFICATION_QUEUE_URL", "OrderPipeline");
  }

  @Test
  void everyGroupHoldsNewInstancesUntilTheServerIsReady() {
    List<JsonNode> hooks = FoundationStackTest.resources(tree, "AWS::AutoScaling::LifecycleHook");
    assertThat(hooks).hasSize(3);
    assertThat(hooks)
        .allSatisfy(
            h -> {
              assertThat(h.at("/Properties/LifecycleHookName").asText())
                  .isEqualTo(WebTier.LAUNCH_HOOK);
              assertThat(h.at("/Properties/LifecycleTransition").asText())
                  .isEqualTo("autoscaling:EC2_INSTANCE_LAUNCHING");
              assertThat(h.at("/Properties/DefaultResult").asText()).isEqualTo("ABANDON");
            });
    String policies =
        FoundationStackTest.resources(tree, "AWS::IAM::ManagedPolicy").stream()
            .map(JsonNode::toString)
            .reduce("", String::concat);
    assertThat(policies)
        .contains("autoscaling:CompleteLifecycleAction", "autoscaling:ResourceTag/application");
  }

  private static List<String> actions(JsonNode statement) {
    JsonNode action = statement.path("Action");
    return action.isArray()
        ? action.valueStream().map(JsonNode::asText).toList()
        : List.of(action.asText());
  }
}
