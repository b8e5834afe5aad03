package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.securecart.app.AppSettings;
import com.securecart.app.Contexts;
import com.securecart.app.SettingsReader;
import com.securecart.catalog.ProductDetails;
import com.securecart.checkout.CheckoutCommand;
import com.securecart.inventory.StockLevel;
import com.securecart.lambda.asl.StateMachineDefinition;
import com.securecart.lambda.testing.Execution;
import com.securecart.lambda.testing.ExecutionEvent;
import com.securecart.lambda.testing.LocalStepFunctions;
import com.securecart.lambda.testing.RunOptions;
import com.securecart.orders.Address;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrderStatus;
import com.securecart.payments.SandboxPaymentProvider;
import com.securecart.server.SecureCart;
import com.securecart.server.config.AdmissionConfig;
import com.securecart.server.config.Config;
import com.securecart.server.config.DemoSettings;
import com.securecart.server.config.HttpSettings;
import com.securecart.server.config.PipelineSettings;
import com.securecart.server.config.RecommendationsSettings;
import com.securecart.server.config.TelemetrySettings;
import com.securecart.server.testing.LocalSqs;
import com.securecart.server.testing.TestDatabases;
import com.securecart.shared.CartId;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import com.securecart.shared.ProductId;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The order pipeline's scenarios, written once and run in both pipeline modes on PostgreSQL, with a
 * real SecureCart instance taking the orders.
 *
 * <ul>
 *   <li>{@code INPROCESS}: the instance's own outbox workers run the steps and send the e-mail.
 *   <li>{@code STEPFUNCTIONS}: the instance's outbox relay starts executions at {@link
 *       ScenarioStepFunctions}, which executes the definition the deployment uses ({@link
 *       StateMachineDefinition#of}) with aws-local-stepfunctions on Node 22, its Tasks answered by
 *       the real handlers under the official runtime client in their own JVMs; confirmed and failed
 *       orders go to SQS (ElasticMQ), drained as Lambda's event source mapping would into {@link
 *       NotificationHandler}, also under the runtime client in its own JVM.
 * </ul>
 *
 * In both modes mail goes over SMTPS (TLS from the first byte) to GreenMail, SES's SMTP side, so
 * "one e-mail" is counted the same way: messages received for the order's address.
 */
class PipelineScenariosIT {
  enum Mode {
    INPROCESS,
    STEPFUNCTIONS
  }

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final int STOCK = 10;
  private static final AtomicInteger SKUS = new AtomicInteger();

  private static String dbUrl;
  private static Contexts admin;
  private static GreenMail mail;
  private static LocalSqs elasticMq;
  private static URI sqsEndpoint;
  private static SqsClient sqs;
  private static String[] functionJvmOptions;
  private static ScenarioStepFunctions stepFunctions;
  private static String definition;

  private SecureCart app;
  private String queueUrl;

  @BeforeAll
  static void startInfrastructure() {
    dbUrl = TestDatabases.freshUrl(TestDatabases.Engine.POSTGRES);
    mail = TlsMailServer.start();
    Map<String, String> env = functionEnv();
    admin = LambdaWiring.wire(env);
    admin.database().migrate();
    // The definition `./securecart pipeline asl` prints: the wired pipeline, default ARN prefix.
    definition =
        StateMachineDefinition.json(
            StateMachineDefinition.of(admin.pipeline(), StateMachineDefinition.DEFAULT_ARN_PREFIX));
    functionJvmOptions = trustingTheMailServer();
    // The relay takes its credentials from the SDK's default chain; the stand-ins accept any.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    elasticMq = LocalSqs.start();
    sqsEndpoint = elasticMq.endpoint();
    sqs = elasticMq.client();
  }

  @AfterAll
  static void stopInfrastructure() {
    if (stepFunctions != null) {
      stepFunctions.close();
    }
    if (elasticMq != null) {
      elasticMq.close();
    }
    if (admin != null) {
      admin.close();
      admin.database().close();
    }
    if (mail != null) {
      mail.stop();
    }
    if (dbUrl != null) {
      TestDatabases.drop(dbUrl);
    }
  }

  @AfterEach
  void stopInstance() {
    if (app != null) {
      app.close();
    }
  }

  /** What a function (and the instance) is configured with: the database, SES's SMTP side. */
  private static Map<String, String> functionEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("SECURECART_DB_URL", dbUrl);
    env.put("SECURECART_DB_POOL_SIZE", "4");
    env.put("SECURECART_SMTP_HOST", "127.0.0.1");
    env.put("SECURECART_SMTP_PORT", String.valueOf(mail.getSmtps().getPort()));
    env.put("SECURECART_SMTP_TLS", "implicit");
    env.put("SECURECART_SMTP_FROM", "SecureCart <orders@securecart.test>");
    return env;
  }

  private void start(Mode mode) throws Exception {
    PipelineSettings pipeline = PipelineSettings.INPROCESS;
    if (mode == Mode.STEPFUNCTIONS) {
      if (stepFunctions == null) {
        stepFunctions =
            new ScenarioStepFunctions(
                definition, functionEnv(), LocalStepFunctions.require(), functionJvmOptions);
      }
      stepFunctions.options(RunOptions.defaults().withTimeout(WAIT));
      queueUrl = sqs.createQueue(q -> q.queueName("notifications-" + UUID.randomUUID())).queueUrl();
      pipeline =
          new PipelineSettings(
              PipelineSettings.Mode.STEPFUNCTIONS,
              "us-east-1",
              ScenarioStepFunctions.STATE_MACHINE_ARN,
              queueUrl,
              stepFunctions.endpoint(),
              sqsEndpoint);
    }
    Map<String, String> env = functionEnv();
    env.put("SECURECART_DB_POOL_SIZE", "8");
    env.put("SECURECART_WORKER_POLL_MS", "50");
    Path dir = Files.createTempDirectory("securecart-scenarios");
    AppSettings settings = SettingsReader.app(env, dir);
    Config config =
        new Config(
            Set.of(Config.Role.API, Config.Role.WORKERS),
            dir,
            settings,
            new HttpSettings(0, 1_048_576, 2_000, AdmissionConfig.forTests()),
            DemoSettings.generated(0),
            TelemetrySettings.DEFAULTS,
            pipeline,
            RecommendationsSettings.IN_PROCESS);
    app = new SecureCart(config).start();
  }

  // ---------------------------------------------------------------- the scenarios

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anApprovedCardConfirmsTheOrderAndSendsOneEmail(Mode mode) throws Exception {
    start(mode);
    Shopper shopper = new Shopper();
    OrderId order = shopper.order("tok_visa");

    awaitStatus(order, OrderStatus.CONFIRMED);
    if (mode == Mode.STEPFUNCTIONS) {
      Execution execution = stepFunctions.awaitExecution(executionName(order), WAIT);
      assertThat(execution.status()).as(describe(execution)).isEqualTo(Execution.Status.SUCCEEDED);
      assertThat(execution.statesEntered())
          .containsExactly("Route", "AuthorizePayment", "Route", "ConfirmOrder", "Route", "Done");
    }
    awaitOneEmail(mode, shopper.email, order);
    // A confirmed order's hold was captured, once.
    assertThat(authorizations(order)).containsExactly("CAPTURED");
    assertThat(shopper.stock().onHand()).isEqualTo(STOCK - 2);
    assertThat(shopper.stock().reserved()).isZero();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aDeclinedCardFailsTheOrderReturnsTheStockHoldsNothingAndMailsTheGuestNothing(Mode mode)
      throws Exception {
    start(mode);
    Shopper shopper = new Shopper();
    OrderId order = shopper.order("tok_chargeDeclined");
    assertThat(shopper.stock().reserved()).as("checkout reserved the stock").isEqualTo(2);

    awaitStatus(order, OrderStatus.PAYMENT_FAILED);
    if (mode == Mode.STEPFUNCTIONS) {
      Execution execution = stepFunctions.awaitExecution(executionName(order), WAIT);
      assertThat(execution.status()).as(describe(execution)).isEqualTo(Execution.Status.SUCCEEDED);
      assertThat(execution.statesEntered())
          .containsExactly("Route", "AuthorizePayment", "Route", "Done");
    }
    // A guest's address is unverified: the payment-failed notice is recorded as skipped, never
    // sent (issue 15 item 8); the checkout page shows the failure instead.
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              drain(mode);
              return "SKIPPED_UNVERIFIED_GUEST".equals(notificationOutcome(order));
            });
    awaitQuiet(mode);
    assertThat(TlsMailServer.countFor(mail, shopper.email))
        .as("e-mails for order %s", order)
        .isZero();
    assertThat(shopper.stock()).isEqualTo(new StockLevel(shopper.sku, STOCK, 0));
    // A declined card leaves no hold: no authorization, or only a voided one.
    assertThat(authorizations(order)).allMatch("VOIDED"::equals);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aProcessingErrorIsRetriedWithTheDefinitionsBackoffAndThenConfirms(Mode mode)
      throws Exception {
    start(mode);
    Shopper shopper = new Shopper();
    int approvedBefore = mode == Mode.INPROCESS ? sandbox().approvedCount() : 0;
    OrderId order = shopper.order("tok_processingError");

    awaitStatus(order, OrderStatus.CONFIRMED);
    if (mode == Mode.STEPFUNCTIONS) {
      Execution execution = stepFunctions.awaitExecution(executionName(order), WAIT);
      assertThat(execution.status()).as(describe(execution)).isEqualTo(Execution.Status.SUCCEEDED);
      // The sandbox fails twice, then approves: the state machine retried twice, no handler did.
      assertThat(execution.invocations("AuthorizePayment")).isEqualTo(3);
      assertThat(execution.failures("AuthorizePayment"))
          .containsExactly(
              StateMachineDefinition.TRANSIENT_ERROR, StateMachineDefinition.TRANSIENT_ERROR);
      List<ExecutionEvent.Retry> retries = execution.retries("AuthorizePayment");
      assertThat(retries).extracting(ExecutionEvent.Retry::attempt).containsExactly(1, 2);
      for (ExecutionEvent.Retry retry : retries) {
        // The retrier the definition gives, from RetryPolicy (8 attempts, 200 ms, cap 30 s).
        assertThat(retry.retrier().errorEquals())
            .containsExactly(StateMachineDefinition.TRANSIENT_ERROR);
        assertThat(retry.retrier().intervalSeconds()).isEqualTo(1.0);
        assertThat(retry.retrier().backoffRate()).isEqualTo(2.0);
        assertThat(retry.retrier().maxAttempts()).isEqualTo(7);
        assertThat(retry.retrier().maxDelaySeconds()).contains(30.0);
        assertThat(retry.retrier().jitterStrategy()).isEqualTo("FULL");
        // FULL jitter: a pause in [0, 1 s x 2^(attempt-1)], so 1 s, then 2 s at most.
        Duration nominal = retry.retrier().nominalPause(retry.attempt());
        assertThat(nominal).isEqualTo(Duration.ofSeconds(1L << (retry.attempt() - 1)));
        // The pause the interpreter drew (not a timing: the value it chose), within the bound.
        assertThat(retry.scheduledPause()).as("the runner observed the pause").isPresent();
        assertThat(retry.scheduledPause().get()).isBetween(Duration.ZERO, nominal);
      }
    } else {
      // The in-process runner retried the step: the event was attempted three times.
      assertThat(outboxAttempts(OrderEvents.PLACED, order)).isEqualTo(3);
      assertThat(sandbox().approvedCount()).isEqualTo(approvedBefore + 1);
    }
    awaitOneEmail(mode, shopper.email, order);
    // A confirmed order's hold was captured, once.
    assertThat(authorizations(order)).containsExactly("CAPTURED");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aKilledHandlerAndDuplicatedDeliveriesHaveNoSecondEffect(Mode mode) throws Exception {
    start(mode);
    Shopper shopper = new Shopper();
    OrderId order;
    if (mode == Mode.STEPFUNCTIONS) {
      order = killAuthorizePaymentMidStep(shopper);
    } else {
      order = killAWorkersStepMidTransaction(shopper);
    }
    awaitStatus(order, OrderStatus.CONFIRMED);
    awaitOneEmail(mode, shopper.email, order);
    int approvedBefore = mode == Mode.INPROCESS ? sandbox().approvedCount() : 0;
    int executionsBefore = mode == Mode.STEPFUNCTIONS ? stepFunctions.executionCount() : 0;
    int refusedBefore = mode == Mode.STEPFUNCTIONS ? stepFunctions.refusedStarts() : 0;

    // A redelivered order.placed (a relay or worker that died after acting, before marking it
    // done) and a notification delivered twice.
    redeliver(OrderEvents.PLACED, order);
    if (mode == Mode.STEPFUNCTIONS) {
      sqs.sendMessage(
          m ->
              m.queueUrl(queueUrl)
                  .messageBody(
                      "{\"orderId\":"
                          + order.value()
                          + ",\"event\":\""
                          + OrderEvents.CONFIRMED
                          + "\"}"));
    } else {
      redeliver(OrderEvents.CONFIRMED, order);
    }
    awaitOutboxDone(OrderEvents.PLACED, order);
    if (mode == Mode.INPROCESS) {
      awaitOutboxDone(OrderEvents.CONFIRMED, order);
    }
    awaitQuiet(mode);

    assertThat(TlsMailServer.countFor(mail, shopper.email)).isEqualTo(1);
    // A confirmed order's hold was captured, once.
    assertThat(authorizations(order)).containsExactly("CAPTURED");
    assertThat(status(order)).isEqualTo(OrderStatus.CONFIRMED);
    if (mode == Mode.STEPFUNCTIONS) {
      // The relay started it again; it was refused (ExecutionAlreadyExists): no second execution.
      assertThat(stepFunctions.refusedStarts()).isEqualTo(refusedBefore + 1);
      assertThat(stepFunctions.executionCount()).isEqualTo(executionsBefore);
    } else {
      assertThat(sandbox().approvedCount()).isEqualTo(approvedBefore);
    }
  }

  /**
   * Holds the order's row so that authorize-payment blocks inside its step (its process holds an
   * open transaction), kills that process, lets go; the state machine retries on a fresh process.
   */
  private OrderId killAuthorizePaymentMidStep(Shopper shopper) throws Exception {
    ScenarioStepFunctions.Function function =
        stepFunctions.function("securecart-authorize-payment");
    int startsBefore = function.starts.get();
    // Not about the backoff: retry at once.
    stepFunctions.options(
        RunOptions.defaults()
            .withTimeout(WAIT)
            .withRetryPause("AuthorizePayment", Duration.ofMillis(100)));
    stepFunctions.pause();
    OrderId order;
    try (Connection lock = DriverManager.getConnection(dbUrl)) {
      lock.setAutoCommit(false);
      try {
        order = shopper.order("tok_visa");
        try (PreparedStatement s =
            lock.prepareStatement("SELECT id FROM orders WHERE id = ? FOR UPDATE")) {
          s.setLong(1, order.value());
          s.executeQuery().close();
        }
      } finally {
        stepFunctions.resume();
      }
      Awaitility.await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> waitingOnALock() > 0);
      function.kill();
      Awaitility.await().atMost(WAIT).until(() -> !function.process.isAlive());
      lock.rollback();
    }
    Execution execution = stepFunctions.awaitExecution(executionName(order), WAIT);
    assertThat(execution.status()).as(describe(execution)).isEqualTo(Execution.Status.SUCCEEDED);
    assertThat(execution.failures("AuthorizePayment")).containsExactly("Lambda.Unknown");
    assertThat(execution.retries("AuthorizePayment")).hasSize(1);
    assertThat(execution.invocations("AuthorizePayment")).isEqualTo(2);
    assertThat(execution.statesEntered()).doesNotContain("AuthorizePaymentCompensate");
    assertThat(function.starts.get())
        .as("a fresh process took the retry")
        .isGreaterThan(startsBefore);
    stepFunctions.options(RunOptions.defaults().withTimeout(WAIT));
    return order;
  }

  /**
   * The in-process analogue of a killed handler (the worker runs in this JVM, so it cannot be
   * killed alone): authorize-payment blocks inside its step, after the sandbox approved, on a lock
   * this test holds; its database session is then terminated, so its transaction dies with it; the
   * runner's retry completes the step, and the sandbox's idempotency key answers it with the first
   * authorization.
   */
  private OrderId killAWorkersStepMidTransaction(Shopper shopper) throws Exception {
    int approvedBefore = sandbox().approvedCount();
    OrderId order;
    try (Connection lock = DriverManager.getConnection(dbUrl)) {
      lock.setAutoCommit(false);
      try (var s = lock.createStatement()) {
        // Blocks recording an authorization, nothing that checkout does.
        s.execute("LOCK TABLE payment_authorizations IN SHARE MODE");
      }
      order = shopper.order("tok_visa");
      Awaitility.await()
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> waitingOnALock() > 0);
      assertThat(terminateWaitingSessions()).isPositive();
      lock.rollback();
    }
    awaitStatus(order, OrderStatus.CONFIRMED);
    assertThat(outboxAttempts(OrderEvents.PLACED, order)).as("the step ran again").isEqualTo(2);
    assertThat(sandbox().approvedCount())
        .as("one authorization at the sandbox")
        .isEqualTo(approvedBefore + 1);
    return order;
  }

  private static long terminateWaitingSessions() {
    String name = dbUrl.substring(dbUrl.lastIndexOf('/') + 1, dbUrl.indexOf('?'));
    long[] count = new long[1];
    query(
        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            + " WHERE datname = ? AND wait_event_type = 'Lock'",
        rs -> count[0] = rs.getLong(1),
        name);
    return count[0];
  }

  // ---------------------------------------------------------------- helpers

  /** A guest with an address of their own (e-mails are counted per address) and a product. */
  private final class Shopper {
    final String email = "guest-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    final String sku = "SCEN-" + SKUS.incrementAndGet();
    final ProductId product;

    Shopper() {
      product =
          app.contexts()
              .catalog()
              .create(
                  new ProductDetails(
                      sku, "Lamp", "", "Acme", "Lighting", Money.of(2_000, "EUR"), Map.of(), null),
                  STOCK);
    }

    /** Two lamps paid with {@code token}, through the instance's checkout. */
    OrderId order(String token) {
      Contexts contexts = app.contexts();
      CartId cart = contexts.carts().open(Optional.empty());
      contexts.carts().setQuantity(cart, Optional.empty(), product, 2);
      Address address = new Address("Ada Lovelace", "12 Main St", null, "Berlin", "10115", "DE");
      return contexts
          .checkout()
          .checkout(new CheckoutCommand(cart, email, address, token), Optional.empty())
          .order()
          .id();
    }

    StockLevel stock() {
      return admin.inventory().level(sku);
    }
  }

  private SandboxPaymentProvider sandbox() {
    return (SandboxPaymentProvider) app.contexts().paymentProvider();
  }

  private static String executionName(OrderId order) {
    return "order-" + order.value() + "-order-placed";
  }

  private static OrderStatus status(OrderId order) {
    return admin.orders().status(order).orElseThrow();
  }

  private static void awaitStatus(OrderId order, OrderStatus expected) {
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(status(order)).isEqualTo(expected));
  }

  /** Waits for the order's e-mail, then for the pipeline to go quiet, and counts: exactly one. */
  private void awaitOneEmail(Mode mode, String email, OrderId order) {
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              drain(mode);
              return TlsMailServer.countFor(mail, email) >= 1;
            });
    awaitQuiet(mode);
    assertThat(TlsMailServer.countFor(mail, email)).as("e-mails for order %s", order).isEqualTo(1);
  }

  /** Nothing left to deliver: the queue is empty (stepfunctions) or the outbox is (inprocess). */
  private void awaitQuiet(Mode mode) {
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                mode == Mode.STEPFUNCTIONS
                    ? drain(mode) == 0 && queueDepth() == 0
                    : pendingOutbox() == 0);
  }

  /** One poll of the queue into the notification handler; how many messages it received. */
  private int drain(Mode mode) throws Exception {
    if (mode != Mode.STEPFUNCTIONS) {
      return 0;
    }
    ScenarioStepFunctions.Function function =
        stepFunctions.function(
            "securecart-notifications", NotificationHandler.class.getName() + "::handleRequest");
    return new ScenarioSqsEventSource(sqs, queueUrl, function).poll();
  }

  /**
   * The function JVMs' trust: the test SMTPS server's certificate alone (made for this run by
   * {@link TlsMailServer}), so that the notification function's TLS to SES's stand-in is verified.
   */
  private static String[] trustingTheMailServer() {
    try {
      Path keystore = Path.of(System.getProperty("greenmail.tls.keystore.file"));
      char[] password = System.getProperty("greenmail.tls.keystore.password").toCharArray();
      KeyStore server = KeyStore.getInstance("PKCS12");
      try (var in = Files.newInputStream(keystore)) {
        server.load(in, password);
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("greenmail", server.getCertificate("greenmail"));
      Path trustFile = keystore.resolveSibling("functions-trust.p12");
      try (var out = Files.newOutputStream(trustFile)) {
        trust.store(out, password);
      }
      return new String[] {
        "-Djavax.net.ssl.trustStore=" + trustFile,
        "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-Djavax.net.ssl.trustStorePassword=" + new String(password)
      };
    } catch (Exception e) {
      throw new IllegalStateException("could not make the functions' trust store", e);
    }
  }

  private int queueDepth() {
    Map<software.amazon.awssdk.services.sqs.model.QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                a ->
                    a.queueUrl(queueUrl)
                        .attributeNames(
                            software.amazon.awssdk.services.sqs.model.QueueAttributeName
                                .APPROXIMATE_NUMBER_OF_MESSAGES,
                            software.amazon.awssdk.services.sqs.model.QueueAttributeName
                                .APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return attributes.values().stream().mapToInt(Integer::parseInt).sum();
  }

  private static List<String> authorizations(OrderId order) {
    List<String> statuses = new ArrayList<>();
    query(
        "SELECT status FROM payment_authorizations WHERE order_id = ?",
        rs -> statuses.add(rs.getString(1)),
        order.value());
    return statuses;
  }

  private static String notificationOutcome(OrderId order) {
    String[] outcome = new String[1];
    query(
        "SELECT outcome FROM notifications_sent WHERE order_id = ? AND kind = 'PAYMENT_FAILED'",
        rs -> outcome[0] = rs.getString(1),
        order.value());
    return outcome[0];
  }

  private static long pendingOutbox() {
    long[] count = new long[1];
    query("SELECT count(*) FROM outbox WHERE status <> 'DONE'", rs -> count[0] = rs.getLong(1));
    return count[0];
  }

  private static int outboxAttempts(String type, OrderId order) {
    int[] attempts = new int[1];
    query(
        "SELECT attempts FROM outbox WHERE type = ? AND aggregate_id = ?",
        rs -> attempts[0] = rs.getInt(1),
        type,
        Long.toString(order.value()));
    return attempts[0];
  }

  private static void awaitOutboxDone(String type, OrderId order) {
    Awaitility.await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              String[] status = new String[1];
              query(
                  "SELECT status FROM outbox WHERE type = ? AND aggregate_id = ?",
                  rs -> status[0] = rs.getString(1),
                  type,
                  Long.toString(order.value()));
              return "DONE".equals(status[0]);
            });
  }

  /** Backends of this test's database waiting for a lock: a handler blocked inside its step. */
  private static long waitingOnALock() {
    String name = dbUrl.substring(dbUrl.lastIndexOf('/') + 1, dbUrl.indexOf('?'));
    long[] count = new long[1];
    query(
        "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'",
        rs -> count[0] = rs.getLong(1),
        name);
    return count[0];
  }

  /** Puts an event back in the outbox as due, as after a worker died before marking it done. */
  private static void redeliver(String type, OrderId order) {
    try (Connection c = DriverManager.getConnection(dbUrl);
        PreparedStatement s =
            c.prepareStatement(
                "UPDATE outbox SET status = 'PENDING', processed_at = NULL, available_at = ?"
                    + " WHERE type = ? AND aggregate_id = ?")) {
      s.setTimestamp(1, Timestamp.from(Instant.now().minusSeconds(1)));
      s.setString(2, type);
      s.setString(3, Long.toString(order.value()));
      assertThat(s.executeUpdate()).isEqualTo(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  private static void query(String sql, RowReader reader, Object... args) {
    try (Connection c = DriverManager.getConnection(dbUrl);
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(Execution execution) {
    return "execution "
        + execution.status()
        + " "
        + execution.error()
        + ": "
        + execution.cause()
        + "; states "
        + execution.statesEntered()
        + "; failures "
        + execution.events().stream()
            .filter(e -> e.error() != null)
            .map(e -> e.stateName() + "=" + e.error())
            .toList();
  }
}
