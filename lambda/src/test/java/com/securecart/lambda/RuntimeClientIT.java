package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.lambda.testing.LambdaFunctionProcess;
import com.securecart.lambda.testing.RuntimeApiHarness;
import com.securecart.lambda.testing.RuntimeApiHarness.Result;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrderStatus;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.shared.OrderId;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The deployable jar's handler under the official runtime client, in its own JVM, against {@link
 * RuntimeApiHarness}: what the state machine will see, error types included. PostgreSQL only (the
 * function and the test share the database across processes, and the jar carries no H2).
 */
class RuntimeClientIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aTransientFailureIsReportedUnderItsFullyQualifiedNameAndThenTheStepSucceeds()
      throws Exception {
    Path jar = Path.of(System.getProperty("securecart.lambda.jar", "missing"));
    String runtime = System.getProperty("securecart.lambda.runtimeClasspath", "");
    assertThat(jar).as("the shaded jar (built by package)").exists();
    try (LambdaShop shop = new LambdaShop(Engine.POSTGRES);
        RuntimeApiHarness api = RuntimeApiHarness.start();
        LambdaFunctionProcess function =
            LambdaFunctionProcess.start(
                api,
                AuthorizePaymentHandler.class.getName() + "::handleRequest",
                jar + File.pathSeparator + runtime,
                LambdaShop.env(shop.url),
                Path.of("target", "lambda-logs", "authorize-payment.log"))) {
      OrderId order = shop.placeOrder("tok_processingError");
      String event = "{\"orderId\":" + order.value() + ",\"event\":\"" + OrderEvents.PLACED + "\"}";

      Result first = api.invoke(event, TIMEOUT);
      Result second = api.invoke(event, TIMEOUT);
      Result third = api.invoke(event, TIMEOUT);

      String log = function.output();
      assertThat(first)
          .as("first attempt; function output:%n%s", log)
          .isInstanceOfSatisfying(
              Result.Failure.class,
              f -> {
                assertThat(f.errorType()).isEqualTo("com.securecart.lambda.TransientStepException");
                assertThat(f.errorMessage()).contains("PaymentUnavailableException");
              });
      assertThat(second)
          .isInstanceOfSatisfying(
              Result.Failure.class,
              f -> assertThat(f.errorType()).isEqualTo(TransientStepException.class.getName()));
      assertThat(third)
          .as("function output:%n%s", log)
          .isInstanceOfSatisfying(
              Result.Success.class,
              s -> {
                JsonNode out = readJson(s.body());
                assertThat(out.get("orderId").asLong()).isEqualTo(order.value());
                assertThat(out.get("event").asText()).isEqualTo(OrderEvents.PAYMENT_AUTHORIZED);
                assertThat(out.get("status").asText()).isEqualTo("AUTHORIZED");
              });
      assertThat(shop.status(order)).isEqualTo(OrderStatus.AUTHORIZED);

      Result wrongEvent =
          api.invoke("{\"orderId\":" + order.value() + ",\"event\":\"order.bogus\"}", TIMEOUT);
      Result malformed = api.invoke("{\"orderId\":-3,\"event\":\"order.placed\"}", TIMEOUT);

      assertThat(wrongEvent)
          .isInstanceOfSatisfying(
              Result.Failure.class,
              f -> assertThat(f.errorType()).isEqualTo(BadEventException.class.getName()));
      assertThat(malformed)
          .as("function output:%n%s", function.output())
          .isInstanceOfSatisfying(
              Result.Failure.class,
              f -> assertThat(f.errorType()).isEqualTo(BadEventException.class.getName()));
      assertThat(shop.status(order)).isEqualTo(OrderStatus.AUTHORIZED);
      assertThat(function.isAlive()).isTrue();
      assertThat(api.initError()).isEmpty();
    }
  }

  private static JsonNode readJson(String body) {
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + body, e);
    }
  }
}
