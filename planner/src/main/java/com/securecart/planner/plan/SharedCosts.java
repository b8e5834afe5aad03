package com.securecart.planner.plan;

import com.securecart.planner.prices.PriceTable;
import com.securecart.planner.prices.SpotDiscount;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.List;

/**
 * What the shop pays beside the tiers' compute and the pipeline, over a profile, USD: the public
 * load balancer, the NAT gateways, the notification queue's requests and the nightly Batch job. The
 * constants are assumptions (no input file holds them); planner/README.md lists them and
 * plan.json's {@code assumptions} repeats them.
 *
 * @param fixed the part that does not follow the orders (ALB and NAT hours, the nightly job), for
 *     the cost chart
 */
record SharedCosts(
    BigDecimal loadBalancers, BigDecimal nat, BigDecimal sqs, BigDecimal batch, BigDecimal fixed) {

  /** WebStack's internet-facing ALB (the internal one of RecommendationsEndpoint is EKS's). */
  static final int LOAD_BALANCERS = 1;

  /** Request plus response through the ALB, an assumption (no measurement of sizes exists). */
  static final int BYTES_PER_REQUEST = 20_000;

  /** Keep-alive: requests a client sends on one connection, an assumption. */
  static final int REQUESTS_PER_CONNECTION = 10;

  /** A connection stays open until the ALB's idle timeout (60 s default) after its last use. */
  static final int CONNECTION_SECONDS = 60;

  /**
   * ALB listener rules: WebStack's checkout, admin, admin-elsewhere and web rules and FargateTier's
   * one per service, under the 10 that LCUs include, so rule evaluations cost nothing.
   */
  static final int LISTENER_RULES = 7;

  /** One NAT gateway per Availability Zone: SecureCartStack.ZONES. */
  static final int NAT_GATEWAYS = 3;

  /**
   * Bytes through NAT per order, an assumption: the payment provider's calls (authorize, then
   * capture or void). ECR, S3, SQS, Step Functions, KMS, logs and SES go through VPC endpoints
   * (FoundationStack), not NAT.
   */
  static final int NAT_BYTES_PER_ORDER = 20_000;

  /**
   * SQS requests per order: the outbox relay's SendMessage of the notification event, and the
   * Lambda event source's ReceiveMessage and DeleteMessage for it, counted as if each batch held
   * one message (an upper bound; batches of up to 10 share them).
   */
  static final int SQS_REQUESTS_PER_ORDER = 3;

  /**
   * The nightly job: 30.6 s on the 2-core machine for 1,000,000 orders over 90 days
   * (bench/results/2026-11-26-batch.md), taken as vCPU-seconds that scale with orders per day.
   */
  static final BigDecimal BATCH_VCPU_SECONDS_MEASURED = new BigDecimal("61.2");

  static final BigDecimal BATCH_ORDERS_PER_DAY_MEASURED =
      BigDecimal.valueOf(1_000_000).divide(BigDecimal.valueOf(90), MathContext.DECIMAL64);

  /** securecart.json batch.vcpus, and the instance start billed before the job runs. */
  static final int BATCH_VCPUS = 4;

  static final int BATCH_STARTUP_SECONDS = 120;

  /** The Spot instance the job's vCPUs are priced at (per vCPU, at the Spot discount). */
  static final String BATCH_INSTANCE = "m7g.xlarge";

  /** An LCU: the most of these an hour uses, per AWS's ALB pricing page. */
  static final int LCU_NEW_CONNECTIONS_PER_SECOND = 25;

  static final int LCU_ACTIVE_CONNECTIONS = 3_000;
  static final BigDecimal LCU_GB_PER_HOUR = BigDecimal.ONE;
  static final int LCU_RULE_EVALUATIONS_PER_SECOND = 1_000;
  static final int LCU_FREE_RULES = 10;

  /** Not priced anywhere in the plan: no row in the snapshot, or no model of its use yet. */
  static final List<String> NOT_PRICED =
      List.of(
          "database (Aurora)",
          "data transfer out to the internet",
          "the NLB beside the ALB",
          "VPC interface endpoints (hours and GB)",
          "KMS requests",
          "CloudWatch metrics, logs and alarms",
          "SES e-mails",
          "the Lambda event source's idle SQS polling",
          "Spot reclaims of the Batch job's attempts",
          "EKS control plane (no EKS option here)");

  private static final BigDecimal SECONDS_PER_HOUR = BigDecimal.valueOf(3600);
  private static final BigDecimal BYTES_PER_GB = BigDecimal.valueOf(1_000_000_000);
  private static final MathContext MC = MathContext.DECIMAL64;

  /**
   * @param ordersPerSecond the profile, one value per second
   * @param requestsPerOrder every role's requests per order, summed: all pass the public ALB
   */
  static SharedCosts of(
      double[] ordersPerSecond,
      double requestsPerOrder,
      PriceTable prices,
      SpotDiscount spotDiscount) {
    double orders = 0;
    for (double o : ordersPerSecond) {
      orders += o;
    }
    BigDecimal hours = BigDecimal.valueOf(ordersPerSecond.length).divide(SECONDS_PER_HOUR, MC);
    var alb = prices.applicationLoadBalancer();
    BigDecimal lcuHours = BigDecimal.ZERO;
    for (int from = 0; from < ordersPerSecond.length; from += 3600) {
      int to = Math.min(ordersPerSecond.length, from + 3600);
      double sum = 0;
      for (int s = from; s < to; s++) {
        sum += ordersPerSecond[s];
      }
      BigDecimal rps = BigDecimal.valueOf(sum * requestsPerOrder / (to - from));
      BigDecimal share = BigDecimal.valueOf(to - from).divide(SECONDS_PER_HOUR, MC);
      lcuHours = lcuHours.add(lcus(rps).multiply(share));
    }
    BigDecimal loadBalancers =
        alb.usdPerHour()
            .multiply(BigDecimal.valueOf(LOAD_BALANCERS))
            .multiply(hours)
            .add(alb.usdPerLcuHour().multiply(lcuHours));
    var natPrices = prices.natGateway();
    BigDecimal natHours =
        natPrices.usdPerHour().multiply(BigDecimal.valueOf(NAT_GATEWAYS)).multiply(hours);
    BigDecimal natGb =
        BigDecimal.valueOf(orders)
            .multiply(BigDecimal.valueOf(NAT_BYTES_PER_ORDER))
            .divide(BYTES_PER_GB, MC);
    BigDecimal nat = natHours.add(natPrices.usdPerGbProcessed().multiply(natGb));
    BigDecimal sqs =
        prices
            .sqs()
            .standardUsdPerRequest()
            .multiply(BigDecimal.valueOf(orders))
            .multiply(BigDecimal.valueOf(SQS_REQUESTS_PER_ORDER));
    BigDecimal ordersPerDay =
        BigDecimal.valueOf(orders)
            .multiply(BigDecimal.valueOf(86_400))
            .divide(BigDecimal.valueOf(ordersPerSecond.length), MC);
    BigDecimal batch =
        batchPerNight(ordersPerDay, prices, spotDiscount)
            .multiply(hours)
            .divide(BigDecimal.valueOf(24), MC);
    BigDecimal fixed =
        alb.usdPerHour().multiply(BigDecimal.valueOf(LOAD_BALANCERS)).multiply(hours).add(natHours);
    return new SharedCosts(
        scale(loadBalancers), scale(nat), scale(sqs), scale(batch), scale(fixed.add(batch)));
  }

  /** LCUs for a mean request rate over an hour: the highest of the four dimensions. */
  static BigDecimal lcus(BigDecimal requestsPerSecond) {
    BigDecimal connectionsPerSecond =
        requestsPerSecond.divide(BigDecimal.valueOf(REQUESTS_PER_CONNECTION), MC);
    BigDecimal newConnections =
        connectionsPerSecond.divide(BigDecimal.valueOf(LCU_NEW_CONNECTIONS_PER_SECOND), MC);
    BigDecimal active =
        connectionsPerSecond
            .multiply(BigDecimal.valueOf(CONNECTION_SECONDS))
            .divide(BigDecimal.valueOf(LCU_ACTIVE_CONNECTIONS), MC);
    BigDecimal gbPerHour =
        requestsPerSecond
            .multiply(BigDecimal.valueOf(BYTES_PER_REQUEST))
            .multiply(SECONDS_PER_HOUR)
            .divide(BYTES_PER_GB, MC);
    BigDecimal processed = gbPerHour.divide(LCU_GB_PER_HOUR, MC);
    BigDecimal rules =
        requestsPerSecond
            .multiply(BigDecimal.valueOf(Math.max(0, LISTENER_RULES - LCU_FREE_RULES)))
            .divide(BigDecimal.valueOf(LCU_RULE_EVALUATIONS_PER_SECOND), MC);
    return newConnections.max(active).max(processed).max(rules);
  }

  /** The nightly job: scaled vCPU-seconds plus the instance's start, at Spot per vCPU-hour. */
  static BigDecimal batchPerNight(
      BigDecimal ordersPerDay, PriceTable prices, SpotDiscount spotDiscount) {
    BigDecimal work =
        BATCH_VCPU_SECONDS_MEASURED
            .multiply(ordersPerDay)
            .divide(BATCH_ORDERS_PER_DAY_MEASURED, MC);
    BigDecimal vcpuSeconds = work.add(BigDecimal.valueOf(BATCH_STARTUP_SECONDS * BATCH_VCPUS));
    var instance = prices.ec2(BATCH_INSTANCE);
    BigDecimal perVcpuHour =
        spotDiscount.apply(instance.usdPerHour()).divide(BigDecimal.valueOf(instance.vcpus()), MC);
    return vcpuSeconds.divide(SECONDS_PER_HOUR, MC).multiply(perVcpuHour);
  }

  private static BigDecimal scale(BigDecimal usd) {
    return usd.setScale(10, RoundingMode.HALF_UP);
  }
}
