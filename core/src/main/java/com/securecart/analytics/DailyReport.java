package com.securecart.analytics;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Everything the nightly job keeps for one day. */
public record DailyReport(
    LocalDate day, DayTotals totals, List<Breakdown> top, Map<String, Integer> segments) {
  public DailyReport {
    top = List.copyOf(top);
    segments = Map.copyOf(segments);
  }
}
