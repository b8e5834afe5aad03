package com.securecart.lambda.asl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securecart.pipeline.Effect;
import com.securecart.pipeline.RetryPolicy;
import com.securecart.pipeline.Step;
import com.securecart.shared.OrderId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The definition's shape for the wired pipeline, and how it follows the steps and the policy. */
class StateMachineDefinitionTest {
  private static final String PREFIX = StateMachineDefinition.DEFAULT_ARN_PREFIX;
  private static final String TRANSIENT = "com.securecart.lambda.TransientStepException";

  private static JsonNode definition;
  private static JsonNode states;

  @BeforeAll
  static void build() {
    definition = PipelineCommand.definition(PREFIX);
    states = definition.get("States");
  }

  @Test
  void startsAtARouteOnTheEventWithOneRulePerOrchestratedTrigger() {
    assertThat(definition.get("StartAt").asText()).isEqualTo("Route");
    JsonNode route = states.get("Route");
    assertThat(route.get("Type").asText()).isEqualTo("Choice");
    assertThat(route.get("Default").asText()).isEqualTo("Done");
    Map<String, String> rules = new java.util.LinkedHashMap<>();
    JsonNode first = route.get("Choices").get(0);
    assertThat(first.get("IsNull").asBoolean()).as("a step that answers no event ends it").isTrue();
    assertThat(first.get("Next").asText()).isEqualTo("Done");
    for (JsonNode rule : route.get("Choices")) {
      assertThat(rule.get("Variable").asText()).isEqualTo("$.event");
      if (rule.has("StringEquals")) {
        rules.put(rule.get("StringEquals").asText(), rule.get("Next").asText());
      }
    }
    assertThat(rules)
        .containsExactly(
            Map.entry("order.placed", "AuthorizePayment"),
            Map.entry("order.payment-authorized", "ConfirmOrder"),
            Map.entry("order.cancelled", "VoidAuthorization"),
            Map.entry("order.expired", "VoidAuthorization"));
    assertThat(fieldNames(states))
        .containsExactly(
            "Route",
            "AuthorizePayment",
            "ConfirmOrder",
            "VoidAuthorization",
            "AuthorizePaymentCompensate",
            "ConfirmOrderCompensate",
            "VoidAuthorizationCompensate",
            "Done",
            "Failed");
    assertThat(states.get("Done").get("Type").asText()).isEqualTo("Succeed");
    assertThat(states.get("Failed").get("Type").asText()).isEqualTo("Fail");
    assertThat(states.get("Failed").get("Error").asText()).isEqualTo("OrderPipelineFailed");
  }

  @Test
  void aStepIsATaskOnItsFunctionThatRetriesTransientErrorsAndCatchesTheRestIntoItsCompensation() {
    JsonNode task = states.get("AuthorizePayment");
    assertThat(task.get("Type").asText()).isEqualTo("Task");
    assertThat(task.get("Resource").asText())
        .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:securecart-authorize-payment");
    assertThat(task.get("Parameters"))
        .isEqualTo(json("{\"orderId.$\": \"$.orderId\", \"event.$\": \"$.event\"}"));
    assertThat(task.get("Retry"))
        .isEqualTo(
            json(
                "[{\"ErrorEquals\": [\""
                    + TRANSIENT
                    + "\"], \"IntervalSeconds\": 1, \"BackoffRate\": 2.0, \"MaxAttempts\": 7,"
                    + " \"MaxDelaySeconds\": 30, \"JitterStrategy\": \"FULL\"},"
                    + " {\"ErrorEquals\": [\"Lambda.ServiceException\", \"Lambda.AWSLambdaException\","
                    + " \"Lambda.SdkClientException\", \"Lambda.TooManyRequestsException\","
                    + " \"Lambda.ClientExecutionTimeoutException\","
                    + " \"Lambda.Unknown\"],"
                    + " \"IntervalSeconds\": 1, \"BackoffRate\": 2.0, \"MaxAttempts\": 3,"
                    + " \"MaxDelaySeconds\": 10, \"JitterStrategy\": \"FULL\"}]"));
    assertThat(task.get("Catch"))
        .isEqualTo(
            json(
                "[{\"ErrorEquals\": [\"com.securecart.lambda.BadEventException\"],"
                    + " \"ResultPath\": \"$.error\", \"Next\": \"Failed\"},"
                    + " {\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": \"$.error\","
                    + " \"Next\": \"AuthorizePaymentCompensate\"}]"));
    assertThat(task.get("Next").asText()).isEqualTo("Route");

    JsonNode compensate = states.get("AuthorizePaymentCompensate");
    assertThat(compensate.get("Type").asText()).isEqualTo("Task");
    assertThat(compensate.get("Resource").asText())
        .isEqualTo(PREFIX + "securecart-authorize-payment-compensate");
    assertThat(compensate.get("Parameters"))
        .isEqualTo(
            json(
                "{\"orderId.$\": \"$.orderId\", \"event.$\": \"$.event\","
                    + " \"error.$\": \"$.error.Error\"}"));
    assertThat(compensate.get("Retry")).isEqualTo(task.get("Retry"));
    assertThat(compensate.has("Catch")).isFalse();
    assertThat(compensate.get("Next").asText()).isEqualTo("Failed");
  }

  @Test
  void theRetryFollowsThePolicy() {
    // 8 attempts = 1 try + 7 retries; 200 ms rounds up to ASL's whole second; the cap is the cap.
    assertThat(StateMachineDefinition.retrier(RetryPolicy.standard()))
        .isEqualTo(
            json(
                "{\"ErrorEquals\": [\""
                    + TRANSIENT
                    + "\"], \"IntervalSeconds\": 1, \"BackoffRate\": 2.0, \"MaxAttempts\": 7,"
                    + " \"MaxDelaySeconds\": 30, \"JitterStrategy\": \"FULL\"}"));
    JsonNode other =
        StateMachineDefinition.retrier(
            new RetryPolicy(3, Duration.ofMillis(2500), Duration.ofMinutes(2)));
    assertThat(other.get("IntervalSeconds").asInt()).isEqualTo(3);
    assertThat(other.get("MaxAttempts").asInt()).isEqualTo(2);
    assertThat(other.get("MaxDelaySeconds").asInt()).isEqualTo(120);
  }

  @Test
  void aNewStepIsANewStateAndANotifyingStepIsNone() {
    List<Step> steps = new ArrayList<>();
    steps.add(new FakeStep("reserve-loyalty-points", "order.confirmed", false));
    steps.add(new FakeStep("send-receipt", "order.shipped", true));
    ObjectNode built = StateMachineDefinition.of(steps, RetryPolicy.standard(), "p:");
    assertThat(fieldNames(built.get("States")))
        .containsExactly(
            "Route", "ReserveLoyaltyPoints", "ReserveLoyaltyPointsCompensate", "Done", "Failed");
    assertThat(built.get("States").get("ReserveLoyaltyPoints").get("Resource").asText())
        .isEqualTo("p:securecart-reserve-loyalty-points");
    assertThat(built.get("States").get("Route").get("Choices")).hasSize(2);
  }

  @Test
  void refusesWhatAChoiceCannotExpress() {
    RetryPolicy retry = RetryPolicy.standard();
    assertThatThrownBy(
            () ->
                StateMachineDefinition.of(
                    List.of(new FakeStep("a", "e", false), new FakeStep("b", "e", false)),
                    retry,
                    "p:"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trigger 'e'");
    assertThatThrownBy(
            () -> StateMachineDefinition.of(List.of(new FakeStep("done", "e", false)), retry, "p:"))
        .hasMessageContaining("reserved");
    assertThatThrownBy(
            () ->
                StateMachineDefinition.of(
                    List.of(new FakeStep("Authorize_Payment", "e", false)), retry, "p:"))
        .hasMessageContaining("kebab-case");
    assertThatThrownBy(() -> StateMachineDefinition.of(List.of(), retry, " "))
        .hasMessageContaining("prefix");
  }

  @Test
  void namesComeFromStepNames() {
    assertThat(StateMachineDefinition.stateName("authorize-payment")).isEqualTo("AuthorizePayment");
    assertThat(StateMachineDefinition.stateName("send-payment-failed"))
        .isEqualTo("SendPaymentFailed");
    assertThat(StateMachineDefinition.functionName("confirm-order"))
        .isEqualTo("securecart-confirm-order");
    assertThat(StateMachineDefinition.compensationFunctionName("confirm-order"))
        .isEqualTo("securecart-confirm-order-compensate");
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private record FakeStep(String name, String trigger, boolean notifies) implements Step {
    @Override
    public Effect run(OrderId order) {
      return Effect.NONE;
    }
  }
}
