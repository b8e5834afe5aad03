package com.securecart.infra;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
 * The scaling of the EC2 tiers. The web group tracks requests per instance and CPU, and predictive
 * scaling launches ahead of the daily and weekly pattern it forecasts from the ALB's request count
 * (no CDK L2 exists for it: a raw policy). The checkout group tracks requests per instance, is
 * raised ahead of each announced sale by one-time scheduled actions, and keeps a warm pool of
 * stopped instances so that a scale-out skips the boot and the bundle download.
 */
public final class ScalingPolicies {
  /** How far predictive scaling may lift the maximum, in percent, when its forecast exceeds it. */
  static final int MAX_CAPACITY_BUFFER = 10;

  private ScalingPolicies() {}

  static void web(WebTier tier, ApplicationLoadBalancer alb, Settings.Web settings) {
    requests(tier, alb, settings.requestsPerTarget());
    tier.group()
        .scaleOnCpuUtilization(
            "Cpu",
            CpuUtilizationScalingProps.builder()
                .targetUtilizationPercent(settings.cpuTargetPercent())
                .build());
    CfnScalingPolicy.Builder.create(tier, "Predictive")
        .autoScalingGroupName(tier.group().getAutoScalingGroupName())
        .policyType("PredictiveScaling")
        .predictiveScalingConfiguration(
            PredictiveScalingConfigurationProperty.builder()
                .mode("ForecastAndScale")
                .schedulingBufferTime(settings.predictiveBufferSeconds())
                .maxCapacityBreachBehavior("IncreaseMaxCapacity")
                .maxCapacityBuffer(MAX_CAPACITY_BUFFER)
                .metricSpecifications(
                    List.of(
                        PredictiveScalingMetricSpecificationProperty.builder()
                            .targetValue(settings.requestsPerTarget())
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
   * @param now the synth time (context {@code securecart:now}, else the clock): a sale whose raise
   *     or restore time has passed gets no action, since Auto Scaling refuses a one-time action in
   *     the past and the stack would fail to deploy
   */
  static void checkout(
      WebTier tier, ApplicationLoadBalancer alb, Settings.Checkout settings, Instant now) {
    requests(tier, alb, settings.requestsPerTarget());
    for (Settings.Sale sale : settings.sales()) {
      Instant raise = sale.start().minus(settings.saleLeadMinutes(), ChronoUnit.MINUTES);
      if (raise.isAfter(now)) {
        scheduled(tier, "Raise-" + sale.name(), raise, sale.min(), sale.desired());
      }
      // At the end only the floor comes down: target tracking then scales in as traffic falls,
      // instead of cutting the group to its minimum while the last buyers are still checking out.
      if (sale.end().isAfter(now)) {
        scheduled(tier, "Restore-" + sale.name(), sale.end(), settings.min(), null);
      }
    }
    // Stopped, pre-initialised instances: On-Demand only, since AWS allows no warm pool on a group
    // with Spot or a mixed instances policy; checkout is the tier that must not lose capacity.
    tier.group()
        .addWarmPool(
            WarmPoolOptions.builder()
                .minSize(settings.warmPoolMin())
                .poolState(PoolState.STOPPED)
                .reuseOnScaleIn(true)
                .build());
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
