package com.securecart.infra;

import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * The alarms of one tier, each named {@code securecart-<tier>-<what>} and sent to the alarm topic
 * when it fires and when it clears. Missing data is not a breach: a tier that is idle at night is
 * not broken (the load balancers' health alarms catch a dead tier).
 */
public final class TierAlarms {
  private final Construct scope;
  private final String tier;
  private final SnsAction action;

  public TierAlarms(Construct scope, String tier, ITopic topic) {
    if (!tier.matches("[a-z-]+")) {
      throw new IllegalArgumentException("tier: lower case and -");
    }
    this.scope = scope;
    this.tier = tier;
    this.action = new SnsAction(topic);
  }

  /** Fires when the metric is above {@code threshold} for {@code periods} periods in a row. */
  public Alarm above(String what, IMetric metric, double threshold, int periods, String why) {
    return alarm(what, metric, threshold, periods, why, ComparisonOperator.GREATER_THAN_THRESHOLD);
  }

  /** Fires when the metric is at or above {@code threshold} (counts: errors, failed jobs). */
  public Alarm atLeast(String what, IMetric metric, double threshold, int periods, String why) {
    return alarm(
        what,
        metric,
        threshold,
        periods,
        why,
        ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD);
  }

  /** Fires when the metric is below {@code threshold} (a balance running out). */
  public Alarm below(String what, IMetric metric, double threshold, int periods, String why) {
    return alarm(what, metric, threshold, periods, why, ComparisonOperator.LESS_THAN_THRESHOLD);
  }

  private Alarm alarm(
      String what,
      IMetric metric,
      double threshold,
      int periods,
      String why,
      ComparisonOperator comparison) {
    String id = "Alarm" + camel(what);
    Alarm alarm =
        Alarm.Builder.create(scope, id)
            .alarmName("securecart-" + tier + "-" + what)
            .alarmDescription(why)
            .metric(metric)
            .threshold(threshold)
            .evaluationPeriods(periods)
            .comparisonOperator(comparison)
            .treatMissingData(TreatMissingData.NOT_BREACHING)
            .build();
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
    return alarm;
  }

  private static String camel(String what) {
    StringBuilder out = new StringBuilder();
    for (String part : what.split("-")) {
      if (!part.isEmpty()) {
        out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return out.toString();
  }
}
