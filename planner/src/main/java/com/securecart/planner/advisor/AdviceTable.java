package com.securecart.planner.advisor;

import com.securecart.planner.prices.Ec2InstanceType;
import com.securecart.planner.prices.PriceTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The advice as a terminal table, with the price snapshot's date and age under it. */
final class AdviceTable {
  private static final List<String> HEADER =
      List.of(
          "role",
          "n",
          "current",
          "cpu peak",
          "mem peak",
          "need",
          "finding",
          "recommended",
          "risk now>new",
          "$/h now",
          "$/h new",
          "saving $/month");
  private static final String[] RISK = {"very low", "low", "medium", "high", "very high"};

  private AdviceTable() {}

  static String render(
      List<Recommendation> advice, Preferences preferences, PriceTable prices, LocalDate today) {
    var rows = new ArrayList<List<String>>();
    rows.add(HEADER);
    for (var r : advice) {
      rows.add(
          List.of(
              r.role(),
              Integer.toString(r.instances()),
              r.current().name(),
              format("%.2f vCPU", r.cpuPeakVcpus()),
              r.memoryMeasured() ? format("%.2f GiB", r.memoryPeakGib()) : "unmeasured",
              format("%.2f vCPU %.2f GiB", r.requiredVcpus(), r.requiredGib()),
              r.finding().toString(),
              r.recommended().map(Ec2InstanceType::name).orElse("none fits"),
              r.currentRisk() + ">" + r.recommendedRisk() + " (" + RISK[r.recommendedRisk()] + ")",
              dollars(r.current().usdPerHour()),
              r.recommended().map(t -> dollars(t.usdPerHour())).orElse("-"),
              r.savingPerMonth().map(BigDecimal::toPlainString).orElse("-")));
    }
    var out = new StringBuilder();
    int[] width = new int[HEADER.size()];
    for (var row : rows) {
      for (int c = 0; c < row.size(); c++) {
        width[c] = Math.max(width[c], row.get(c).length());
      }
    }
    for (var row : rows) {
      var line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        line.append(String.format("%-" + width[c] + "s  ", row.get(c)));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    out.append(
        format(
            "CPU at p%s with %d%% headroom, memory at its maximum with %d%% headroom; risk 0 very"
                + " low .. 4 very high; saving for all n instances, 730 h a month.%n",
            BigDecimal.valueOf(preferences.cpuPercentile()).stripTrailingZeros().toPlainString(),
            Math.round(preferences.cpuHeadroom() * 100),
            Math.round(preferences.memoryHeadroom() * 100)));
    var age = prices.age(today);
    out.append(
        format(
            "Prices: %s on-demand Linux, snapshot of %s (%d months %d days old).%n",
            prices.region(), prices.date(), age.toTotalMonths(), age.getDays()));
    return out.toString();
  }

  private static String dollars(BigDecimal usd) {
    return usd.stripTrailingZeros().toPlainString();
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
