package com.securecart.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Size;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.batch.Action;
import software.amazon.awscdk.services.batch.AllocationStrategy;
import software.amazon.awscdk.services.batch.CustomReason;
import software.amazon.awscdk.services.batch.EcsEc2ContainerDefinition;
import software.amazon.awscdk.services.batch.EcsJobDefinition;
import software.amazon.awscdk.services.batch.EcsMachineImage;
import software.amazon.awscdk.services.batch.EcsMachineImageType;
import software.amazon.awscdk.services.batch.JobQueue;
import software.amazon.awscdk.services.batch.ManagedEc2EcsComputeEnvironment;
import software.amazon.awscdk.services.batch.OrderedComputeEnvironment;
import software.amazon.awscdk.services.batch.Reason;
import software.amazon.awscdk.services.batch.RetryStrategy;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * The nightly analytics on AWS Batch: a managed Spot compute environment on Graviton, a job queue,
 * the job definition running {@code securecart batch nightly} from the container image (its vCPU
 * and memory the vertical scaling knob), started by EventBridge Scheduler.
 */
public final class AnalyticsStack extends SecureCartStack {
  /** Graviton families the compute environment may launch; Batch picks sizes within them. */
  static final List<InstanceClass> FAMILIES =
      List.of(InstanceClass.M7G, InstanceClass.R7G, InstanceClass.C7G);

  /** Batch's status reason when EC2 takes a Spot instance back ("Host EC2 (instance i-…)…"). */
  static final String SPOT_RECLAIM = "Host EC2*";

  private final JobQueue queue;
  private final EcsJobDefinition job;

  public AnalyticsStack(
      Construct scope, String id, FoundationStack base, DataStack data, Settings settings) {
    super(scope, id, "SecureCart analytics: AWS Batch on Spot, EventBridge Scheduler");
    Settings.Batch batch = settings.batch();
    // Spot: the nightly run is not customer-facing, and a reclaimed attempt is simply retried.
    ManagedEc2EcsComputeEnvironment compute =
        ManagedEc2EcsComputeEnvironment.Builder.create(this, "Compute")
            .computeEnvironmentName("securecart-analytics")
            .vpc(base.vpc())
            .vpcSubnets(base.subnets(FoundationStack.APP))
            .securityGroups(List.of(data.clients()))
            .spot(true)
            .allocationStrategy(AllocationStrategy.SPOT_PRICE_CAPACITY_OPTIMIZED)
            .instanceClasses(FAMILIES)
            .useOptimalInstanceClasses(false)
            .images(
                List.of(
                    EcsMachineImage.builder().imageType(EcsMachineImageType.ECS_AL2023).build()))
            .minvCpus(0)
            .maxvCpus(batch.maxvCpus())
            .replaceComputeEnvironment(false)
            .build();
    Nag.ack(
        compute,
        "AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            + "AmazonEC2ContainerServiceforEC2Role]",
        "The Batch container instances' role uses AmazonEC2ContainerServiceforEC2Role, the managed"
            + " policy ECS documents for container instances joining a cluster.");
    queue =
        JobQueue.Builder.create(this, "Queue")
            .jobQueueName("securecart-analytics")
            .priority(1)
            .computeEnvironments(
                List.of(
                    OrderedComputeEnvironment.builder()
                        .computeEnvironment(compute)
                        .order(1)
                        .build()))
            .build();
    job = jobDefinition(base, data, settings);
    NightlySchedule schedule = new NightlySchedule(this, "Nightly", base, queue, job, batch);
    alarms(base, schedule);
  }

  private EcsJobDefinition jobDefinition(FoundationStack base, DataStack data, Settings settings) {
    Settings.Batch batch = settings.batch();
    LogGroup logs = Logs.retained(this, "Logs", "/securecart/batch/nightly", base.key());
    Role execution =
        Role.Builder.create(this, "ExecutionRole")
            .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
            .description("Batch nightly: pull the image, write logs")
            .build();
    Role jobRole =
        Role.Builder.create(this, "JobRole")
            .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
            .description("Batch nightly: read the database login when connecting")
            .build();
    DatabaseSecret.readPolicy(this, jobRole, base, data);
    Map<String, String> environment = new LinkedHashMap<>();
    // The writer for the run's own bookkeeping; every analytic query goes to a reader.
    environment.put("SECURECART_DB_URL", data.writerUrl());
    environment.put("SECURECART_BATCH_READ_DB_URL", data.readerUrl());
    environment.putAll(DataStack.tlsSettings());
    environment.put("SECURECART_AWS_REGION", Stack.of(this).getRegion());
    environment.put("SECURECART_DB_SECRET_ARN", data.cluster().getSecret().getSecretArn());
    // No SECURECART_OTLP_ENDPOINT and no collector beside the job: the nightly run has its own job
    // log (/securecart/batch/nightly) and the failed-jobs alarm, and this one-container job has
    // nowhere local to send spans. Without the endpoint the server still makes trace ids for its
    // log lines and exports nothing (ADR 10).
    // The image's entrypoint starts the server's Main (ADR 18); the job passes only the arguments.
    EcsEc2ContainerDefinition container =
        EcsEc2ContainerDefinition.Builder.create(this, "Container")
            .image(ContainerImage.fromEcrRepository(base.images(), settings.artifacts().imageTag()))
            .command(List.of("batch", "nightly"))
            .cpu(batch.vcpus())
            .memory(Size.mebibytes(batch.memoryMiB()))
            .environment(environment)
            .executionRole(execution)
            .jobRole(jobRole)
            .user(FargateTier.USER)
            .logging(
                LogDriver.awsLogs(
                    AwsLogDriverProps.builder().logGroup(logs).streamPrefix("nightly").build()))
            .build();
    EcsJobDefinition definition =
        EcsJobDefinition.Builder.create(this, "Job")
            .jobDefinitionName("securecart-nightly")
            .container(container)
            .retryAttempts(batch.attempts())
            .retryStrategies(
                List.of(
                    // A Spot reclaim is not the job's fault: run it again on other capacity.
                    RetryStrategy.of(
                        Action.RETRY,
                        Reason.custom(CustomReason.builder().onStatusReason(SPOT_RECLAIM).build())),
                    // Anything else (a bug, bad data) fails at once rather than repeating.
                    RetryStrategy.of(
                        Action.EXIT, Reason.custom(CustomReason.builder().onReason("*").build()))))
            .timeout(Duration.minutes(batch.timeoutMinutes()))
            .propagateTags(true)
            .build();
    Nag.ack(
        execution,
        "AwsSolutions::AwsSolutions-IAM5[Resource::*]",
        "ecr:GetAuthorizationToken has no resource-level permissions; every other action of the"
            + " execution role names the repository, the log group, the secret or the key.");
    Nag.ack(
        execution,
        "PCI.DSS.321::PCI.DSS.321-IAMNoInlinePolicy",
        "The execution role's policy is generated by the CDK for this one job definition and"
            + " scoped to its image, logs and secret; a managed policy would add nothing.");
    return definition;
  }

  private void alarms(FoundationStack base, NightlySchedule schedule) {
    TierAlarms alarms = new TierAlarms(this, "analytics", base.alarms());
    // A job is FAILED only once its attempts are spent (or it exited on a non-Spot reason).
    Rule failed =
        Rule.Builder.create(this, "JobFailed")
            .description("SecureCart nightly analytics: a job failed for good")
            .eventPattern(
                EventPattern.builder()
                    .source(List.of("aws.batch"))
                    .detailType(List.of("Batch Job State Change"))
                    .detail(
                        Map.of(
                            "status",
                            List.of("FAILED"),
                            "jobQueue",
                            List.of(queue.getJobQueueArn())))
                    .build())
            .build();
    Nag.ack(
        failed,
        "Serverless::Serverless-EventBusDLQ",
        "The rule has no targets to fail: it exists to be counted (TriggeredRules), which the"
            + " failed-jobs alarm watches.");
    alarms.atLeast(
        "failed-jobs",
        Metric.Builder.create()
            .namespace("AWS/Events")
            .metricName("TriggeredRules")
            .dimensionsMap(Map.of("RuleName", failed.getRuleName()))
            .statistic("Sum")
            .period(Duration.minutes(5))
            .build(),
        1,
        1,
        "The nightly analytics job failed after its retries: see /securecart/batch/nightly");
    alarms.atLeast(
        "scheduler-target-errors",
        Metric.Builder.create()
            .namespace("AWS/Scheduler")
            .metricName("TargetErrorCount")
            .dimensionsMap(Map.of("ScheduleGroup", schedule.groupName()))
            .statistic("Sum")
            .period(Duration.minutes(5))
            .build(),
        1,
        1,
        "EventBridge Scheduler could not submit the nightly analytics job");
    alarms.atLeast(
        "dead-letters",
        schedule
            .deadLetters()
            .metricApproximateNumberOfMessagesVisible(
                software.amazon.awscdk.services.cloudwatch.MetricOptions.builder()
                    .period(Duration.minutes(5))
                    .statistic("Maximum")
                    .build()),
        1,
        1,
        "A nightly submission gave up after its retries and is in the scheduler's dead-letter"
            + " queue");
  }

  public JobQueue queue() {
    return queue;
  }

  public EcsJobDefinition job() {
    return job;
  }
}
