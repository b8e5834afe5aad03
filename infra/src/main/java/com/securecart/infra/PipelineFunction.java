package com.securecart.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * One SecureCart Lambda function as the pipeline deploys it: Java 25 on arm64 (Graviton), the
 * Lambda jar, X-Ray active, SnapStart on published versions, in the VPC's app subnets as a member
 * of the database's client group, its log group encrypted and kept a year, its concurrency reserved
 * (which is also its cap, protecting Aurora's connections), and the alias {@code live} on the
 * current version: SnapStart snapshots only published versions, so every caller (the state machine,
 * the queue's event source mapping) invokes the alias, never {@code $LATEST}.
 */
public final class PipelineFunction extends Construct {
  /** The alias every caller invokes. */
  public static final String ALIAS = "live";

  private final String functionName;
  private final Function function;
  private final Alias alias;

  public PipelineFunction(
      Construct scope,
      String id,
      String functionName,
      String handler,
      Map<String, String> environment,
      Key key,
      FoundationStack base,
      DataStack data,
      Settings settings) {
    super(scope, id);
    this.functionName = functionName;
    LogGroup logs = Logs.retained(this, "Logs", "/aws/lambda/" + functionName, base.key());
    Settings.Pipeline pipeline = settings.pipeline();
    function =
        Function.Builder.create(this, "Function")
            .functionName(functionName)
            .description("SecureCart " + functionName + " (" + handler + ")")
            .runtime(Runtime.JAVA_25)
            .architecture(Architecture.ARM_64)
            .code(Code.fromAsset(settings.artifacts().lambdaJar()))
            .handler(handler)
            .memorySize(pipeline.memoryMiB())
            .timeout(Duration.seconds(pipeline.timeoutSeconds()))
            .tracing(Tracing.ACTIVE)
            .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
            .reservedConcurrentExecutions(pipeline.reservedConcurrency())
            .vpc(base.vpc())
            .vpcSubnets(base.subnets(FoundationStack.APP))
            .securityGroups(List.of(data.clients()))
            .environment(environment)
            // The environment holds the database and SMTP passwords until LambdaWiring reads the
            // secrets itself: encrypted with SecureCart's key, not Lambda's default one.
            .environmentEncryption(key)
            .logGroup(logs)
            .build();
    alias =
        Alias.Builder.create(this, "Live")
            .aliasName(ALIAS)
            .version(function.getCurrentVersion())
            .build();
  }

  public String functionName() {
    return functionName;
  }

  public Function function() {
    return function;
  }

  public Alias alias() {
    return alias;
  }

  /**
   * Lets the function read a secret kept in another stack and encrypted with that stack's key. The
   * CDK's {@code grantRead} would add this role to the key's policy, a reference from the key's
   * stack back to this one (a cycle); this identity policy grants the same, the key use limited to
   * Secrets Manager calls.
   */
  void readSecret(ISecret secret, IKey secretKey) {
    function.addToRolePolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
            .resources(List.of(secret.getSecretArn()))
            .build());
    function.addToRolePolicy(DatabaseSecret.decryptViaSecretsManager(secretKey, Stack.of(this)));
  }

  /** Errors, throttles and p99 duration above 80% of the timeout, under {@code what}-... names. */
  void alarms(TierAlarms alarms, String what, Settings.Pipeline pipeline) {
    MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).build();
    alarms.atLeast(
        what + "-errors",
        function.metricErrors(fiveMinutes),
        1,
        1,
        functionName + " raised an error: see its log group and the X-Ray trace");
    alarms.atLeast(
        what + "-throttles",
        function.metricThrottles(fiveMinutes),
        1,
        1,
        functionName + " was throttled: its reserved concurrency is full");
    alarms.above(
        what + "-duration-p99",
        function.metricDuration(
            MetricOptions.builder().period(Duration.minutes(5)).statistic("p99").build()),
        pipeline.timeoutSeconds() * 1000 * 0.8,
        3,
        functionName + " p99 duration above 80% of its timeout for 15 minutes");
  }
}
