package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class AnalyticsStackTest {
  private final Synth synth = Synth.defaults();
  private final Settings.Batch batch = synth.settings().batch();
  private final Template template = synth.template("SecureCart-Analytics");
  private final JsonNode tree = synth.tree("SecureCart-Analytics");

  @Test
  void theComputeEnvironmentIsManagedEc2SpotOnGravitonFamilies() {
    JsonNode env = one("AWS::Batch::ComputeEnvironment").path("Properties");
    assertThat(env.path("Type").asText()).isEqualTo("managed");
    JsonNode resources = env.path("ComputeResources");
    assertThat(resources.path("Type").asText()).isEqualTo("SPOT");
    assertThat(resources.path("AllocationStrategy").asText())
        .isEqualTo("SPOT_PRICE_CAPACITY_OPTIMIZED");
    assertThat(resources.path("MaxvCpus").asInt()).isEqualTo(batch.maxvCpus());
    assertThat(resources.path("MinvCpus").asInt()).isZero();
    List<String> types = new ArrayList<>();
    resources.path("InstanceTypes").forEach(t -> types.add(t.asText()));
    assertThat(types).containsExactlyInAnyOrder("m7g", "r7g", "c7g");
    assertThat(resources.path("SecurityGroupIds").size()).isEqualTo(1);
    assertThat(resources.path("SecurityGroupIds").toString()).contains("SecureCart-Data");
  }

  @Test
  void theJobRunsBatchNightlyAtTheSettingsSizeReadingFromTheReader() {
    JsonNode props = one("AWS::Batch::JobDefinition").path("Properties");
    JsonNode container = props.path("ContainerProperties");
    assertThat(container.path("Command").toString()).isEqualTo("[\"batch\",\"nightly\"]");
    Map<String, String> requirements = new java.util.HashMap<>();
    container
        .path("ResourceRequirements")
        .forEach(r -> requirements.put(r.path("Type").asText(), r.path("Value").asText()));
    assertThat(requirements)
        .containsEntry("VCPU", Integer.toString(batch.vcpus()))
        .containsEntry("MEMORY", Integer.toString(batch.memoryMiB()));
    assertThat(container.path("Image").toString())
        .contains(":" + synth.settings().artifacts().imageTag());
    Map<String, String> env = new java.util.HashMap<>();
    container
        .path("Environment")
        .forEach(e -> env.put(e.path("Name").asText(), e.path("Value").toString()));
    assertThat(env.get("SECURECART_BATCH_READ_DB_URL"))
        .contains("ReadEndpointAddress", ":5432/securecart?sslmode=verify-full");
    assertThat(env.get("SECURECART_DB_URL"))
        .contains("EndpointAddress")
        .doesNotContain("ReadEndpoint");
    // The login is read from the secret at connect time (rotation-safe), never injected.
    assertThat(env.get("SECURECART_DB_SECRET_ARN")).contains("ClusterSecretAttachment");
    assertThat(container.path("Secrets").isMissingNode()).isTrue();
    assertThat(container.path("JobRoleArn").isMissingNode()).isFalse();
    assertThat(props.at("/Timeout/AttemptDurationSeconds").asInt())
        .isEqualTo(batch.timeoutMinutes() * 60);
  }

  @Test
  void aSpotReclaimIsRetriedAndAnythingElseExits() {
    JsonNode retry = one("AWS::Batch::JobDefinition").at("/Properties/RetryStrategy");
    assertThat(retry.path("Attempts").asInt()).isEqualTo(batch.attempts());
    JsonNode onExit = retry.path("EvaluateOnExit");
    assertThat(onExit.get(0).path("Action").asText()).isEqualToIgnoringCase("RETRY");
    assertThat(onExit.get(0).path("OnStatusReason").asText()).isEqualTo("Host EC2*");
    JsonNode last = onExit.get(onExit.size() - 1);
    assertThat(last.path("Action").asText()).isEqualToIgnoringCase("EXIT");
    assertThat(last.path("OnReason").asText()).isEqualTo("*");
  }

  @Test
  void theSchedulerSubmitsTheJobOnTheSettingsScheduleWithRetriesAndADeadLetterQueue()
      throws Exception {
    JsonNode props = one("AWS::Scheduler::Schedule").path("Properties");
    assertThat(props.path("ScheduleExpression").asText()).isEqualTo(batch.schedule());
    assertThat(props.path("ScheduleExpressionTimezone").asText()).isEqualTo(batch.timeZone());
    assertThat(props.at("/FlexibleTimeWindow/Mode").asText()).isEqualTo("OFF");
    JsonNode target = props.path("Target");
    assertThat(target.path("Arn").toString()).contains(":scheduler:::aws-sdk:batch:submitJob");
    assertThat(target.at("/RetryPolicy/MaximumRetryAttempts").asInt()).isPositive();
    assertThat(target.at("/DeadLetterConfig/Arn").isMissingNode()).isFalse();
    assertThat(target.path("Input").toString()).contains("JobQueue", "JobDefinition");
    template.hasResourceProperties("AWS::SQS::Queue", Map.of("KmsMasterKeyId", Match.anyValue()));
    template.hasResourceProperties("AWS::SQS::QueuePolicy", Matchers.denyingInsecureTransport());
  }

  @Test
  void theSchedulerRoleMaySubmitOnlyThisJobToThisQueue() {
    for (JsonNode policy : FoundationStackTest.resources(tree, "AWS::IAM::Policy")) {
      for (JsonNode statement : policy.at("/Properties/PolicyDocument/Statement")) {
        if (statement.path("Action").toString().contains("batch:SubmitJob")) {
          assertThat(statement.path("Action").asText()).isEqualTo("batch:SubmitJob");
          assertThat(statement.path("Resource").size()).isEqualTo(2);
          assertThat(statement.path("Resource").toString()).doesNotContain("\"*\"");
        }
      }
    }
  }

  @Test
  void analyticsAlarmsCoverFailedJobsSchedulerErrorsAndDeadLetters() {
    List<String> names =
        FoundationStackTest.resources(tree, "AWS::CloudWatch::Alarm").stream()
            .map(a -> a.at("/Properties/AlarmName").asText())
            .toList();
    assertThat(names)
        .contains(
            "securecart-analytics-failed-jobs",
            "securecart-analytics-scheduler-target-errors",
            "securecart-analytics-dead-letters");
    template.hasResourceProperties(
        "AWS::Events::Rule",
        Match.objectLike(
            Map.of(
                "EventPattern",
                Match.objectLike(
                    Map.of(
                        "source", List.of("aws.batch"),
                        "detail", Match.objectLike(Map.of("status", List.of("FAILED"))))))));
  }

  /** The job's size, schedule and retries follow the given synth's settings. */
  static void assertBatch(Synth synth) {
    Settings.Batch batch = synth.settings().batch();
    JsonNode tree = synth.tree("SecureCart-Analytics");
    JsonNode job = FoundationStackTest.resources(tree, "AWS::Batch::JobDefinition").get(0);
    assertThat(job.at("/Properties/ContainerProperties/ResourceRequirements").toString())
        .contains(
            "{\"Type\":\"MEMORY\",\"Value\":\"" + batch.memoryMiB() + "\"}",
            "{\"Type\":\"VCPU\",\"Value\":\"" + batch.vcpus() + "\"}");
    assertThat(job.at("/Properties/RetryStrategy/Attempts").asInt()).isEqualTo(batch.attempts());
    assertThat(job.at("/Properties/Timeout/AttemptDurationSeconds").asInt())
        .isEqualTo(batch.timeoutMinutes() * 60);
    JsonNode schedule = FoundationStackTest.resources(tree, "AWS::Scheduler::Schedule").get(0);
    assertThat(schedule.at("/Properties/ScheduleExpression").asText()).isEqualTo(batch.schedule());
    assertThat(schedule.at("/Properties/ScheduleExpressionTimezone").asText())
        .isEqualTo(batch.timeZone());
    JsonNode compute = FoundationStackTest.resources(tree, "AWS::Batch::ComputeEnvironment").get(0);
    assertThat(compute.at("/Properties/ComputeResources/MaxvCpus").asInt())
        .isEqualTo(batch.maxvCpus());
  }

  @Test
  void theDefaultsFollowTheSettings() {
    assertBatch(synth);
  }

  private JsonNode one(String type) {
    List<JsonNode> found = FoundationStackTest.resources(tree, type);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  @SuppressWarnings("unused")
  private static JsonNode json(String text) throws Exception {
    return new ObjectMapper().readTree(text);
  }
}
