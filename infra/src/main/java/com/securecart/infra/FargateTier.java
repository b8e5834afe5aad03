package com.securecart.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalingSchedule;
import software.amazon.awscdk.services.applicationautoscaling.Schedule;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.CapacityProviderStrategy;
import software.amazon.awscdk.services.ecs.CfnService;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.MountPoint;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Volume;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.logs.LogGroup;
import software.constructs.Construct;

/**
 * One SecureCart role as a Fargate service on ARM64 behind the public ALB: its task definition
 * (read-only root filesystem, non-root user, writable ephemeral /data and /tmp), the service
 * (circuit breaker with rollback, On-Demand base plus optional Fargate Spot), its target group and
 * path rule on the HTTPS listener, service auto scaling on requests and CPU (and a plan's scheduled
 * actions), its alarms, and an OpenTelemetry collector beside the server that sends its traces to
 * X-Ray ({@link TraceCollector}).
 */
public final class FargateTier extends Construct {
  /** The port the server listens on (SECURECART_PORT). */
  static final int PORT = 8080;

  /**
   * The user the container runs as: the image's own (Jib's container.user), which the chroot run of
   * the image (ContainerImageIT) uses too. /data is world-writable in the image, because Fargate's
   * task-local mounts keep the image directory's ownership.
   */
  static final String USER = "1000:1000";

  /** What the stack gives each tier. */
  public record Wiring(
      FoundationStack base,
      DataStack data,
      Cluster cluster,
      ApplicationListener listener,
      ISecurityGroup albGroup,
      Map<String, String> sharedEnvironment,
      Settings settings) {}

  private final FargateService service;
  private final ApplicationTargetGroup targetGroup;
  private final ScalableTaskCount scaling;

  /**
   * @param role the server role (SECURECART_ROLES) and the tier's name
   * @param priority the listener rule's priority (100..199)
   * @param paths the path patterns routed to this tier (at most five per rule)
   */
  public FargateTier(
      Construct scope,
      String id,
      String role,
      Settings.Service size,
      int priority,
      List<String> paths,
      Wiring wiring) {
    super(scope, id);
    LogGroup logs = Logs.retained(this, "Logs", "/securecart/ecs/" + role, wiring.base().key());
    FargateTaskDefinition task =
        FargateTaskDefinition.Builder.create(this, "Task")
            .family("securecart-" + role)
            .cpu(size.cpu())
            .memoryLimitMiB(size.memoryMiB())
            .runtimePlatform(
                RuntimePlatform.builder()
                    .cpuArchitecture(CpuArchitecture.ARM64)
                    .operatingSystemFamily(OperatingSystemFamily.LINUX)
                    .build())
            // Task-local ephemeral storage: the Lucene index and the data dir are rebuilt from the
            // database at start, so nothing here needs to outlive the task.
            .volumes(
                List.of(
                    Volume.builder().name("data").build(), Volume.builder().name("tmp").build()))
            .build();
    // The server reads its database login from the secret when it connects (rotation-safe).
    DatabaseSecret.readPolicy(this, task.getTaskRole(), wiring.base(), wiring.data());
    Map<String, String> environment = environment(wiring.sharedEnvironment(), wiring.data());
    environment.put("SECURECART_ROLES", role);
    var container =
        task.addContainer(
            "Server",
            ContainerDefinitionOptions.builder()
                .containerName("securecart")
                .image(
                    ContainerImage.fromEcrRepository(
                        wiring.base().images(), wiring.settings().artifacts().imageTag()))
                .environment(environment)
                .portMappings(
                    List.of(PortMapping.builder().containerPort(PORT).name("http").build()))
                .readonlyRootFilesystem(true)
                .user(USER)
                .essential(true)
                .stopTimeout(Duration.seconds(30))
                .logging(
                    LogDriver.awsLogs(
                        AwsLogDriverProps.builder().logGroup(logs).streamPrefix(role).build()))
                // No container health check: the image has no curl or wget, and a JVM for each
                // probe would cost a core; the ALB's target group checks /health/ready instead,
                // and ECS replaces tasks that fail it.
                .build());
    // No dependency of the server on the collector: spans made before it listens are dropped,
    // which is better than a task that cannot start while the collector's image cannot be pulled.
    new TraceCollector(this, "Traces", task, logs, role);
    Nag.ack(
        task,
        "AwsSolutions::AwsSolutions-ECS2",
        "The environment holds only non-secret settings (role, port, data dir, database URL,"
            + " region, proxy ranges, the local trace endpoint); the database credentials come from"
            + " Secrets Manager.");
    Nag.ack(
        task.obtainExecutionRole(),
        "AwsSolutions::AwsSolutions-IAM5[Resource::*]",
        "ecr:GetAuthorizationToken has no resource-level permissions; every other action of the"
            + " execution role names the repository, the log group, the secret or the key.");
    Nag.ack(
        task.obtainExecutionRole(),
        "PCI.DSS.321::PCI.DSS.321-IAMNoInlinePolicy",
        "The execution role's policy is generated by the CDK for this one task definition and"
            + " scoped to its image, logs and secret; a managed policy would add nothing.");
    container.addMountPoints(
        MountPoint.builder().sourceVolume("data").containerPath("/data").readOnly(false).build(),
        MountPoint.builder().sourceVolume("tmp").containerPath("/tmp").readOnly(false).build());

    SecurityGroup own =
        SecurityGroup.Builder.create(this, "Group")
            .vpc(wiring.base().vpc())
            .description("SecureCart " + role + " tasks: port 8080 from the ALB only")
            .allowAllOutbound(false)
            .build();
    // Ingress on this group and, where the ALB's group limits its outbound, the matching egress.
    own.getConnections().allowFrom(wiring.albGroup(), Port.tcp(PORT), "the ALB to " + role);

    List<CapacityProviderStrategy> strategy = new ArrayList<>();
    strategy.add(
        CapacityProviderStrategy.builder()
            .capacityProvider("FARGATE")
            .base(size.onDemandBase())
            .weight(1)
            .build());
    // A weight of 0 means no Spot at all (the cart: carts are on the checkout path, and a Spot
    // interruption's two-minute notice would drop in-flight cart writes during a flash sale).
    if (size.spotWeight() > 0) {
      strategy.add(
          CapacityProviderStrategy.builder()
              .capacityProvider("FARGATE_SPOT")
              .weight(size.spotWeight())
              .build());
    }
    service =
        FargateService.Builder.create(this, "Service")
            .serviceName("securecart-" + role)
            .cluster(wiring.cluster())
            .taskDefinition(task)
            .vpcSubnets(wiring.base().subnets(FoundationStack.APP))
            .assignPublicIp(false)
            .securityGroups(List.of(wiring.data().clients(), own))
            .capacityProviderStrategies(strategy)
            .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
            .enableExecuteCommand(false)
            .minHealthyPercent(100)
            .maxHealthyPercent(200)
            .healthCheckGracePeriod(Duration.seconds(120))
            // No desiredCount: auto scaling owns it; a fixed count would reset it on every deploy.
            .build();

    targetGroup = ipTargets(this, "Targets", wiring.base().vpc());
    ApplicationListenerRule rule =
        ApplicationListenerRule.Builder.create(this, "Rule")
            .listener(wiring.listener())
            .priority(priority)
            .conditions(List.of(ListenerCondition.pathPatterns(paths)))
            .action(ListenerAction.forward(List.of(targetGroup)))
            .build();
    // The service joins the target group through CloudFormation directly, not through
    // targetGroup.addTarget(service): that would open 8080 from the ALB on every group of the
    // service, the database clients' group in the data stack included (and make the data stack
    // depend on the web stack). Only this tier's own group admits the ALB.
    CfnService cfnService = (CfnService) service.getNode().getDefaultChild();
    cfnService.setLoadBalancers(
        List.of(
            CfnService.LoadBalancerProperty.builder()
                .containerName("securecart")
                .containerPort(PORT)
                .targetGroupArn(targetGroup.getTargetGroupArn())
                .build()));
    // ECS refuses a target group that no load balancer forwards to yet.
    service.getNode().addDependency(rule);

    scaling =
        service.autoScaleTaskCount(
            EnableScalingProps.builder().minCapacity(size.min()).maxCapacity(size.max()).build());
    scaling.scaleOnRequestCount(
        "Requests",
        RequestCountScalingProps.builder()
            .requestsPerTarget(size.requestsPerTarget())
            .targetGroup(targetGroup)
            .build());
    scaling.scaleOnCpuUtilization(
        "Cpu",
        CpuUtilizationScalingProps.builder()
            .targetUtilizationPercent(size.cpuTargetPercent())
            .build());
    // A plan's actions for this tier, one set per sale: Application Auto Scaling schedules a
    // minimum (no desired count), which the service's task count then follows.
    for (Scaling.Scheduled s : Scaling.service(wiring.settings(), role, Scaling.synthTime(this))) {
      scaling.scaleOnSchedule(
          s.id(),
          ScalingSchedule.builder().schedule(Schedule.at(s.at())).minCapacity(s.min()).build());
    }
    alarms(role, size, wiring);
  }

  /**
   * A target group of server containers by IP (tasks, pods) on {@link #PORT}, in service once
   * /health/ready answers, deregistered after 30 s.
   */
  static ApplicationTargetGroup ipTargets(Construct scope, String id, IVpc vpc) {
    return ApplicationTargetGroup.Builder.create(scope, id)
        .vpc(vpc)
        .targetType(TargetType.IP)
        .port(PORT)
        .protocol(ApplicationProtocol.HTTP)
        .deregistrationDelay(Duration.seconds(30))
        .healthCheck(WebTier.readiness())
        .build();
  }

  /**
   * A container role's environment but its SECURECART_ROLES: the shared settings, the port, the
   * scratch directory, the trace endpoint and the database secret. The EKS stack's ConfigMap takes
   * its values from here too.
   */
  static Map<String, String> environment(Map<String, String> shared, DataStack data) {
    Map<String, String> environment = new java.util.LinkedHashMap<>(shared);
    environment.put("SECURECART_PORT", Integer.toString(PORT));
    environment.put("SECURECART_DATA_DIR", "/data");
    environment.put("SECURECART_OTLP_ENDPOINT", TraceCollector.ENDPOINT);
    environment.put("SECURECART_DB_SECRET_ARN", data.cluster().getSecret().getSecretArn());
    return environment;
  }

  private void alarms(String role, Settings.Service size, Wiring wiring) {
    TierAlarms alarms = new TierAlarms(this, role, wiring.base().alarms());
    MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).build();
    alarms.above(
        "cpu",
        service.metricCpuUtilization(fiveMinutes),
        85,
        3,
        "The " + role + " tasks' CPU above 85% for 15 minutes: scaling is at its max or too slow");
    alarms.above(
        "memory",
        service.metricMemoryUtilization(fiveMinutes),
        85,
        3,
        "The " + role + " tasks' memory above 85% for 15 minutes: raise memoryMiB");
    Metric running =
        Metric.Builder.create()
            .namespace("ECS/ContainerInsights")
            .metricName("RunningTaskCount")
            .dimensionsMap(
                Map.of(
                    "ClusterName",
                    wiring.cluster().getClusterName(),
                    "ServiceName",
                    service.getServiceName()))
            .statistic("Minimum")
            .period(Duration.minutes(1))
            .build();
    alarms.above(
        "tasks-below-min",
        MathExpression.Builder.create()
            .expression(size.min() + " - running")
            .usingMetrics(Map.of("running", running))
            .label("tasks missing below the minimum")
            .period(Duration.minutes(1))
            .build(),
        0,
        5,
        "Fewer " + role + " tasks running than the minimum of " + size.min() + " for 5 minutes");
    alarms.atLeast(
        "target-5xx",
        targetGroup
            .getMetrics()
            .httpCodeTarget(
                HttpCodeTarget.TARGET_5XX_COUNT,
                MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build()),
        10,
        2,
        "The " + role + " tasks answered 5xx at least 10 times in each of two 5-minute periods");
    // The SLOs of docs/operations.md: search has its own p99, the other routes share one.
    int p99Ms =
        role.equals("search")
            ? wiring.settings().alarms().searchP99Ms()
            : wiring.settings().alarms().routeP99Ms();
    alarms.above(
        "p99",
        targetGroup
            .getMetrics()
            .targetResponseTime(
                MetricOptions.builder().period(Duration.minutes(5)).statistic("p99").build()),
        p99Ms / 1000.0,
        3,
        "The " + role + " tasks' p99 response time above " + p99Ms + " ms for 15 minutes");
  }

  public FargateService service() {
    return service;
  }

  public ApplicationTargetGroup targetGroup() {
    return targetGroup;
  }

  public ScalableTaskCount scaling() {
    return scaling;
  }
}
