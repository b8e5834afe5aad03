package com.securecart.planner.plan;

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
   * The option plan.json is written for: the cheapest per 1,000 orders among those that break no
   * SLO minute, or the one with the fewest SLO minutes if all break some.
   */
  static OptionResult chosen(List<OptionResult> results) {
    return results.stream()
        .min(
            java.util.Comparator.comparingLong(OptionResult::sloMinutesViolated)
                .thenComparing(OptionResult::costPer1000Orders))
        .orElseThrow();
  }
}
