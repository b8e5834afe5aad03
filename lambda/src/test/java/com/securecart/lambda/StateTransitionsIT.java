package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.lambda.asl.StateMachineDefinition;
import com.securecart.lambda.testing.Execution;
import com.securecart.lambda.testing.LocalStepFunctions;
import com.securecart.lambda.testing.RunOptions;
import com.securecart.lambda.testing.TaskResult;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrderStatus;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.shared.OrderId;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What one successful order costs on a Standard state machine. AWS bills Standard workflows per
 * state transition: one each time a step of the workflow is executed (every state entered, Choice
 * and Succeed included), and each retry as one more (aws.amazon.com/step-functions/pricing). This
 * runs the deployed definition (infra's committed copy) through the local interpreter, its Task
 * states answered by the real handlers on a fresh H2 shop, for an order paid with an approved card,
 * counts the transitions and checks the planner's assumption in infra/plan/plan.json against them.
 */
class StateTransitionsIT {
  static final Path DEFINITION =
      Path.of("..", "infra", "src", "main", "resources", "pipeline", "state-machine.asl.json");
  static final Path PLAN = Path.of("..", "infra", "plan", "plan.json");

  @Test
  void aSuccessfulOrderTakesThePlansStateTransitions() throws Exception {
    LocalStepFunctions sfn = LocalStepFunctions.require();
    String definition =
        Files.readString(DEFINITION)
            .replace("${FunctionArnPrefix}", StateMachineDefinition.DEFAULT_ARN_PREFIX);
    try (LambdaShop shop = new LambdaShop(Engine.H2)) {
      OrderId order = shop.placeOrder("tok_visa");
      Map<String, RequestStreamHandler> handlers =
          Map.of(
              "AuthorizePayment", new AuthorizePaymentHandler(shop.contexts),
              "ConfirmOrder", new ConfirmOrderHandler(shop.contexts));

      Execution run =
          sfn.run(
              definition,
              "{\"orderId\": " + order.value() + ", \"event\": \"" + OrderEvents.PLACED + "\"}",
              (arn, state, input) -> answer(handlers.get(state), input),
              RunOptions.defaults().withTimeout(Duration.ofSeconds(60)));

      assertThat(run.status())
          .as(run.error() + " " + run.cause())
          .isEqualTo(Execution.Status.SUCCEEDED);
      assertThat(shop.status(order)).isEqualTo(OrderStatus.CONFIRMED);
      long retries = run.events().stream().filter(e -> e.type().equals("StateRetried")).count();
      int billed = run.statesEntered().size() + (int) retries;
      System.out.println(
          "Standard state transitions for one successful order: "
              + billed
              + " "
              + run.statesEntered()
              + ", retries "
              + retries);
      assertThat(run.statesEntered())
          .containsExactly("Route", "AuthorizePayment", "Route", "ConfirmOrder", "Route", "Done");
      assertThat(retries).isZero();
      int assumed =
          new ObjectMapper()
              .readTree(PLAN.toFile())
              .at("/assumptions/stepFunctionsTransitionsPerOrder")
              .asInt(-1);
      assertThat(assumed)
          .as("infra/plan/plan.json assumptions.stepFunctionsTransitionsPerOrder")
          .isEqualTo(billed);
    }
  }

  /** The runtime's entry point, JSON in and out; a thrown step error becomes Lambda's error. */
  private static TaskResult answer(RequestStreamHandler handler, String input) {
    if (handler == null) {
      throw new AssertionError("a successful order calls no other Task, got " + input);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(
          new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out, null);
    } catch (Exception e) {
      return TaskResult.failure(e);
    }
    return TaskResult.success(out.toString(StandardCharsets.UTF_8));
  }
}
