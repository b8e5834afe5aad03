package com.securecart.planner.plan;

import com.securecart.planner.simulation.Minute;
import java.math.BigDecimal;
import java.util.List;

/** Per-minute series of one option for the report's charts. */
record Series(double[] inService, double[] worstP99ShareOfSlo, double[] usdPerHour) {

  static double[] ordersPerMinute(com.securecart.planner.traffic.TrafficProfile profile) {
    var perMinute = new double[profile.seconds() / 60];
    for (int m = 0; m < perMinute.length; m++) {
      perMinute[m] = profile.orders(m * 60, m * 60 + 60) / 60;
    }
    return perMinute;
  }

  /**
   * @param ordersPerSecond mean orders per second each minute, to spread the pipeline's cost
   */
  static Series of(OptionResult option, double[] ordersPerSecond) {
    int minutes = ordersPerSecond.length;
    var inService = new double[minutes];
    var worst = new double[minutes];
    var usd = new double[minutes];
    double totalOrders = java.util.Arrays.stream(ordersPerSecond).sum();
    SharedCosts shared = option.shared();
    double fixedPerHour = shared.fixed().doubleValue() / option.hours();
    double byOrders =
        option
            .pipelineCost()
            .add(shared.loadBalancers())
            .add(shared.nat())
            .add(shared.sqs())
            .add(shared.batch())
            .subtract(shared.fixed())
            .doubleValue();
    for (int m = 0; m < minutes; m++) {
      // The pipeline, LCUs, NAT data and SQS follow the orders: their share this minute, as a
      // rate per hour; ALB and NAT hours and the nightly job are spread evenly.
      usd[m] =
          fixedPerHour
              + (totalOrders == 0
                  ? 0
                  : byOrders * ordersPerSecond[m] / totalOrders * minutes / 60.0);
    }
    for (TierPlan tier : option.tiers()) {
      if (tier.result() == null) {
        for (int m = 0; m < minutes; m++) {
          inService[m] += tier.fixedCount();
          usd[m] += tier.fixedCount() * tier.usdPerInstanceHour().doubleValue();
        }
        continue;
      }
      List<Minute> list = tier.result().minutes();
      long seconds = tier.result().instanceSeconds();
      // The tier's mean price per instance-hour, Spot and On-Demand blended as billed.
      double perHour =
          seconds == 0 ? 0 : tier.cost().multiply(BigDecimal.valueOf(3600)).doubleValue() / seconds;
      double slo = tier.settings().sloP99Ms();
      for (int m = 0; m < Math.min(minutes, list.size()); m++) {
        Minute minute = list.get(m);
        inService[m] += minute.inService();
        usd[m] += minute.desired() * perHour;
        double share =
            minute.shedRequests() > 0 ? Math.max(1.0, minute.p99Ms() / slo) : minute.p99Ms() / slo;
        worst[m] = Math.max(worst[m], share * 100);
      }
    }
    return new Series(inService, worst, usd);
  }
}
