package com.securecart.analytics;

import java.time.LocalDate;
import java.util.List;

/** Port to the orders the figures come from and to the figures kept per day. */
public interface AnalyticsRepository {
  DayTotals totals(LocalDate day);

  /** The day's {@code limit} best sellers by revenue along one dimension. */
  List<Breakdown> top(LocalDate day, Breakdown.Dimension dimension, int limit);

  /** Every customer with a paid order placed on or before {@code day}. */
  List<CustomerValue> customersUpTo(LocalDate day);

  /** Replaces whatever was kept for the report's day with the report, in one transaction. */
  void replace(DailyReport report);

  /** The reports kept for the days from {@code from} to {@code to}, inclusive, oldest first. */
  List<DailyReport> reports(LocalDate from, LocalDate to);
}
