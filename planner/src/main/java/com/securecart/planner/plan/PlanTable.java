package com.securecart.planner.plan;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** The options table as the terminal shows it. */
final class PlanTable {
  private PlanTable() {}

  static String format(List<OptionResult> results) {
    var out = new StringBuilder();
    out.append(
        "%-20s %10s %9s %10s %11s %12s%n"
            .formatted("option", "peak inst", "SLO min", "$/hour", "$/month", "$/1k orders"));
    for (OptionResult r : results) {
      out.append(
          "%-20s %10d %9d %10s %11s %12s%n"
              .formatted(
                  r.option().name(),
                  r.peakInstances(),
                  r.sloMinutesViolated(),
                  r.costPerHour().setScale(4, RoundingMode.HALF_UP).toPlainString(),
                  r.costPerMonth().setScale(2, RoundingMode.HALF_UP).toPlainString(),
                  r.costPer1000Orders().setScale(4, RoundingMode.HALF_UP).toPlainString()));
    }
    for (OptionResult r : results) {
      if (r.option().notDeployable() != null) {
        out.append(
            "compared only, never chosen: %s (%s)%n"
                .formatted(r.option().name(), r.option().notDeployable()));
      }
    }
    return out.toString();
  }

  /** Each option's cost by part, USD per hour, and what no part prices. */
  static String breakdown(List<OptionResult> results) {
    var out = new StringBuilder("cost by part, USD/hour:\n");
    out.append("%-20s".formatted("option"));
    for (String part : results.getFirst().costBreakdownPerHour().keySet()) {
      out.append(" %13s".formatted(part));
    }
    out.append(" %13s%n".formatted("spot notices"));
    for (OptionResult r : results) {
      out.append("%-20s".formatted(r.option().name()));
      for (var usd : r.costBreakdownPerHour().values()) {
        out.append(" %13s".formatted(usd.toPlainString()));
      }
      out.append(" %13d%n".formatted(r.spotInterruptions()));
    }
    out.append("not priced: ").append(String.join("; ", SharedCosts.NOT_PRICED)).append('\n');
    return out.toString();
  }

  /**
   * The option plan.json is written for: among the options the CDK app can deploy, the cheapest per
   * 1,000 orders of those that break no SLO minute, or the ones with the fewest SLO minutes if all
   * break some. A saving under {@link #NOISE} is within the assumptions' error, so the earliest row
   * within it of the cheapest wins: the baseline (as configured) over a change that saves less.
   */
  static OptionResult chosen(List<OptionResult> results) {
    List<OptionResult> deployable =
        results.stream().filter(r -> r.option().notDeployable() == null).toList();
    long fewest =
        deployable.stream().mapToLong(OptionResult::sloMinutesViolated).min().orElseThrow();
    List<OptionResult> best =
        deployable.stream().filter(r -> r.sloMinutesViolated() == fewest).toList();
    BigDecimal cheapest =
        best.stream().map(OptionResult::costPer1000Orders).min(BigDecimal::compareTo).orElseThrow();
    BigDecimal bound = cheapest.multiply(BigDecimal.ONE.add(NOISE));
    return best.stream().filter(r -> r.costPer1000Orders().compareTo(bound) <= 0).findFirst().get();
  }

  /** A saving smaller than this share of the cost does not change the chosen option. */
  static final BigDecimal NOISE = new BigDecimal("0.01");
}
