package com.securecart.server.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.app.Contexts;
import com.securecart.orders.OrderEvents;
import com.securecart.pipeline.Effect;
import com.securecart.pipeline.Step;
import com.securecart.server.config.PipelineSettings;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.LocalSqs;
import com.securecart.server.testing.StepFunctionsStandIn;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.shared.OrderId;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The stepfunctions pipeline mode end to end on the server side: the workers hand orders to Step
 * Functions and notifications to SQS instead of running the steps, and nothing is lost while an
 * endpoint is away. Step Functions is {@link StepFunctionsStandIn} (test code, StartExecution
 * only); SQS is ElasticMQ in-process. On H2 and on PostgreSQL.
 */
class OutboxRelayIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static StepFunctionsStandIn stepFunctions;
  private static LocalSqs elasticMq;
  private static URI sqsEndpoint;
  private static SqsClient sqs;
  private String queueUrl;

  @BeforeAll
  static void startStandIns() {
    // The relay takes its credentials from the SDK's default chain; the stand-ins accept any.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    stepFunctions = new StepFunctionsStandIn();
    elasticMq = LocalSqs.start();
    sqsEndpoint = elasticMq.endpoint();
    sqs = elasticMq.client();
  }

  @AfterAll
  static void stopStandIns() {
    elasticMq.close();
    stepFunctions.close();
  }

  @BeforeEach
  void freshQueueAndExecutions() {
    // Every test's database starts its order ids at 1: so do the stand-ins' records.
    stepFunctions.reset();
    queueUrl = sqs.createQueue(q -> q.queueName("notifications-" + UUID.randomUUID())).queueUrl();
  }

  private TestApp start(Engine engine) {
    return TestApp.start(
        engine,
        c ->
            c.withPipeline(
                new PipelineSettings(
                    PipelineSettings.Mode.STEPFUNCTIONS,
                    "us-east-1",
                    StepFunctionsStandIn.STATE_MACHINE_ARN,
                    queueUrl,
                    stepFunctions.endpoint(),
                    sqsEndpoint)));
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aCheckoutStartsOneExecutionNamedAfterTheOrderAndRunsNoStepHere(Engine engine) {
    try (TestApp app = start(engine)) {
      Api api = app.api();
      long product = api.createProduct(app.adminToken(), "RELAY-1", 1_500, 10);
      int approvedBefore = app.sandboxPayments().approvedCount();
      Api.Response placed = api.checkout(api.cartWith(product, 2), "tok_visa");
      assertThat(placed.status()).isEqualTo(201);
      long orderId = placed.json().get("orderId").asLong();

      awaitEvent(app, OrderEvents.PLACED, orderId, "DONE");
      assertThat(stepFunctions.executions()).containsOnlyKeys("order-" + orderId + "-order-placed");
      JsonNode input = stepFunctions.executions().get("order-" + orderId + "-order-placed").input();
      assertThat(input.get("orderId").asLong()).isEqualTo(orderId);
      assertThat(input.get("event").asText()).isEqualTo("order.placed");
      assertThat(input.size()).isEqualTo(2);
      // The steps run in Lambda: nothing authorized or moved the order here.
      assertThat(app.sandboxPayments().approvedCount()).isEqualTo(approvedBefore);
      assertThat(status(api, placed)).isEqualTo("PENDING_PAYMENT");
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aRedeliveredEventCountsAsHandedOverAndStartsNoSecondExecution(Engine engine) {
    try (TestApp app = start(engine)) {
      Api api = app.api();
      long product = api.createProduct(app.adminToken(), "RELAY-2", 1_500, 10);
      long orderId =
          api.checkout(api.cartWith(product, 1), "tok_visa").json().get("orderId").asLong();
      awaitEvent(app, OrderEvents.PLACED, orderId, "DONE");
      assertThat(stepFunctions.startCalls()).isEqualTo(1);

      // As after a worker died between the call and marking the event done: it is due again.
      redeliver(app, OrderEvents.PLACED, orderId);
      Awaitility.await().atMost(WAIT).until(() -> stepFunctions.startCalls() == 2);
      awaitEvent(app, OrderEvents.PLACED, orderId, "DONE");

      assertThat(stepFunctions.executions()).hasSize(1);
      assertThat(event(app, OrderEvents.PLACED, orderId).lastError()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void whileStepFunctionsIsUnreachableTheEventStaysInTheOutboxAndIsHandedOverOnceItIsBack(
      Engine engine) {
    try (TestApp app = start(engine)) {
      Api api = app.api();
      long product = api.createProduct(app.adminToken(), "RELAY-3", 1_500, 10);
      stepFunctions.stop();
      long orderId;
      try {
        Api.Response placed = api.checkout(api.cartWith(product, 1), "tok_visa");
        assertThat(placed.status()).isEqualTo(201);
        orderId = placed.json().get("orderId").asLong();

        Awaitility.await()
            .atMost(WAIT)
            .until(() -> event(app, OrderEvents.PLACED, orderId).attempts() >= 3);
        Row pending = event(app, OrderEvents.PLACED, orderId);
        assertThat(pending.status()).isEqualTo("PENDING");
        assertThat(pending.lastError()).isNotBlank();
        assertThat(status(api, placed)).isEqualTo("PENDING_PAYMENT");
      } finally {
        stepFunctions.start();
      }

      awaitEvent(app, OrderEvents.PLACED, orderId, "DONE");
      assertThat(stepFunctions.executions()).containsOnlyKeys("order-" + orderId + "-order-placed");
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aConfirmedOrdersEventLandsInTheNotificationQueue(Engine engine) {
    try (TestApp app = start(engine)) {
      Api api = app.api();
      long product = api.createProduct(app.adminToken(), "RELAY-4", 1_500, 10);
      Api.Response placed = api.checkout(api.cartWith(product, 1), "tok_visa");
      long orderId = placed.json().get("orderId").asLong();
      awaitEvent(app, OrderEvents.PLACED, orderId, "DONE");

      // What the state machine's Lambda functions do: authorize, then confirm, in this database.
      Contexts contexts = app.app().contexts();
      runAsLambda(contexts, OrderEvents.PLACED, orderId);
      runAsLambda(contexts, OrderEvents.PAYMENT_AUTHORIZED, orderId);
      assertThat(status(api, placed)).isEqualTo("CONFIRMED");

      List<Message> messages = awaitMessages(1);
      JsonNode body = JSON.readTree(messages.get(0).body());
      assertThat(body.get("orderId").asLong()).isEqualTo(orderId);
      assertThat(body.get("event").asText()).isEqualTo("order.confirmed");
      assertThat(body.size()).isEqualTo(2);
      // Authorized goes on inside the execution that authorized: no execution of its own.
      awaitEvent(app, OrderEvents.PAYMENT_AUTHORIZED, orderId, "DONE");
      awaitEvent(app, OrderEvents.CONFIRMED, orderId, "DONE");
      assertThat(stepFunctions.executions()).containsOnlyKeys("order-" + orderId + "-order-placed");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One step run once and its effect applied in one transaction, as a step handler does. */
  private static void runAsLambda(Contexts contexts, String event, long orderId) {
    Step step =
        contexts.pipeline().steps().stream()
            .filter(s -> s.trigger().equals(event))
            .findFirst()
            .orElseThrow();
    Effect effect = step.run(new OrderId(orderId));
    contexts.database().transactions().run(effect::apply);
  }

  private List<Message> awaitMessages(int count) {
    List<Message> received = new java.util.ArrayList<>();
    Awaitility.await()
        .atMost(WAIT)
        .until(
            () -> {
              received.addAll(
                  sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)).messages());
              return received.size() >= count;
            });
    assertThat(received).hasSize(count);
    return received;
  }

  private static String status(Api api, Api.Response placed) {
    return api.get(
            "/api/orders/" + placed.json().get("orderId").asLong(),
            "X-Order-Token",
            placed.json().get("accessToken").asText())
        .json()
        .get("status")
        .asText();
  }

  /** An outbox row as the relay left it. */
  private record Row(String status, int attempts, String lastError) {}

  private static void awaitEvent(TestApp app, String type, long orderId, String status) {
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(event(app, type, orderId).status()).isEqualTo(status));
  }

  private static Row event(TestApp app, String type, long orderId) {
    try (Connection c = app.app().contexts().database().dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT status, attempts, last_error FROM outbox WHERE type = ? AND aggregate_id = ?")) {
      s.setString(1, type);
      s.setString(2, Long.toString(orderId));
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).as("outbox event %s of order %d", type, orderId).isTrue();
        Row row = new Row(rs.getString(1), rs.getInt(2), rs.getString(3));
        assertThat(rs.next()).as("one %s event for order %d", type, orderId).isFalse();
        return row;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void redeliver(TestApp app, String type, long orderId) {
    try (Connection c = app.app().contexts().database().dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE outbox SET status = 'PENDING', processed_at = NULL, available_at = ?"
                    + " WHERE type = ? AND aggregate_id = ?")) {
      s.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
      s.setString(2, type);
      s.setString(3, Long.toString(orderId));
      assertThat(s.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
