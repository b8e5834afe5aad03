package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class MonitoringStackTest {
  static final String STACK = "SecureCart-Monitoring";
  private final Synth synth = Synth.defaults();
  private final Template template = synth.template(STACK);
  private final JsonNode tree = synth.tree(STACK);

  /** The dashboard body with its CloudFormation functions flattened to their literal parts. */
  private String body() {
    JsonNode dashboard =
        FoundationStackTest.resources(tree, "AWS::CloudWatch::Dashboard").getFirst();
    StringBuilder out = new StringBuilder();
    flatten(dashboard.at("/Properties/DashboardBody"), out);
    return out.toString();
  }

  private static void flatten(JsonNode node, StringBuilder out) {
    if (node.isTextual()) {
      out.append(node.asText());
    } else {
      node.forEach(child -> flatten(child, out));
    }
  }

  @Test
  void oneDashboardNamedSecureCartWithARowPerTier() {
    template.resourceCountIs("AWS::CloudWatch::Dashboard", 1);
    template.hasResourceProperties(
        "AWS::CloudWatch::Dashboard", Map.of("DashboardName", "SecureCart"));
    assertThat(body())
        .contains(
            "## Web, checkout and admin",
            "## Catalog, search, cart",
            "## Order pipeline and notifications",
            "## Data (Aurora PostgreSQL)",
            "## Analytics",
            "ALB target p99 (s)",
            "ALB 5xx",
            "Auto Scaling groups CPU (%)",
            "Services CPU (%)",
            "Order pipeline executions",
            "Lambda errors",
            "Lambda p99 duration (ms)",
            "Notification queue: oldest message (s)",
            "Notification dead letters",
            "Aurora CPU (%)",
            "Aurora connections",
            "SEARCH('{AWS/ApplicationELB,LoadBalancer}",
            "ExecutionsFailed",
            "ApproximateAgeOfOldestMessage",
            "\"DBClusterIdentifier\",\"securecart\"");
  }

  @Test
  void computeOptimizerIsEnrolledByOneScopedSdkCall() {
    JsonNode call = FoundationStackTest.resources(tree, "Custom::AWS").getFirst();
    for (String phase : new String[] {"Create", "Update"}) {
      StringBuilder text = new StringBuilder();
      flatten(call.at("/Properties/" + phase), text);
      assertThat(text.toString())
          .contains(
              "\"service\":\"ComputeOptimizer\"",
              "\"action\":\"updateEnrollmentStatus\"",
              "\"parameters\":{\"status\":\"Active\"}");
    }
    template.hasResourceProperties(
        "AWS::IAM::Policy",
        Map.of(
            "PolicyDocument",
            Match.objectLike(
                Map.of(
                    "Statement",
                    Match.arrayWith(
                        java.util.List.of(
                            Match.objectLike(
                                Map.of(
                                    "Action",
                                    "compute-optimizer:UpdateEnrollmentStatus",
                                    "Resource",
                                    "*"))))))));
  }
}
