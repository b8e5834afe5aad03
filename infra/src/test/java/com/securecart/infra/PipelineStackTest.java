package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class PipelineStackTest {
  static final String STACK = "SecureCart-Pipeline";
  private final Synth synth = Synth.defaults();
  private final Template template = synth.template(STACK);
  private final JsonNode tree = synth.tree(STACK);
  private final Settings.Pipeline pipeline = synth.settings().pipeline();

  static final Map<String, String> HANDLERS =
      Map.of(
          "securecart-authorize-payment", "AuthorizePaymentHandler",
          "securecart-authorize-payment-compensate", "AuthorizePaymentCompensationHandler",
          "securecart-confirm-order", "ConfirmOrderHandler",
          "securecart-confirm-order-compensate", "ConfirmOrderCompensationHandler",
          "securecart-void-authorization", "VoidAuthorizationHandler",
          "securecart-void-authorization-compensate", "VoidAuthorizationCompensationHandler",
          "securecart-notifications", "NotificationHandler");

  @Test
  void everyFunctionIsJava25OnArm64WithSnapStartTracingAndTheSettingsSizes() {
    List<JsonNode> functions = FoundationStackTest.resources(tree, "AWS::Lambda::Function");
    assertThat(functions).hasSize(7);
    Map<String, String> handlers = new HashMap<>();
    for (JsonNode f : functions) {
      JsonNode p = f.path("Properties");
      handlers.put(p.path("FunctionName").asText(), p.path("Handler").asText());
      assertThat(p.path("Architectures").toString()).isEqualTo("[\"arm64\"]");
      assertThat(p.path("Runtime").asText()).isEqualTo("java25");
      assertThat(p.at("/SnapStart/ApplyOn").asText()).isEqualTo("PublishedVersions");
      assertThat(p.at("/TracingConfig/Mode").asText()).isEqualTo("Active");
      assertThat(p.path("MemorySize").asInt()).isEqualTo(pipeline.memoryMiB());
      assertThat(p.path("Timeout").asInt()).isEqualTo(pipeline.timeoutSeconds());
      assertThat(p.path("ReservedConcurrentExecutions").asInt())
          .isEqualTo(pipeline.reservedConcurrency());
      assertThat(p.at("/VpcConfig/SubnetIds").size()).isEqualTo(3);
      assertThat(p.at("/VpcConfig/SecurityGroupIds").toString()).contains("SecureCart-Data");
      assertThat(p.path("KmsKeyArn").isMissingNode()).isFalse();
      assertThat(p.at("/Environment/Variables/SECURECART_DB_URL").toString())
          .contains("jdbc:postgresql://", ":5432/securecart?sslmode=verify-full");
      assertThat(p.at("/Environment/Variables/SECURECART_DB_SECRET_ARN").toString())
          .contains("ClusterSecretAttachment");
      assertThat(p.at("/Environment/Variables").toString())
          .doesNotContain("SECURECART_DB_PASSWORD");
      assertThat(p.at("/Environment/Variables/SECURECART_DB_POOL_SIZE").asText()).isEqualTo("2");
    }
    Map<String, String> expected = new HashMap<>();
    HANDLERS.forEach((name, cls) -> expected.put(name, "com.securecart.lambda." + cls));
    assertThat(handlers).isEqualTo(expected);
  }

  @Test
  void eachFunctionHasAYearLongEncryptedLogGroupAndALiveAliasOnItsPublishedVersion() {
    for (String name : HANDLERS.keySet()) {
      template.hasResourceProperties(
          "AWS::Logs::LogGroup",
          Map.of(
              "LogGroupName",
              "/aws/lambda/" + name,
              "RetentionInDays",
              365,
              "KmsKeyId",
              Match.anyValue()));
    }
    List<JsonNode> aliases = FoundationStackTest.resources(tree, "AWS::Lambda::Alias");
    assertThat(aliases).hasSize(7);
    for (JsonNode alias : aliases) {
      assertThat(alias.at("/Properties/Name").asText()).isEqualTo("live");
      assertThat(alias.at("/Properties/FunctionVersion/Fn::GetAtt/1").asText())
          .isEqualTo("Version");
    }
    template.resourceCountIs("AWS::Lambda::Version", 7);
  }

  @Test
  void theStandardStateMachineInvokesTheLiveAliasesLogsAllAndTraces() throws Exception {
    JsonNode machine =
        FoundationStackTest.resources(tree, "AWS::StepFunctions::StateMachine").getFirst();
    JsonNode p = machine.path("Properties");
    assertThat(p.path("StateMachineName").asText()).isEqualTo("securecart-order-pipeline");
    assertThat(p.path("StateMachineType").asText()).isEqualTo("STANDARD");
    assertThat(p.at("/LoggingConfiguration/Level").asText()).isEqualTo("ALL");
    assertThat(p.at("/TracingConfiguration/Enabled").asBoolean()).isTrue();

    String definition = p.path("DefinitionString").asText();
    assertThat(definition).doesNotContain("FunctionArnPrefix");
    JsonNode states = new ObjectMapper().readTree(definition).path("States");
    Set<String> invoked = new HashSet<>();
    for (JsonNode state : states) {
      String resource = state.path("Resource").asText();
      if (resource.isEmpty()) {
        continue;
      }
      assertThat(resource).matches("\\$\\{Fn[A-Za-z]+\\}");
      String key = resource.substring(2, resource.length() - 1);
      String aliasId = p.at("/DefinitionSubstitutions/" + key + "/Ref").asText();
      JsonNode alias = tree.at("/Resources/" + aliasId);
      assertThat(alias.path("Type").asText()).isEqualTo("AWS::Lambda::Alias");
      assertThat(alias.at("/Properties/Name").asText()).isEqualTo("live");
      invoked.add(aliasId);
    }
    assertThat(invoked).hasSize(6);

    // The role may invoke exactly those aliases.
    String roleId = p.at("/RoleArn/Fn::GetAtt/0").asText();
    Set<String> granted = new HashSet<>();
    for (JsonNode policy : FoundationStackTest.resources(tree, "AWS::IAM::Policy")) {
      if (!policy.at("/Properties/Roles/0/Ref").asText().equals(roleId)) {
        continue;
      }
      for (JsonNode statement : policy.at("/Properties/PolicyDocument/Statement")) {
        if (statement.path("Action").toString().contains("lambda:")) {
          assertThat(statement.path("Action").asText()).isEqualTo("lambda:InvokeFunction");
          statement.path("Resource").forEach(r -> granted.add(r.path("Ref").asText()));
        }
      }
    }
    assertThat(granted).isEqualTo(invoked);
  }

  @Test
  void theNotificationQueueIsEncryptedTlsOnlyAndRedrivesAfterFiveReceives() {
    template.hasResourceProperties(
        "AWS::SQS::Queue",
        Map.of(
            "QueueName",
            "securecart-notifications",
            "VisibilityTimeout",
            pipeline.timeoutSeconds() * 6,
            "KmsMasterKeyId",
            Match.anyValue(),
            "RedrivePolicy",
            Match.objectLike(Map.of("maxReceiveCount", 5))));
    template.hasResourceProperties(
        "AWS::SQS::Queue",
        Map.of(
            "QueueName",
            "securecart-notifications-dlq",
            "MessageRetentionPeriod",
            14 * 24 * 3600,
            "KmsMasterKeyId",
            Match.anyValue()));
    template.resourcePropertiesCountIs(
        "AWS::SQS::QueuePolicy", Matchers.denyingInsecureTransport(), 2);
  }

  @Test
  void theNotificationAliasConsumesTheQueueInBatchesFromSettings() {
    JsonNode mapping =
        FoundationStackTest.resources(tree, "AWS::Lambda::EventSourceMapping").getFirst();
    assertThat(mapping.at("/Properties/BatchSize").asInt()).isEqualTo(pipeline.notificationBatch());
    assertThat(mapping.at("/Properties/FunctionResponseTypes").toString())
        .isEqualTo("[\"ReportBatchItemFailures\"]");
    assertThat(mapping.at("/Properties/FunctionName").toString()).contains(":live");
  }

  @Test
  void theNotificationFunctionMailsThroughSesSmtpWithTlsRequired() {
    template.hasResourceProperties(
        "AWS::SES::EmailIdentity", Map.of("EmailIdentity", synth.settings().edge().domainName()));
    template.hasResourceProperties(
        "AWS::SecretsManager::Secret", Map.of("Name", "securecart/ses-smtp"));
    JsonNode env =
        FoundationStackTest.resources(tree, "AWS::Lambda::Function").stream()
            .filter(
                f -> f.at("/Properties/FunctionName").asText().equals("securecart-notifications"))
            .findFirst()
            .orElseThrow()
            .at("/Properties/Environment/Variables");
    assertThat(env.path("SECURECART_SMTP_TLS").asText()).isEqualTo("starttls-required");
    assertThat(env.path("SECURECART_SMTP_PORT").asText()).isEqualTo("587");
    assertThat(env.path("SECURECART_SMTP_HOST").toString()).contains("email-smtp.");
    assertThat(env.path("SECURECART_SMTP_FROM").asText())
        .isEqualTo("orders@" + synth.settings().edge().domainName());
    // The login is read from the secret at cold start: none of it is in the configuration, where
    // lambda:GetFunctionConfiguration would show it.
    assertThat(env.has("SECURECART_SMTP_PASSWORD")).isFalse();
    assertThat(env.has("SECURECART_SMTP_USER")).isFalse();
    assertThat(env.toString()).doesNotContain("{{resolve:secretsmanager:");
    assertThat(env.path("SECURECART_SMTP_SECRET_ARN").toString()).contains("SesSmtp");
  }

  @Test
  void alarmsCoverThePipelineAndTheNotificationsPerTier() {
    Map<String, Double> thresholds = new HashMap<>();
    for (JsonNode alarm : FoundationStackTest.resources(tree, "AWS::CloudWatch::Alarm")) {
      thresholds.put(
          alarm.at("/Properties/AlarmName").asText(), alarm.at("/Properties/Threshold").asDouble());
    }
    double p99 = pipeline.timeoutSeconds() * 1000 * 0.8;
    Map<String, Double> expected = new HashMap<>();
    expected.put("securecart-pipeline-executions-failed", 1.0);
    expected.put("securecart-pipeline-executions-timed-out", 1.0);
    for (String name : HANDLERS.keySet()) {
      if (name.equals("securecart-notifications")) {
        continue;
      }
      String step = name.substring("securecart-".length());
      expected.put("securecart-pipeline-" + step + "-errors", 1.0);
      expected.put("securecart-pipeline-" + step + "-throttles", 1.0);
      expected.put("securecart-pipeline-" + step + "-duration-p99", p99);
    }
    expected.put("securecart-notifications-function-errors", 1.0);
    expected.put("securecart-notifications-function-throttles", 1.0);
    expected.put("securecart-notifications-function-duration-p99", p99);
    expected.put(
        "securecart-notifications-queue-age", (double) synth.settings().alarms().queueAgeSeconds());
    expected.put("securecart-notifications-dlq-depth", 1.0);
    assertThat(thresholds).isEqualTo(expected);
  }

  @Test
  void sizesAndBatchComeFromTheSettings() {
    Synth varied =
        Synth.with("pipeline-sizes", s -> s.withPipeline(new Settings.Pipeline(2048, 60, 4, 7)));
    JsonNode t = varied.tree(STACK);
    for (JsonNode f : FoundationStackTest.resources(t, "AWS::Lambda::Function")) {
      assertThat(f.at("/Properties/MemorySize").asInt()).isEqualTo(2048);
      assertThat(f.at("/Properties/Timeout").asInt()).isEqualTo(60);
      assertThat(f.at("/Properties/ReservedConcurrentExecutions").asInt()).isEqualTo(7);
    }
    assertThat(
            FoundationStackTest.resources(t, "AWS::Lambda::EventSourceMapping")
                .getFirst()
                .at("/Properties/BatchSize")
                .asInt())
        .isEqualTo(4);
    varied
        .template(STACK)
        .hasResourceProperties(
            "AWS::SQS::Queue",
            Map.of("QueueName", "securecart-notifications", "VisibilityTimeout", 360));
  }
}
