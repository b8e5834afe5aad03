package com.securecart.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.logs.ILogGroup;
import software.constructs.Construct;

/**
 * The AWS Distro for OpenTelemetry collector as a sidecar of a Fargate task: it receives the
 * server's spans over OTLP on localhost (awsvpc: the task's containers share one network namespace)
 * and sends them to X-Ray with the task role, which this construct allows the X-Ray write actions
 * through a managed policy of its own.
 */
public final class TraceCollector extends Construct {
  /**
   * The collector's image, pinned. v0.48.0 is a tag of aws-observability/aws-otel-collector whose
   * image runs as a non-root user and ships /etc/ecs/ecs-xray.yaml and /healthcheck; that it is on
   * public ECR for arm64 is unverified here.
   */
  public static final String IMAGE = "public.ecr.aws/aws-observability/aws-otel-collector:v0.48.0";

  /**
   * The configuration bundled in the image that receives OTLP (gRPC 4317, HTTP 4318) and exports
   * traces to X-Ray, and nothing else. (ecs-default-config.yaml would also open StatsD and X-Ray
   * UDP receivers and a metrics pipeline to CloudWatch Logs; the server's metrics are Prometheus.)
   */
  public static final String CONFIG = "--config=/etc/ecs/ecs-xray.yaml";

  /** SECURECART_OTLP_ENDPOINT for a container beside the collector (OTLP/HTTP traces). */
  public static final String ENDPOINT = "http://127.0.0.1:4318/v1/traces";

  /** The container's name in the task definition. */
  public static final String NAME = "aws-otel-collector";

  private final ContainerDefinition container;

  public TraceCollector(
      Construct scope, String id, FargateTaskDefinition task, ILogGroup logs, String role) {
    super(scope, id);
    container =
        task.addContainer(
            "Collector",
            ContainerDefinitionOptions.builder()
                .containerName(NAME)
                .image(ContainerImage.fromRegistry(IMAGE))
                .command(List.of(CONFIG))
                .environment(Map.of("AWS_REGION", Stack.of(this).getRegion()))
                // Its own stream beside the server's: <role>/aws-otel-collector/<task id>.
                // Not essential: a crashed collector costs this task its traces, not its
                // requests; ECS leaves the server running (and the service serving) without it.
                .essential(false)
                // A small share of the task's size; the server takes the rest. The hard limit keeps
                // a collector that leaks or backs up (X-Ray throttling) from starving the server.
                .cpu(64)
                .memoryReservationMiB(64)
                .memoryLimitMiB(256)
                // The collector writes nothing to disk for this pipeline (unverified here; if it
                // does, give it a scratch volume as the server has for /tmp).
                .readonlyRootFilesystem(true)
                // For visibility only: a non-essential container's health does not decide the
                // task's.
                .healthCheck(
                    HealthCheck.builder()
                        .command(List.of("CMD", "/healthcheck"))
                        .interval(Duration.seconds(30))
                        .timeout(Duration.seconds(5))
                        .retries(3)
                        .startPeriod(Duration.seconds(15))
                        .build())
                .logging(
                    LogDriver.awsLogs(
                        AwsLogDriverProps.builder().logGroup(logs).streamPrefix(role).build()))
                .build());
    // A managed policy rather than the task role's inline default policy (PCI DSS
    // IAMNoInlinePolicy); the task role needs nothing else.
    ManagedPolicy policy =
        ManagedPolicy.Builder.create(this, "Policy")
            .description("SecureCart " + role + " tasks: the collector sends traces to X-Ray")
            .roles(List.of(task.getTaskRole()))
            .statements(List.of(NodeRole.xrayWrite()))
            .build();
    Nag.ack(
        policy,
        "AwsSolutions::AwsSolutions-IAM5[Resource::*]",
        "The collector's X-Ray actions (put segments and telemetry, read sampling rules) are on *:"
            + " X-Ray has no resource-level permissions. The policy grants nothing else.");
  }

  public ContainerDefinition container() {
    return container;
  }
}
