package com.securecart.lambda.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.lambda.StepFailedException;
import com.securecart.lambda.TransientStepException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Executes a small definition (Choice, Task with Retry and Catch, compensation Task, Fail) with the
 * real interpreter on Node 22 and checks that Java answers reproduce Lambda's error contract: the
 * errorType is the exception's fully qualified class name and {@code ErrorEquals} matches on it.
 */
class LocalStepFunctionsIT {
  private static final String INPUT_PLACED = "{\"orderId\": 7, \"event\": \"order.placed\"}";
  private static final String CHARGED =
      "{\"orderId\": 7, \"event\": \"order.payment-authorized\", \"status\": \"PAID\"}";
  private static final String COMPENSATED =
      "{\"orderId\": 7, \"event\": \"order.payment-failed\", \"status\": \"PAYMENT_FAILED\"}";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LocalStepFunctions sfn;
  private static String definition;

  /** Per test, so that without Node 22 every test reports itself skipped with the reason. */
  @BeforeEach
  void interpreter() throws IOException {
    sfn = LocalStepFunctions.require();
    if (definition != null) {
      return;
    }
    try (InputStream in =
        LocalStepFunctionsIT.class.getResourceAsStream(
            "/sfn-local/retry-catch-compensate.asl.json")) {
      definition = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Fast retries: the backoff itself is checked in {@link #retriesWithTheDefinitionsBackoff()}. */
  private static RunOptions fast() {
    return RunOptions.defaults()
        .withTimeout(Duration.ofSeconds(30))
        .withRetryPause("Charge", Duration.ZERO);
  }

  @Test
  void successPathReturnsTheTaskOutput() throws Exception {
    Scripted tasks = new Scripted().answer("Charge", TaskResult.success(CHARGED));

    Execution run = sfn.run(definition, INPUT_PLACED, tasks, fast());

    assertThat(run.status()).isEqualTo(Execution.Status.SUCCEEDED);
    assertThat(JSON.readTree(run.output())).isEqualTo(JSON.readTree(CHARGED));
    assertThat(run.statesEntered()).containsExactly("Route", "Charge", "Done");
    assertThat(run.taskCalls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.resourceArn())
                  .isEqualTo("arn:aws:lambda:us-east-1:123456789012:function:test-charge");
              assertThat(JSON.readTree(call.inputJson())).isEqualTo(JSON.readTree(INPUT_PLACED));
            });
  }

  @Test
  void aChoiceWithoutAMatchingRuleTakesTheDefault() {
    Execution run =
        sfn.run(
            definition, "{\"orderId\": 7, \"event\": \"order.shipped\"}", new Scripted(), fast());

    assertThat(run.status()).isEqualTo(Execution.Status.SUCCEEDED);
    assertThat(run.statesEntered()).containsExactly("Route", "Done");
    assertThat(run.taskCalls()).isEmpty();
  }

  @Test
  void aTransientErrorIsRetriedAsTheRetrierSaysThenSucceeds() {
    Scripted tasks =
        new Scripted()
            .fail("Charge", new TransientStepException("payment provider unavailable"))
            .fail("Charge", new TransientStepException("payment provider unavailable"))
            .answer("Charge", TaskResult.success(CHARGED));

    Execution run = sfn.run(definition, INPUT_PLACED, tasks, fast());

    assertThat(run.status()).isEqualTo(Execution.Status.SUCCEEDED);
    assertThat(run.invocations("Charge")).isEqualTo(3);
    assertThat(run.failures("Charge"))
        .containsExactly(
            TransientStepException.class.getName(), TransientStepException.class.getName());
    assertThat(run.retries("Charge"))
        .extracting(ExecutionEvent.Retry::attempt)
        .containsExactly(1, 2);
    assertThat(run.retries("Charge").getFirst().retrier().errorEquals())
        .containsExactly(TransientStepException.class.getName());
    assertThat(run.statesEntered()).containsExactly("Route", "Charge", "Done");
  }

  /**
   * The same retries without any override: the interpreter pauses as the definition says (1 s ×
   * 2^n, capped at 30 s, full jitter), so each pause it scheduled lies in [0, nominal]. Prints the
   * timings.
   */
  @Test
  void retriesWithTheDefinitionsBackoff() {
    Scripted tasks =
        new Scripted()
            .fail("Charge", new TransientStepException("payment provider unavailable"))
            .fail("Charge", new TransientStepException("payment provider unavailable"))
            .answer("Charge", TaskResult.success(CHARGED));

    Execution run =
        sfn.run(
            definition,
            INPUT_PLACED,
            tasks,
            RunOptions.defaults().withTimeout(Duration.ofSeconds(30)));

    assertThat(run.status()).isEqualTo(Execution.Status.SUCCEEDED);
    List<ExecutionEvent.Retry> retries = run.retries("Charge");
    assertThat(retries).hasSize(2);
    for (ExecutionEvent.Retry retry : retries) {
      ExecutionEvent.Retrier retrier = retry.retrier();
      assertThat(retrier.jitterStrategy()).isEqualTo("FULL");
      assertThat(retrier.maxDelaySeconds()).contains(30.0);
      assertThat(retry.scheduledPause())
          .as("the pause the interpreter chose for retry %d", retry.attempt())
          .hasValueSatisfying(
              pause ->
                  assertThat(pause)
                      .isBetween(Duration.ZERO, retrier.nominalPause(retry.attempt())));
    }
    assertThat(retries.get(0).retrier().nominalPause(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(retries.get(1).retrier().nominalPause(2)).isEqualTo(Duration.ofSeconds(2));
    System.out.printf(
        "retries without override: scheduled %s / %s (nominal 1 s / 2 s, FULL jitter), measured %s / %s;"
            + " execution %d ms, Node process %d ms%n",
        retries.get(0).scheduledPause().orElseThrow().toMillis() + " ms",
        retries.get(1).scheduledPause().orElseThrow().toMillis() + " ms",
        retries.get(0).measuredPause().toMillis() + " ms",
        retries.get(1).measuredPause().toMillis() + " ms",
        run.executionTime().toMillis(),
        run.wallTime().toMillis());
  }

  @Test
  void aPermanentErrorIsCaughtCompensatedAndFailsWithTheFailStatesError() throws Exception {
    Scripted tasks =
        new Scripted()
            .fail("Charge", new StepFailedException("card declined"))
            .answer("Compensate", TaskResult.success(COMPENSATED));

    Execution run = sfn.run(definition, INPUT_PLACED, tasks, fast());

    assertThat(run.status()).isEqualTo(Execution.Status.FAILED);
    assertThat(run.error()).isEqualTo("OrderPipelineFailed");
    assertThat(run.cause()).isEqualTo("the order's step failed and was compensated");
    assertThat(run.statesEntered()).containsExactly("Route", "Charge", "Compensate", "Failed");
    assertThat(run.retries("Charge")).as("not a retried error").isEmpty();
    assertThat(run.invocations("Charge")).isEqualTo(1);
    Execution.TaskCall compensation = run.taskCalls().getLast();
    assertThat(compensation.stateName()).isEqualTo("Compensate");
    assertThat(JSON.readTree(compensation.inputJson()))
        .isEqualTo(
            JSON.readTree(
                "{\"orderId\": 7, \"event\": \"order.placed\", \"error\": \""
                    + StepFailedException.class.getName()
                    + "\"}"));
    assertThat(run.events())
        .filteredOn(e -> e.is("StateCaught", "Charge"))
        .singleElement()
        .satisfies(
            e -> assertThat(e.raw().at("/catch/catcher/Next").asText()).isEqualTo("Compensate"));
  }

  @Test
  void aStatesAllCatcherCatchesAnyError() {
    Scripted tasks =
        new Scripted()
            .fail("Void", new IllegalArgumentException("no such authorization"))
            .answer("Compensate", TaskResult.success(COMPENSATED));

    Execution run =
        sfn.run(definition, "{\"orderId\": 7, \"event\": \"order.cancelled\"}", tasks, fast());

    assertThat(run.status()).isEqualTo(Execution.Status.FAILED);
    assertThat(run.error()).isEqualTo("OrderPipelineFailed");
    assertThat(run.statesEntered()).containsExactly("Route", "Void", "Compensate", "Failed");
    assertThat(run.taskCalls().getLast().inputJson())
        .contains("java.lang.IllegalArgumentException");
  }

  @Test
  void anErrorNoRetrierOrCatcherMatchesFailsTheExecutionWithTheLambdaErrorType() {
    Scripted tasks = new Scripted().fail("Charge", new IllegalStateException("bug in the handler"));

    Execution run = sfn.run(definition, INPUT_PLACED, tasks, fast());

    assertThat(run.status()).isEqualTo(Execution.Status.FAILED);
    assertThat(run.error()).isEqualTo("java.lang.IllegalStateException");
    assertThat(run.cause()).contains("bug in the handler");
    assertThat(run.statesEntered()).containsExactly("Route", "Charge");
    assertThat(run.retries("Charge")).isEmpty();
    assertThat(run.invocations("Compensate")).isZero();
  }

  @Test
  void aTransientErrorBeyondMaxAttemptsFailsTheExecution() {
    Scripted tasks =
        new Scripted()
            .answer("Charge", TaskResult.failure(TransientStepException.class.getName(), "down"))
            .answer("Charge", TaskResult.failure(TransientStepException.class.getName(), "down"))
            .answer("Charge", TaskResult.failure(TransientStepException.class.getName(), "down"));

    Execution run = sfn.run(definition, INPUT_PLACED, tasks, fast());

    assertThat(run.status()).isEqualTo(Execution.Status.FAILED);
    assertThat(run.error()).isEqualTo(TransientStepException.class.getName());
    assertThat(run.invocations("Charge")).as("1 attempt + MaxAttempts 2 retries").isEqualTo(3);
    assertThat(run.retries("Charge")).hasSize(2);
  }

  @Test
  void anAssertionFailingInsideAnInvokerStopsTheExecutionAndIsRethrown() {
    TaskInvoker failing =
        (resource, state, input) -> {
          throw new AssertionError("unexpected call to " + state);
        };

    assertThatThrownBy(() -> sfn.run(definition, INPUT_PLACED, failing, fast()))
        .isInstanceOf(IllegalStateException.class)
        .hasCauseInstanceOf(AssertionError.class);
  }

  @Test
  void anExecutionPastItsTimeoutIsAbortedWithinTheBound() {
    TaskInvoker slow =
        (resource, state, input) -> {
          Thread.sleep(
              Duration.ofSeconds(20)); // stands for a hung Lambda; the bound must cut it short
          return TaskResult.success(CHARGED);
        };

    Execution run =
        sfn.run(definition, INPUT_PLACED, slow, fast().withTimeout(Duration.ofSeconds(2)));

    assertThat(run.status()).isEqualTo(Execution.Status.TIMED_OUT);
  }

  /** Answers each Task state from a queue of scripted answers, in order; an exception is thrown. */
  private static final class Scripted implements TaskInvoker {
    private final Map<String, Deque<Object>> answers = new HashMap<>();

    Scripted answer(String state, TaskResult result) {
      answers.computeIfAbsent(state, s -> new ArrayDeque<>()).add(result);
      return this;
    }

    Scripted fail(String state, Exception thrown) {
      answers.computeIfAbsent(state, s -> new ArrayDeque<>()).add(thrown);
      return this;
    }

    @Override
    public synchronized TaskResult invoke(String resourceArn, String stateName, String inputJson)
        throws Exception {
      Object next = answers.getOrDefault(stateName, new ArrayDeque<>()).poll();
      if (next == null) {
        throw new AssertionError(
            "no answer scripted for call to " + stateName + " with " + inputJson);
      }
      if (next instanceof Exception thrown) {
        throw thrown;
      }
      return (TaskResult) next;
    }
  }
}
