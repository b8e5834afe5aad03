package com.securecart.server.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.orders.OrderEvents;
import com.securecart.pipeline.Effect;
import com.securecart.pipeline.RetryPolicy;
import com.securecart.pipeline.Step;
import com.securecart.server.config.PipelineSettings;
import com.securecart.shared.OrderId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * Hands pipeline events over to AWS instead of running the steps here. Each hand-over is a {@link
 * Step} (its run makes the call and writes nothing), so the outbox runner that runs the real steps
 * runs these the same way: an event is claimed under a lease, marked done in the same transaction
 * as nothing else, and only after the call returned; a call that failed or timed out leaves the
 * event pending with its attempts counted, to be tried again under {@link #RETRY}.
 *
 * <p>A repeated call is harmless on both sides: an execution is named after the order and the event
 * ({@link #executionName}), so a second start of the same one is refused with {@code
 * ExecutionAlreadyExists}, which counts as done; a duplicated queue message is absorbed by the
 * notification handler, which sends at most one e-mail per order and kind.
 */
public final class OutboxRelay implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(OutboxRelay.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Hand-overs retry until AWS takes them: an order must not fail because Step Functions or SQS was
   * unreachable for a while, and a hand-over has nothing to compensate. The backoff grows to one
   * attempt a minute per event; a growing outbox backlog (the {@code outbox} metrics) is what tells
   * an operator that a hand-over keeps failing.
   */
  public static final RetryPolicy RETRY =
      new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(200), Duration.ofMinutes(1));

  /**
   * Shorter than the workers' 30 s claim lease, so that one hanging call does not outlast its
   * claim. (A batch's calls share the lease, so a second worker may still claim an event of a batch
   * stuck behind several hanging calls; the hand-over is idempotent, so that costs a repeated call,
   * not a second execution.)
   */
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);

  /**
   * Events an orchestrated step answers with: the state machine routes them on inside the execution
   * that produced them (its {@code Route} choice), so no execution starts for them here.
   * Authorizing a payment is the one step whose outcome triggers another orchestrated step.
   */
  static final Set<String> CONTINUED_IN_EXECUTION = Set.of(OrderEvents.PAYMENT_AUTHORIZED);

  /** Where a pipeline event is handed over. */
  public enum Destination {
    /** {@code StartExecution} on the order pipeline's state machine. */
    STATE_MACHINE,
    /** {@code SendMessage} to the queue the notification handler reads. */
    NOTIFICATION_QUEUE
  }

  private final SdkHttpClient http;
  private final SfnClient sfn;
  private final SqsClient sqs;
  private final String stateMachineArn;
  private final String queueUrl;

  private OutboxRelay(
      SdkHttpClient http, SfnClient sfn, SqsClient sqs, String stateMachineArn, String queueUrl) {
    this.http = http;
    this.sfn = sfn;
    this.sqs = sqs;
    this.stateMachineArn = stateMachineArn;
    this.queueUrl = queueUrl;
  }

  /**
   * Clients for the state machine and the queue of {@code settings} (stepfunctions mode). Nothing
   * is called yet: an endpoint that is down at start-up only delays the first hand-over.
   */
  public static OutboxRelay connect(PipelineSettings settings, AwsCredentialsProvider credentials) {
    if (!settings.stepFunctions()) {
      throw new IllegalArgumentException("the outbox relay runs in stepfunctions mode only");
    }
    SdkHttpClient http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(CONNECT_TIMEOUT)
            .socketTimeout(CALL_TIMEOUT)
            .build();
    // The outbox's RetryPolicy owns retries of a hand-over (ADR 14): the SDK makes one attempt.
    ClientOverrideConfiguration once =
        ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(CALL_TIMEOUT)
            .apiCallAttemptTimeout(CALL_TIMEOUT)
            .build();
    Region region = Region.of(settings.region());
    SfnClientBuilder sfn =
        SfnClient.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(credentials)
            .overrideConfiguration(once);
    if (settings.sfnEndpoint() != null) {
      sfn.endpointOverride(settings.sfnEndpoint());
    }
    SqsClientBuilder sqs =
        SqsClient.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(credentials)
            .overrideConfiguration(once);
    if (settings.sqsEndpoint() != null) {
      sqs.endpointOverride(settings.sqsEndpoint());
    }
    return new OutboxRelay(
        http,
        sfn.build(),
        sqs.build(),
        settings.stateMachineArn(),
        settings.notificationQueueUrl());
  }

  /**
   * Where each pipeline event goes, derived from the steps the pipeline is wired with: the trigger
   * of a step that notifies goes to the queue, the trigger of any other step starts an execution,
   * save the events an execution carries on itself ({@link #CONTINUED_IN_EXECUTION}). Any event not
   * listed here is done at once, nothing sent.
   */
  public static Map<String, Destination> destinations(List<Step> steps) {
    Map<String, Destination> destinations = new LinkedHashMap<>();
    for (Step step : steps) {
      if (step.notifies()) {
        destinations.put(step.trigger(), Destination.NOTIFICATION_QUEUE);
      } else if (!CONTINUED_IN_EXECUTION.contains(step.trigger())) {
        destinations.put(step.trigger(), Destination.STATE_MACHINE);
      }
    }
    return destinations;
  }

  /** The hand-over steps for a pipeline wired with {@code steps}, one per event handed over. */
  public List<Step> steps(List<Step> steps) {
    List<Step> handOvers = new ArrayList<>();
    destinations(steps)
        .forEach(
            (event, destination) ->
                handOvers.add(
                    switch (destination) {
                      case STATE_MACHINE ->
                          new HandOver(
                              "relay-start-execution",
                              event,
                              false,
                              "StartExecution",
                              "SECURECART_STATE_MACHINE_ARN",
                              this::startExecution);
                      case NOTIFICATION_QUEUE ->
                          new HandOver(
                              "relay-send-message",
                              event,
                              true,
                              "SendMessage",
                              "SECURECART_NOTIFICATION_QUEUE_URL",
                              this::sendMessage);
                    }));
    return handOvers;
  }

  /**
   * {@code order-<orderId>-<event>}, every character outside {@code [A-Za-z0-9_-]} replaced by
   * {@code -}: unique per order and event, so that a repeated start is refused.
   */
  public static String executionName(long orderId, String event) {
    return "order-" + orderId + "-" + event.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  /**
   * {@code {"orderId": <long>, "event": "<type>"}}: the execution input and the queue message body.
   */
  public static String payload(long orderId, String event) {
    return JSON.createObjectNode().put("orderId", orderId).put("event", event).toString();
  }

  @Override
  public void close() {
    sfn.close();
    sqs.close();
    http.close();
  }

  /** An AWS refusal other than throttling: a setting to fix, retried until it is fixed. */
  private static void warnIfRefused(RuntimeException e, String what, String setting) {
    if (e instanceof AwsServiceException refused
        && refused.statusCode() >= 400
        && refused.statusCode() < 500
        && !refused.isThrottlingException()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "{0} refused ({1}); the event stays in the outbox and is tried again: check {2}",
          what,
          refused.awsErrorDetails() == null
              ? refused.statusCode()
              : refused.awsErrorDetails().errorCode(),
          setting);
    }
  }

  /** Nothing to undo for a hand-over; reached only if a step gives up, which these never do. */
  private static Effect gaveUp(String step, OrderId order, String error) {
    LOG.log(
        System.Logger.Level.ERROR,
        "hand-over {0} for order {1} given up, the event is parked dead in the outbox: {2}",
        step,
        order,
        error);
    return Effect.NONE;
  }

  /** {@code StartExecution} for the order's event; a repeated start counts as done. */
  private void startExecution(OrderId order, String event) {
    try {
      sfn.startExecution(
          start ->
              start
                  .stateMachineArn(stateMachineArn)
                  .name(executionName(order.value(), event))
                  .input(payload(order.value(), event)));
    } catch (ExecutionAlreadyExistsException e) {
      // Started before: a redelivered event, or a call that timed out after AWS took it.
    }
  }

  private void sendMessage(OrderId order, String event) {
    sqs.sendMessage(send -> send.queueUrl(queueUrl).messageBody(payload(order.value(), event)));
  }

  /**
   * One hand-over: an event passed to AWS by one call, with nothing else written. The outbox runner
   * retries it ({@link #RETRY}) until the call succeeds.
   */
  private static final class HandOver implements Step {
    private final String name;
    private final String event;
    private final boolean notifies;
    private final String operation;
    private final String setting;
    private final BiConsumer<OrderId, String> call;

    HandOver(
        String name,
        String event,
        boolean notifies,
        String operation,
        String setting,
        BiConsumer<OrderId, String> call) {
      this.name = name;
      this.event = event;
      this.notifies = notifies;
      this.operation = operation;
      this.setting = setting;
      this.call = call;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String trigger() {
      return event;
    }

    @Override
    public boolean notifies() {
      return notifies;
    }

    @Override
    public Effect run(OrderId order) {
      try {
        call.accept(order, event);
      } catch (RuntimeException e) {
        warnIfRefused(e, operation, setting);
        throw e;
      }
      return Effect.NONE;
    }

    @Override
    public Effect compensate(OrderId order, String error) {
      return gaveUp(name, order, error);
    }
  }
}
