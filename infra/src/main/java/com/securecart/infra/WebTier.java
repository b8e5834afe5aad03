package com.securecart.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthCheckType;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthChecksOptions;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.BasicLifecycleHookProps;
import software.amazon.awscdk.services.autoscaling.DefaultResult;
import software.amazon.awscdk.services.autoscaling.HealthChecks;
import software.amazon.awscdk.services.autoscaling.InstanceRefreshOptions;
import software.amazon.awscdk.services.autoscaling.InstanceRefreshStrategy;
import software.amazon.awscdk.services.autoscaling.InstancesDistribution;
import software.amazon.awscdk.services.autoscaling.LaunchTemplateOverrides;
import software.amazon.awscdk.services.autoscaling.LifecycleTransition;
import software.amazon.awscdk.services.autoscaling.MixedInstancesPolicy;
import software.amazon.awscdk.services.autoscaling.SpotAllocationStrategy;
import software.amazon.awscdk.services.autoscaling.UpdatePolicy;
import software.amazon.awscdk.services.ec2.AmazonLinux2023ImageSsmParameterProps;
import software.amazon.awscdk.services.ec2.AmazonLinuxCpuType;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.UserData;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetGroupLoadBalancingAlgorithmType;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.iam.IRole;
import software.constructs.Construct;

/**
 * One EC2 tier behind the ALB: a launch template (Amazon Linux 2023 arm64 from its public SSM
 * parameter, IMDSv2 only, an encrypted gp3 root volume, detailed monitoring), an Auto Scaling group
 * in the given subnets with ELB health checks and a rolling instance refresh that keeps 90% of the
 * group healthy, and its ALB target group checking {@code /health/ready} on 8080.
 */
public final class WebTier extends Construct {
  /** The launch hook's name, which the node script's readiness unit completes. */
  static final String LAUNCH_HOOK = "securecart-launch";

  static final int PORT = 8080;
  static final String HEALTH = "/health/ready";

  private final AutoScalingGroup group;
  private final ApplicationTargetGroup targets;

  /**
   * What differs between tiers.
   *
   * @param spot null: On-Demand only; else a mixed instances policy with that On-Demand base and
   *     Spot share
   */
  public record Spec(
      String instanceType,
      Plan.Spot spot,
      int min,
      int max,
      IVpc vpc,
      SubnetSelection subnets,
      List<ISecurityGroup> securityGroups,
      IRole role,
      UserData userData) {}

  public WebTier(Construct scope, String id, Spec spec) {
    super(scope, id);
    LaunchTemplate template =
        LaunchTemplate.Builder.create(this, "Template")
            .machineImage(arm64Linux())
            .instanceType(new InstanceType(spec.instanceType()))
            .role(spec.role())
            .securityGroup(spec.securityGroups().getFirst())
            .userData(spec.userData())
            .requireImdsv2(true)
            .httpPutResponseHopLimit(1)
            .detailedMonitoring(true)
            .blockDevices(List.of(encryptedRoot(16)))
            .build();
    // The other groups (the database's clients) go on the L1 only: added through the L2 they
    // would join the load balancers' connection wiring, and a rule in the data stack naming this
    // stack's load balancer groups would make the two stacks depend on each other.
    ((software.amazon.awscdk.services.ec2.CfnLaunchTemplate) template.getNode().getDefaultChild())
        .addPropertyOverride(
            "LaunchTemplateData.SecurityGroupIds",
            spec.securityGroups().stream().map(ISecurityGroup::getSecurityGroupId).toList());
    AutoScalingGroup.Builder builder =
        AutoScalingGroup.Builder.create(this, "Group").vpc(spec.vpc()).vpcSubnets(spec.subnets());
    if (spec.spot() == null) {
      builder.launchTemplate(template);
    } else {
      // Replaces a Spot instance on its rebalance recommendation, before the 2-minute notice.
      builder
          .mixedInstancesPolicy(spot(template, spec.spot(), spec.instanceType()))
          .capacityRebalance(true);
    }
    group =
        builder
            .minCapacity(spec.min())
            .maxCapacity(spec.max())
            .cooldown(Duration.minutes(5))
            .defaultInstanceWarmup(Duration.minutes(3))
            .healthChecks(
                HealthChecks.withAdditionalChecks(
                    AdditionalHealthChecksOptions.builder()
                        .additionalTypes(List.of(AdditionalHealthCheckType.ELB))
                        .gracePeriod(Duration.minutes(5))
                        .build()))
            .updatePolicy(
                UpdatePolicy.instanceRefresh(
                    InstanceRefreshOptions.builder()
                        .strategy(InstanceRefreshStrategy.ROLLING)
                        .minHealthyPercentage(90)
                        .instanceWarmup(Duration.minutes(3))
                        .skipMatching(true)
                        .build()))
            .build();
    // cfn-lint 1.51's schema predates the AutoScalingInstanceRefresh update policy (CloudFormation
    // took it in 2026): ignore that one check on this resource only.
    ((software.amazon.awscdk.CfnResource) group.getNode().getDefaultChild())
        .addMetadata(
            "cfn-lint",
            java.util.Map.of("config", java.util.Map.of("ignore_checks", List.of("E3016"))));
    // The node script completes this hook once the server answers /health/ready (at every boot,
    // warm pool included): no instance takes traffic, or waits in the pool, half bootstrapped.
    group.addLifecycleHook(
        "Launch",
        BasicLifecycleHookProps.builder()
            .lifecycleHookName(LAUNCH_HOOK)
            .lifecycleTransition(LifecycleTransition.INSTANCE_LAUNCHING)
            .heartbeatTimeout(Duration.minutes(15))
            .defaultResult(DefaultResult.ABANDON)
            .build());
    targets =
        ApplicationTargetGroup.Builder.create(this, "Targets")
            .vpc(spec.vpc())
            .port(PORT)
            .protocol(ApplicationProtocol.HTTP)
            .targetType(TargetType.INSTANCE)
            .deregistrationDelay(Duration.seconds(30))
            .healthCheck(readiness())
            // The one passive watch of live traffic an ALB has: a target whose 5xx and connection
            // errors stand out gets less traffic before its health checks take it out
            // (docs/operations.md, Failover).
            .loadBalancingAlgorithmType(TargetGroupLoadBalancingAlgorithmType.WEIGHTED_RANDOM)
            .enableAnomalyMitigation(true)
            .build();
    group.attachToApplicationTargetGroup(targets);
  }

  /**
   * On-Demand for the base, then {@code spotWeight} Spot instances to each On-Demand one: the
   * On-Demand percentage above the base is 100 / (1 + spotWeight), rounded. Spot from the pools
   * least likely to be interrupted at the lowest price (price-capacity-optimized), over the same
   * size in the Graviton generations the tiers allow (7 and 8): one instance type is one pool per
   * zone, and AWS's Spot guidance is to be flexible across several.
   */
  static MixedInstancesPolicy spot(LaunchTemplate template, Plan.Spot spot, String instanceType) {
    return MixedInstancesPolicy.builder()
        .launchTemplate(template)
        .launchTemplateOverrides(
            generations(instanceType).stream()
                .map(
                    t ->
                        LaunchTemplateOverrides.builder().instanceType(new InstanceType(t)).build())
                .toList())
        .instancesDistribution(
            InstancesDistribution.builder()
                .onDemandBaseCapacity(spot.onDemandBase())
                .onDemandPercentageAboveBaseCapacity(onDemandPercent(spot))
                .spotAllocationStrategy(SpotAllocationStrategy.PRICE_CAPACITY_OPTIMIZED)
                .build())
        .build();
  }

  /** m7g.large: m7g.large, m8g.large (the configured type first). */
  static List<String> generations(String instanceType) {
    var matcher =
        java.util.regex.Pattern.compile("([a-z]+)([678])(g[a-z]*)\\.(.+)").matcher(instanceType);
    if (!matcher.matches()) {
      return List.of(instanceType);
    }
    var types = new java.util.ArrayList<String>(List.of(instanceType));
    for (String generation : List.of("8", "7")) {
      String type = matcher.group(1) + generation + matcher.group(3) + "." + matcher.group(4);
      if (!types.contains(type)) {
        types.add(type);
      }
    }
    return types;
  }

  static int onDemandPercent(Plan.Spot spot) {
    return (int) Math.round(100.0 / (1 + spot.spotWeight()));
  }

  /**
   * The load balancer's check of a SecureCart server, for every target group of one (instances,
   * tasks, pods): {@link #HEALTH} every 5 s with a 2 s timeout, in service after 2 answers, out
   * after 2 failures, the minimums ALB allows: a dead target is out 5 to 10 s after it dies
   * (docs/operations.md, Failover), where 15 s and 3 took 30 to 45 s.
   */
  static HealthCheck readiness() {
    return HealthCheck.builder()
        .path(HEALTH)
        .healthyHttpCodes("200")
        .interval(Duration.seconds(5))
        .timeout(Duration.seconds(2))
        .healthyThresholdCount(2)
        .unhealthyThresholdCount(2)
        .build();
  }

  /**
   * Amazon Linux 2023 for Graviton from the public SSM parameter: resolved at deploy, no lookup.
   */
  static software.amazon.awscdk.services.ec2.IMachineImage arm64Linux() {
    return MachineImage.latestAmazonLinux2023(
        AmazonLinux2023ImageSsmParameterProps.builder().cpuType(AmazonLinuxCpuType.ARM_64).build());
  }

  static BlockDevice encryptedRoot(int gib) {
    return BlockDevice.builder()
        .deviceName("/dev/xvda")
        .volume(
            BlockDeviceVolume.ebs(
                gib,
                EbsDeviceOptions.builder()
                    .encrypted(true)
                    .volumeType(EbsDeviceVolumeType.GP3)
                    .deleteOnTermination(true)
                    .build()))
        .build();
  }

  public AutoScalingGroup group() {
    return group;
  }

  public ApplicationTargetGroup targets() {
    return targets;
  }
}
