package com.securecart.infra;

import java.time.Instant;
import java.util.List;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.services.autoscaling.CfnScalingPolicy;
import software.amazon.awscdk.services.autoscaling.CfnScalingPolicy.PredictiveScalingConfigurationProperty;
import software.amazon.awscdk.services.autoscaling.CfnScalingPolicy.PredictiveScalingMetricSpecificationProperty;
import software.amazon.awscdk.services.autoscaling.CfnScalingPolicy.PredictiveScalingPredefinedMetricPairProperty;
import software.amazon.awscdk.services.autoscaling.CfnScheduledAction;
import software.amazon.awscdk.services.autoscaling.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.autoscaling.PoolState;
import software.amazon.awscdk.services.autoscaling.WarmPoolOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;

/**
 * The scaling of the EC2 tiers. Without a plan, the web group tracks requests per instance and CPU,
 * and predictive scaling launches ahead of the daily and weekly pattern it forecasts from the ALB's
 * request count (no CDK L2 exists for it: a raw policy); the checkout group tracks requests per
 * instance, is raised ahead of each announced sale by one-time scheduled actions, and keeps a warm
 * pool of stopped instances so that a scale-out skips the boot and the bundle download. With a
 * plan, each group gets the policies, warm pool and scheduled actions the plan gives it.
 */
public final class ScalingPolicies {
  /** How far predictive scaling may lift the maximum, in percent, when its forecast exceeds it. */
  static final int MAX_CAPACITY_BUFFER = 10;

  private ScalingPolicies() {}

  /**
   * Target tracking on requests, and where {@code scaling} says so on CPU, predictive scaling, a
   * warm pool and one-time scheduled actions (see {@link Scaling} for where each comes from).
   */
  static void ec2(
      WebTier tier, ApplicationLoadBalancer alb, int requestsPerTarget, Scaling scaling) {
    requests(tier, alb, requestsPerTarget);
    if (scaling.cpuTargetPercent() != null) {
      tier.group()
          .scaleOnCpuUtilization(
              "Cpu",
              CpuUtilizationScalingProps.builder()
                  .targetUtilizationPercent(scaling.cpuTargetPercent())
                  .build());
    }
    if (scaling.predictiveBufferSeconds() != null) {
      predictive(tier, alb, requestsPerTarget, scaling.predictiveBufferSeconds());
    }
    for (Scaling.Scheduled s : scaling.schedule()) {
      scheduled(tier, s.id(), s.at(), s.min(), s.desired());
    }
    // Stopped, pre-initialised instances: On-Demand only, since AWS allows no warm pool on a group
    // with Spot or a mixed instances policy; checkout is the tier that must not lose capacity.
    if (scaling.warmPoolMin() != null) {
      tier.group()
          .addWarmPool(
              WarmPoolOptions.builder()
                  .minSize(scaling.warmPoolMin())
                  .poolState(PoolState.STOPPED)
                  .reuseOnScaleIn(true)
                  .build());
    }
  }

  private static void predictive(
      WebTier tier, ApplicationLoadBalancer alb, int requestsPerTarget, int bufferSeconds) {
    CfnScalingPolicy.Builder.create(tier, "Predictive")
        .autoScalingGroupName(tier.group().getAutoScalingGroupName())
        .policyType("PredictiveScaling")
        .predictiveScalingConfiguration(
            PredictiveScalingConfigurationProperty.builder()
                .mode("ForecastAndScale")
                .schedulingBufferTime(bufferSeconds)
                .maxCapacityBreachBehavior("IncreaseMaxCapacity")
                .maxCapacityBuffer(MAX_CAPACITY_BUFFER)
                .metricSpecifications(
                    List.of(
                        PredictiveScalingMetricSpecificationProperty.builder()
                            .targetValue(requestsPerTarget)
                            .predefinedMetricPairSpecification(
                                PredictiveScalingPredefinedMetricPairProperty.builder()
                                    .predefinedMetricType("ALBRequestCount")
                                    .resourceLabel(resourceLabel(tier, alb))
                                    .build())
                            .build()))
                .build())
        .build();
  }

  /**
   * Target tracking on ALBRequestCountPerTarget, written as the L1: the L2's scaleOnRequestCount
   * refuses a group in two target groups, and the web group is also behind the NLB.
   */
  private static void requests(WebTier tier, ApplicationLoadBalancer alb, int perTarget) {
    CfnScalingPolicy.Builder.create(tier, "Requests")
        .autoScalingGroupName(tier.group().getAutoScalingGroupName())
        .policyType("TargetTrackingScaling")
        .targetTrackingConfiguration(
            CfnScalingPolicy.TargetTrackingConfigurationProperty.builder()
                .targetValue(perTarget)
                .predefinedMetricSpecification(
                    CfnScalingPolicy.PredefinedMetricSpecificationProperty.builder()
                        .predefinedMetricType("ALBRequestCountPerTarget")
                        .resourceLabel(resourceLabel(tier, alb))
                        .build())
                .build())
        .build();
  }

  /** app/<alb name>/<id>/targetgroup/<name>/<id>: which requests a policy counts. */
  private static String resourceLabel(WebTier tier, ApplicationLoadBalancer alb) {
    return Fn.join(
        "/", List.of(alb.getLoadBalancerFullName(), tier.targets().getTargetGroupFullName()));
  }

  /**
   * @param desired null: leave the desired capacity to the scaling policies
   */
  private static void scheduled(WebTier tier, String id, Instant at, int min, Integer desired) {
    CfnScheduledAction.Builder.create(tier, id)
        .autoScalingGroupName(tier.group().getAutoScalingGroupName())
        .startTime(at.toString())
        .minSize(min)
        .desiredCapacity(desired)
        .build();
  }
}
