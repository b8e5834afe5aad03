package com.securecart.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.amazon.awscdk.services.ses.EmailIdentity;
import software.amazon.awscdk.services.ses.Identity;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The order pipeline: one Lambda function per step and compensation (arm64, SnapStart on published
 * versions, X-Ray), the Standard state machine over their {@code live} aliases, and the
 * notification queue (with its dead-letter queue) consumed by the notification function that mails
 * through SES's SMTP interface.
 *
 * <p>The state machine's definition is the lambda module's, committed as {@code
 * pipeline/state-machine.asl.json} (a lambda test fails when it drifts): infra does not depend on
 * the lambda module. Each {@code ${FunctionArnPrefix}<function>} in it becomes that function's
 * alias ARN, so the state machine invokes SnapStart's published versions and is created after them.
 */
public final class PipelineStack extends SecureCartStack {
  static final String STATE_MACHINE = "securecart-order-pipeline";
  static final String DEFINITION = "/pipeline/state-machine.asl.json";
  static final String PLACEHOLDER = "${FunctionArnPrefix}";
  static final String HANDLERS = "com.securecart.lambda.";

  /** The pipeline's steps (lambda's handler STEP names) and their handler classes' prefixes. */
  static final Map<String, String> STEPS =
      new LinkedHashMap<>(
          Map.of(
              "authorize-payment", "AuthorizePayment",
              "confirm-order", "ConfirmOrder",
              "void-authorization", "VoidAuthorization"));

  static final String NOTIFICATION_FUNCTION = "securecart-notifications";

  /** Connections per execution environment: LambdaWiring's default, stated for the budget. */
  static final String POOL_SIZE = "2";

  private final List<PipelineFunction> stepFunctions;
  private final PipelineFunction notifications;
  private final StateMachine stateMachine;
  private final Queue queue;
  private final Queue deadLetters;
  private final Secret smtp;
  private final Key key;

  public PipelineStack(
      Construct scope, String id, FoundationStack base, DataStack data, Settings settings) {
    super(scope, id, "SecureCart pipeline: Lambda, Step Functions, SQS, SES");
    // The pipeline's own key for its queues, the functions' environment and the SMTP secret:
    // grants on Foundation's key to roles made here would put this stack's roles into that key's
    // policy, a reference from Foundation back to this stack (a cycle).
    key =
        Key.Builder.create(this, "Key")
            .alias("alias/securecart-pipeline")
            .description("SecureCart pipeline: queues, function environment, SMTP secret")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    Map<String, String> db = database(data);
    // Every function wires the whole app, the Stripe adapter with it (LambdaWiring).
    db.putAll(PaymentProvider.environment(settings.payments(), data));

    List<PipelineFunction> steps = new java.util.ArrayList<>();
    STEPS.forEach(
        (step, handler) -> {
          steps.add(
              new PipelineFunction(
                  this,
                  handler,
                  "securecart-" + step,
                  HANDLERS + handler + "Handler",
                  db,
                  key,
                  base,
                  data,
                  settings));
          steps.add(
              new PipelineFunction(
                  this,
                  handler + "Compensation",
                  "securecart-" + step + "-compensate",
                  HANDLERS + handler + "CompensationHandler",
                  db,
                  key,
                  base,
                  data,
                  settings));
        });
    stepFunctions = List.copyOf(steps);
    for (PipelineFunction step : stepFunctions) {
      step.readSecret(data.cluster().getSecret(), base.key());
      readPaymentKeys(step, settings, data);
    }

    stateMachine = stateMachine(base);
    // Exactly the aliases the definition names, nothing else (and not $LATEST or other versions).
    for (PipelineFunction step : stepFunctions) {
      step.alias().grantInvoke(stateMachine);
    }

    // SES: the domain's identity (DKIM records to publish in the domain's DNS, see the outputs of
    // the EmailIdentity) and the SMTP credentials, derived from an IAM key by the operator.
    EmailIdentity.Builder.create(this, "Domain")
        .identity(Identity.domain(settings.edge().domainName()))
        .build();
    smtp =
        Secret.Builder.create(this, "SesSmtp")
            .secretName("securecart/ses-smtp")
            .description(
                "SES SMTP credentials {username, password} for the notification function: set by"
                    + " the operator from an IAM user's SMTP password, then redeploy")
            .encryptionKey(key)
            .generateSecretString(
                SecretStringGenerator.builder()
                    .secretStringTemplate("{\"username\":\"set-by-operator\"}")
                    .generateStringKey("password")
                    .excludePunctuation(true)
                    .build())
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    for (String pack : List.of("AwsSolutions::AwsSolutions-SMG4")) {
      Nag.ack(
          smtp,
          pack,
          "SES SMTP passwords are derived from an IAM access key by the operator; they are"
              + " rotated by issuing a new key, not by a rotation Lambda.");
    }

    int visibility = settings.pipeline().timeoutSeconds() * 6;
    deadLetters =
        Queue.Builder.create(this, "NotificationsDlq")
            .queueName("securecart-notifications-dlq")
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    queue =
        Queue.Builder.create(this, "Notifications")
            .queueName("securecart-notifications")
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(key)
            .enforceSsl(true)
            // AWS's guidance for Lambda consumers: at least six times the function's timeout.
            .visibilityTimeout(Duration.seconds(visibility))
            .deadLetterQueue(
                DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(5).build())
            .build();

    Map<String, String> mail = new HashMap<>(db);
    mail.putAll(smtp(settings));
    notifications =
        new PipelineFunction(
            this,
            "Notification",
            NOTIFICATION_FUNCTION,
            HANDLERS + "NotificationHandler",
            mail,
            key,
            base,
            data,
            settings);
    notifications.readSecret(data.cluster().getSecret(), base.key());
    readPaymentKeys(notifications, settings, data);
    // The function reads its SMTP login from the secret at cold start.
    smtp.grantRead(notifications.function());
    notifications
        .alias()
        .addEventSource(
            SqsEventSource.Builder.create(queue)
                .batchSize(settings.pipeline().notificationBatch())
                .reportBatchItemFailures(true)
                .build());

    PipelineNag.functions(stepFunctions, notifications, stateMachine, deadLetters);
    PipelineAlarms.add(this, base, settings);
  }

  /**
   * The database settings of LambdaWiring: the login comes from the secret at connect time (the
   * JDBC wrapper's Secrets Manager plugin), so a rotated password needs no redeploy.
   */
  private static Map<String, String> database(DataStack data) {
    var secret = data.cluster().getSecret();
    Map<String, String> env = new HashMap<>();
    env.put("SECURECART_DB_URL", data.writerUrl());
    env.putAll(DataStack.tlsSettings());
    env.put("SECURECART_DB_SECRET_ARN", secret.getSecretArn());
    env.put("SECURECART_DB_POOL_SIZE", POOL_SIZE);
    return env;
  }

  /**
   * The Stripe keys' secret, read once per cold start (SettingsReader); encrypted with Foundation's
   * key, whose Secrets Manager decrypt {@link PipelineFunction#readSecret} already granted.
   */
  private static void readPaymentKeys(
      PipelineFunction function, Settings settings, DataStack data) {
    if (settings.payments().stripe()) {
      function.function().addToRolePolicy(PaymentProvider.read(data));
    }
  }

  /** SES's SMTP interface through the VPC endpoint: STARTTLS required on 587 (ADR 0017). */
  private Map<String, String> smtp(Settings settings) {
    Map<String, String> env = new HashMap<>();
    env.put(
        "SECURECART_SMTP_HOST",
        "email-smtp." + Stack.of(this).getRegion() + "." + Stack.of(this).getUrlSuffix());
    env.put("SECURECART_SMTP_PORT", "587");
    env.put("SECURECART_SMTP_TLS", "starttls-required");
    env.put("SECURECART_SMTP_FROM", "orders@" + settings.edge().domainName());
    // The login is read from the secret at cold start (LambdaWiring), not resolved into the
    // function's configuration, where lambda:GetFunctionConfiguration would show it.
    env.put("SECURECART_SMTP_SECRET_ARN", smtp.getSecretArn());
    return env;
  }

  private StateMachine stateMachine(FoundationStack base) {
    String definition = definition();
    Map<String, String> substitutions = new HashMap<>();
    for (PipelineFunction step : stepFunctions) {
      String key = "Fn" + step.getNode().getId();
      String reference = PLACEHOLDER + step.functionName() + "\"";
      if (!definition.contains(reference)) {
        throw new IllegalStateException(DEFINITION + " names no " + step.functionName());
      }
      definition = definition.replace(reference, "${" + key + "}\"");
      substitutions.put(key, step.alias().getFunctionArn());
    }
    if (definition.contains(PLACEHOLDER)) {
      throw new IllegalStateException(DEFINITION + " names a function this stack does not make");
    }
    LogGroup logs =
        // Under /aws/vendedlogs/ so that log delivery's resource policy stays small.
        Logs.retained(
            this, "StateMachineLogs", "/aws/vendedlogs/states/" + STATE_MACHINE, base.key());
    return StateMachine.Builder.create(this, "OrderPipeline")
        .stateMachineName(STATE_MACHINE)
        .stateMachineType(StateMachineType.STANDARD)
        .definitionBody(DefinitionBody.fromString(definition))
        .definitionSubstitutions(substitutions)
        .tracingEnabled(true)
        .logs(
            LogOptions.builder()
                .destination(logs)
                .level(LogLevel.ALL)
                // Every transition is logged; the payloads (order ids, provider references) stay
                // in the execution history rather than in a second place.
                .includeExecutionData(false)
                .build())
        .build();
  }

  static String definition() {
    try (InputStream in = PipelineStack.class.getResourceAsStream(DEFINITION)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + DEFINITION);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The web tier's outbox relay: starts executions and sends notifications. */
  /**
   * What the outbox relay needs to hand work over: start executions of the state machine, send to
   * the notification queue, and use this stack's key for the queue. Identity statements only: the
   * CDK's grants would also write the grantee into this stack's key policy, and this stack cannot
   * reference the web tier's roles (the web tier references it); the key policy lets the account's
   * IAM policies grant its use.
   */
  public List<PolicyStatement> startStatements() {
    return List.of(
        PolicyStatement.Builder.create()
            .actions(List.of("states:StartExecution"))
            .resources(List.of(stateMachine.getStateMachineArn()))
            .build(),
        PolicyStatement.Builder.create()
            .actions(List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"))
            .resources(List.of(queue.getQueueArn()))
            .build(),
        PolicyStatement.Builder.create()
            .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
            .resources(List.of(key.getKeyArn()))
            .conditions(NightlySchedule.viaSqs(this))
            .build());
  }

  /** Where the outbox relay hands work over, as its environment names it. */
  public Map<String, String> relayEnvironment() {
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("SECURECART_STATE_MACHINE_ARN", stateMachine.getStateMachineArn());
    environment.put("SECURECART_NOTIFICATION_QUEUE_URL", queue.getQueueUrl());
    return environment;
  }

  public StateMachine stateMachine() {
    return stateMachine;
  }

  public Queue notificationQueue() {
    return queue;
  }

  public Queue deadLetterQueue() {
    return deadLetters;
  }

  /** The step and compensation functions, in definition order. */
  public List<PipelineFunction> stepFunctions() {
    return stepFunctions;
  }

  public PipelineFunction notifications() {
    return notifications;
  }

  public Secret smtpSecret() {
    return smtp;
  }
}
