package com.securecart.lambda.asl;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securecart.app.Pipeline;
import com.securecart.lambda.BadEventException;
import com.securecart.lambda.TransientStepException;
import com.securecart.pipeline.RetryPolicy;
import com.securecart.pipeline.Step;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Builds the Amazon States Language definition of the order pipeline (a Standard workflow) from the
 * pipeline's steps and retry policy, as docs/adr/0016 and the issue 13 contract describe: a {@code
 * Route} choice on {@code $.event} sends each orchestrated step's trigger to a Task state for that
 * step's function, which retries transient failures with the pipeline's backoff, catches the rest
 * into the step's compensation function and then fails. A step's output event routes on; an event
 * no orchestrated step takes ends in {@code Done}. Steps that notify get no state: they run from
 * SQS. Nothing here lists steps, so a new core step is a new state.
 */
public final class StateMachineDefinition {
  /** The prefix of the functions' ARNs when none is given (an example account and region). */
  public static final String DEFAULT_ARN_PREFIX = "arn:aws:lambda:us-east-1:123456789012:function:";

  public static final String ROUTE = "Route";

  /**
   * What Step Functions reports when the Lambda service, not the handler, failed an invocation, and
   * {@code Lambda.Unknown}: the execution environment died or timed out mid-invocation (a crash,
   * out of memory). The steps are idempotent, so a fresh environment runs the step again instead of
   * the order being compensated as if the step had failed (PipelineScenariosIT kills one).
   */
  static final List<String> LAMBDA_SERVICE_ERRORS =
      List.of(
          "Lambda.ServiceException",
          "Lambda.AWSLambdaException",
          "Lambda.SdkClientException",
          "Lambda.TooManyRequestsException",
          "Lambda.ClientExecutionTimeoutException",
          "Lambda.Unknown");

  public static final String DONE = "Done";
  public static final String FAILED = "Failed";
  public static final String FAILURE_ERROR = "OrderPipelineFailed";

  /** The error name the Lambda runtime reports for a transient failure: the class's full name. */
  public static final String TRANSIENT_ERROR = TransientStepException.class.getName();

  /** What a handler throws for a malformed or misdirected event (nothing was changed). */
  public static final String BAD_EVENT_ERROR = BadEventException.class.getName();

  private static final String FUNCTION_PREFIX = "securecart-";
  private static final String COMPENSATE = "Compensate";
  private static final Pattern KEBAB = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
  private static final Set<String> RESERVED = Set.of(ROUTE, DONE, FAILED);
  private static final ObjectMapper JSON = new ObjectMapper();

  private StateMachineDefinition() {}

  /** The definition of the wired pipeline, with its functions' ARNs under {@code arnPrefix}. */
  public static ObjectNode of(Pipeline pipeline, String arnPrefix) {
    return of(pipeline.steps(), pipeline.retry(), arnPrefix);
  }

  /**
   * The definition for {@code steps} with {@code retry} as every Task's Retry.
   *
   * @throws IllegalArgumentException when a step name is not kebab-case, two orchestrated steps
   *     take one trigger (a Choice can go to only one state; the in-process runner refuses it too),
   *     or a state name would collide with Route, Done or Failed
   */
  public static ObjectNode of(List<Step> steps, RetryPolicy retry, String arnPrefix) {
    if (arnPrefix == null || arnPrefix.isBlank()) {
      throw new IllegalArgumentException("the function ARN prefix is required");
    }
    // Trigger -> state, in the steps' order; one state per step name (void-authorization takes
    // two triggers with one function).
    Map<String, String> routes = new LinkedHashMap<>();
    Map<String, String> stateOfStep = new LinkedHashMap<>();
    Map<String, String> stepOfState = new HashMap<>();
    for (Step step : steps) {
      if (step.notifies()) {
        continue;
      }
      String state = stateName(step.name());
      String earlier = stepOfState.putIfAbsent(state, step.name());
      if (earlier != null && !earlier.equals(step.name())) {
        throw new IllegalArgumentException(
            "steps '" + earlier + "' and '" + step.name() + "' make one state name " + state);
      }
      if (RESERVED.contains(state) || RESERVED.contains(compensationStateName(step.name()))) {
        throw new IllegalArgumentException(
            "step '" + step.name() + "' takes a reserved state name");
      }
      stateOfStep.putIfAbsent(step.name(), state);
      if (routes.putIfAbsent(step.trigger(), state) != null) {
        throw new IllegalArgumentException(
            "two orchestrated steps take the trigger '" + step.trigger() + "'");
      }
    }

    ObjectNode definition = JSON.createObjectNode();
    definition.put(
        "Comment",
        "SecureCart order pipeline, generated from the core's steps and retry policy"
            + " (./securecart pipeline asl)");
    definition.put("StartAt", ROUTE);
    ObjectNode states = definition.putObject("States");

    ObjectNode route = states.putObject(ROUTE);
    route.put("Type", "Choice");
    ArrayNode choices = route.putArray("Choices");
    // A step that left the order where it was answers no event: the execution is done. Tested
    // first and explicitly, so that a null never meets StringEquals.
    choices.addObject().put("Variable", "$.event").put("IsNull", true).put("Next", DONE);
    routes.forEach(
        (trigger, state) ->
            choices
                .addObject()
                .put("Variable", "$.event")
                .put("StringEquals", trigger)
                .put("Next", state));
    route.put("Default", DONE);

    stateOfStep.forEach(
        (stepName, state) -> {
          ObjectNode task = task(states, state, arnPrefix + functionName(stepName), retry);
          task.putObject("Parameters").put("orderId.$", "$.orderId").put("event.$", "$.event");
          ArrayNode catches = task.putArray("Catch");
          // A malformed event changed nothing, so there is nothing to undo: fail at once rather
          // than run a compensation that might void a payment or fail an order on its behalf.
          catches
              .addObject()
              .<ObjectNode>set("ErrorEquals", JSON.createArrayNode().add(BAD_EVENT_ERROR))
              .put("ResultPath", "$.error")
              .put("Next", FAILED);
          catches
              .addObject()
              .<ObjectNode>set("ErrorEquals", JSON.createArrayNode().add("States.ALL"))
              .put("ResultPath", "$.error")
              .put("Next", compensationStateName(stepName));
          task.put("Next", ROUTE);
        });
    stateOfStep
        .keySet()
        .forEach(
            stepName -> {
              ObjectNode compensate =
                  task(
                      states,
                      compensationStateName(stepName),
                      arnPrefix + compensationFunctionName(stepName),
                      retry);
              compensate
                  .putObject("Parameters")
                  .put("orderId.$", "$.orderId")
                  .put("event.$", "$.event")
                  .put("error.$", "$.error.Error");
              compensate.put("Next", FAILED);
            });

    states.putObject(DONE).put("Type", "Succeed");
    states.putObject(FAILED).put("Type", "Fail").put("Error", FAILURE_ERROR);
    return definition;
  }

  /** The definition as indented JSON. */
  public static String json(ObjectNode definition) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(definition);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain nodes always serializes", e);
    }
  }

  /** {@code authorize-payment} -> {@code AuthorizePayment}. */
  public static String stateName(String stepName) {
    if (!KEBAB.matcher(stepName).matches()) {
      throw new IllegalArgumentException("step name '" + stepName + "' is not kebab-case");
    }
    StringBuilder pascal = new StringBuilder(stepName.length());
    for (String word : stepName.split("-")) {
      pascal.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
    }
    return pascal.toString();
  }

  public static String compensationStateName(String stepName) {
    return stateName(stepName) + COMPENSATE;
  }

  /** {@code authorize-payment} -> {@code securecart-authorize-payment}. */
  public static String functionName(String stepName) {
    stateName(stepName);
    return FUNCTION_PREFIX + stepName;
  }

  public static String compensationFunctionName(String stepName) {
    return functionName(stepName) + "-compensate";
  }

  /**
   * The Retry of every Task, from the in-process policy: ASL counts retries after the first try
   * where {@link RetryPolicy} counts attempts, and waits whole seconds (at least one).
   */
  static ObjectNode retrier(RetryPolicy retry) {
    ObjectNode retrier = JsonNodeFactory.instance.objectNode();
    retrier.putArray("ErrorEquals").add(TRANSIENT_ERROR);
    retrier.put("IntervalSeconds", Math.max(1, ceilSeconds(retry.base())));
    retrier.put("BackoffRate", 2.0);
    retrier.put("MaxAttempts", retry.maxAttempts() - 1);
    retrier.put("MaxDelaySeconds", Math.max(1, ceilSeconds(retry.cap())));
    retrier.put("JitterStrategy", "FULL");
    return retrier;
  }

  private static ObjectNode task(
      ObjectNode states, String name, String resource, RetryPolicy retry) {
    ObjectNode task = states.putObject(name);
    task.put("Type", "Task");
    task.put("Resource", resource);
    task.putArray("Retry").add(retrier(retry)).add(lambdaServiceRetrier());
    return task;
  }

  /**
   * Errors of the Lambda service itself (throttling, a service fault), before any handler code ran:
   * retried a few times, as AWS advises, so that a throttled invocation is not caught and
   * compensated as if the step had failed.
   */
  static ObjectNode lambdaServiceRetrier() {
    ObjectNode retrier = JsonNodeFactory.instance.objectNode();
    ArrayNode errors = retrier.putArray("ErrorEquals");
    LAMBDA_SERVICE_ERRORS.forEach(errors::add);
    retrier.put("IntervalSeconds", 1);
    retrier.put("BackoffRate", 2.0);
    retrier.put("MaxAttempts", 3);
    retrier.put("MaxDelaySeconds", 10);
    retrier.put("JitterStrategy", "FULL");
    return retrier;
  }

  /** Whole seconds, rounded up; ASL takes integers. */
  private static int ceilSeconds(Duration duration) {
    long millis = duration.toMillis();
    return Math.toIntExact(millis / 1000 + (millis % 1000 == 0 ? 0 : 1));
  }
}
