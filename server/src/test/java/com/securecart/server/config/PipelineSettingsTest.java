package com.securecart.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.ConfigException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSettingsTest {
  private static final String ARN =
      "arn:aws:states:eu-west-1:123456789012:stateMachine:securecart-order-pipeline";
  private static final String QUEUE =
      "https://sqs.eu-west-1.amazonaws.com/123456789012/securecart-notifications";

  private static Config load(Map<String, String> env, String... args) {
    return ConfigLoader.load(args, env);
  }

  private static Map<String, String> stepFunctions() {
    Map<String, String> env = new HashMap<>();
    env.put("SECURECART_PIPELINE", "stepfunctions");
    env.put("SECURECART_STATE_MACHINE_ARN", ARN);
    env.put("SECURECART_NOTIFICATION_QUEUE_URL", QUEUE);
    return env;
  }

  @Test
  void theStepsRunInProcessUnlessToldOtherwise() {
    PipelineSettings pipeline = load(Map.of()).pipeline();
    assertThat(pipeline.mode()).isEqualTo(PipelineSettings.Mode.INPROCESS);
    assertThat(pipeline.stepFunctions()).isFalse();
    assertThat(pipeline.region()).isEqualTo("us-east-1");
  }

  @Test
  void stepFunctionsModeReadsTheStateMachineTheQueueAndTheEndpoints() {
    Map<String, String> env = stepFunctions();
    env.put("SECURECART_AWS_REGION", "eu-west-1");
    env.put("SECURECART_AWS_ENDPOINT_SFN", "http://127.0.0.1:8083");
    env.put("SECURECART_AWS_ENDPOINT_SQS", " ");
    PipelineSettings pipeline = load(env).pipeline();
    assertThat(pipeline.stepFunctions()).isTrue();
    assertThat(pipeline.region()).isEqualTo("eu-west-1");
    assertThat(pipeline.stateMachineArn()).isEqualTo(ARN);
    assertThat(pipeline.notificationQueueUrl()).isEqualTo(QUEUE);
    assertThat(pipeline.sfnEndpoint()).isEqualTo(URI.create("http://127.0.0.1:8083"));
    assertThat(pipeline.sqsEndpoint()).isNull();
  }

  @Test
  void theFlagWinsOverTheVariable() {
    Map<String, String> env = stepFunctions();
    assertThat(load(env, "--pipeline", "inprocess").pipeline().stepFunctions()).isFalse();
    env.put("SECURECART_PIPELINE", "inprocess");
    assertThat(load(env, "--pipeline=StepFunctions").pipeline().stepFunctions()).isTrue();
  }

  @Test
  void stepFunctionsModeWithoutTheStateMachineOrTheQueueStopsStartUpNamingTheVariable() {
    Map<String, String> noArn = stepFunctions();
    noArn.remove("SECURECART_STATE_MACHINE_ARN");
    assertThatThrownBy(() -> load(noArn))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_STATE_MACHINE_ARN is required");
    Map<String, String> noQueue = stepFunctions();
    noQueue.put("SECURECART_NOTIFICATION_QUEUE_URL", "");
    assertThatThrownBy(() -> load(noQueue))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_NOTIFICATION_QUEUE_URL is required");
  }

  @Test
  void badValuesStopStartUpNamingTheSetting() {
    assertThatThrownBy(() -> load(Map.of("SECURECART_PIPELINE", "lambda")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "SECURECART_PIPELINE (--pipeline) must be inprocess or stepfunctions");
    Map<String, String> notAnArn = stepFunctions();
    notAnArn.put("SECURECART_STATE_MACHINE_ARN", "securecart-order-pipeline");
    assertThatThrownBy(() -> load(notAnArn))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_STATE_MACHINE_ARN must be an ARN");
    Map<String, String> badEndpoint = stepFunctions();
    badEndpoint.put("SECURECART_AWS_ENDPOINT_SQS", "localhost:9324");
    assertThatThrownBy(() -> load(badEndpoint))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_AWS_ENDPOINT_SQS must be an http(s) URL");
    assertThatThrownBy(() -> load(Map.of("SECURECART_AWS_REGION", "Europe")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_AWS_REGION");
  }

  @Test
  void inProcessModeNeedsNoAwsSettings() {
    assertThat(load(Map.of("SECURECART_PIPELINE", "inprocess")).pipeline())
        .isEqualTo(PipelineSettings.INPROCESS);
  }
}
