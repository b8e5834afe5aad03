package com.securecart.infra;

import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.constructs.Construct;

/**
 * The alarms of the web stack's tiers: {@code web}, {@code checkout} and {@code admin} (the groups'
 * CPU and memory, their targets' p99 against the SLOs, unhealthy hosts, the T4g's CPU credits) and
 * {@code edge} (the ALB's and its targets' 5xx rates, the NLB's stream targets).
 */
final class WebAlarms extends Construct {
  private static final Duration FIVE_MINUTES = Duration.minutes(5);

  WebAlarms(Construct scope, String id, FoundationStack base, Settings settings, WebStack stack) {
    super(scope, id);
    Settings.Alarms slo = settings.alarms();
    TierAlarms web = new TierAlarms(new Construct(this, "Web"), "web", base.alarms());
    group(web, stack.web(), slo.routeP99Ms());
    TierAlarms checkout =
        new TierAlarms(new Construct(this, "Checkout"), "checkout", base.alarms());
    group(checkout, stack.checkout(), slo.checkoutP99Ms());

    TierAlarms admin = new TierAlarms(new Construct(this, "Admin"), "admin", base.alarms());
    admin.below(
        "cpu-credits",
        ec2(stack.admin(), "CPUCreditBalance"),
        20,
        3,
        "The admin T4g has under 20 CPU credits: it will be throttled to its baseline");
    admin.atLeast(
        "unhealthy-hosts",
        stack.admin().targets().getMetrics().unhealthyHostCount(period()),
        1,
        3,
        "The admin instance fails /health/ready");

    TierAlarms edge = new TierAlarms(new Construct(this, "Edge"), "edge", base.alarms());
    var alb = stack.loadBalancer().getMetrics();
    IMetric requests = alb.requestCount(sum());
    edge.above(
        "elb-5xx-rate",
        rate(alb.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, sum()), requests),
        slo.errorRatePercent(),
        3,
        "The ALB itself answers 5xx (no healthy target, overload) above the error-rate SLO");
    edge.above(
        "target-5xx-rate",
        rate(alb.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, sum()), requests),
        slo.errorRatePercent(),
        3,
        "The targets answer 5xx above the error-rate SLO (docs/operations.md)");
    edge.atLeast(
        "streams-unhealthy-hosts",
        stack.streamTargets().getMetrics().unHealthyHostCount(period()),
        1,
        3,
        "A stream target behind the NLB fails /health/ready");
  }

  private static void group(TierAlarms alarms, WebTier tier, int p99Ms) {
    alarms.above(
        "cpu",
        ec2(tier, "CPUUtilization"),
        80,
        3,
        "Group CPU above 80% for 15 minutes: scaling is not keeping up or max is reached");
    alarms.above(
        "memory",
        Metric.Builder.create()
            .namespace("CWAgent")
            .metricName("mem_used_percent")
            .dimensionsMap(Map.of("AutoScalingGroupName", tier.group().getAutoScalingGroupName()))
            .statistic("Average")
            .period(FIVE_MINUTES)
            .build(),
        85,
        3,
        "Group memory above 85% (CloudWatch agent): check the heap and the instance size");
    alarms.above(
        "p99",
        tier.targets()
            .getMetrics()
            .targetResponseTime(
                MetricOptions.builder().statistic("p99").period(FIVE_MINUTES).build()),
        p99Ms / 1000.0,
        3,
        "Target p99 response time above the SLO of " + p99Ms + " ms");
    alarms.atLeast(
        "unhealthy-hosts",
        tier.targets().getMetrics().unhealthyHostCount(period()),
        1,
        3,
        "An instance fails /health/ready");
  }

  private static Metric ec2(WebTier tier, String name) {
    return Metric.Builder.create()
        .namespace("AWS/EC2")
        .metricName(name)
        .dimensionsMap(Map.of("AutoScalingGroupName", tier.group().getAutoScalingGroupName()))
        .statistic("Average")
        .period(FIVE_MINUTES)
        .build();
  }

  private static IMetric rate(IMetric errors, IMetric requests) {
    return MathExpression.Builder.create()
        .expression("IF(requests > 0, 100 * errors / requests, 0)")
        .usingMetrics(Map.of("errors", errors, "requests", requests))
        .label("percent of requests")
        .period(FIVE_MINUTES)
        .build();
  }

  private static MetricOptions sum() {
    return MetricOptions.builder().statistic("Sum").period(FIVE_MINUTES).build();
  }

  private static MetricOptions period() {
    return MetricOptions.builder().statistic("Maximum").period(FIVE_MINUTES).build();
  }
}
