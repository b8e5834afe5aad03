package com.securecart.analytics;

import com.securecart.shared.Check;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The analytics context's public face: the nightly figures, and reading them back. */
public final class AnalyticsApi {
  /** Entries kept per top list. */
  static final int TOP = 20;

  private static final int MAX_DAYS = 366;

  /** Days shown when no start is named. */
  private static final int DEFAULT_DAYS = 30;

  private final AnalyticsRepository repository;

  public AnalyticsApi(AnalyticsRepository repository) {
    this.repository = repository;
  }

  /**
   * Computes the figures of {@code day} and replaces any kept for it, so that running a day again
   * gives the same result as running it once.
   */
  public DailyReport computeDay(LocalDate day) {
    List<Breakdown> top = new ArrayList<>();
    for (Breakdown.Dimension d : Breakdown.Dimension.values()) {
      top.addAll(repository.top(day, d, TOP));
    }
    DailyReport report =
        new DailyReport(
            day, repository.totals(day), top, Rfm.segments(repository.customersUpTo(day), day));
    repository.replace(report);
    return report;
  }

  /** The first day of the default window that ends on {@code to}. */
  public static LocalDate defaultFrom(LocalDate to) {
    return to.minusDays(DEFAULT_DAYS - 1);
  }

  /** The days from {@code from} to {@code to}, inclusive: at most a year. */
  public List<DailyReport> reports(LocalDate from, LocalDate to) {
    Check.range("days", to.toEpochDay() - from.toEpochDay() + 1, 1, MAX_DAYS);
    return repository.reports(from, to);
  }

  /** The daily figures as CSV (RFC 4180; amounts in minor units), one line per day. */
  public String csv(LocalDate from, LocalDate to) {
    StringBuilder out =
        new StringBuilder(
            "day,orders_placed,paid_orders,revenue_cents,average_order_value_cents,units,"
                + "new_customers,returning_customers,payment_failure_rate,cancellation_rate,"
                + "cart_to_order_conversion");
    for (String segment : Rfm.SEGMENTS) {
      out.append(",segment_").append(segment.replace(' ', '_'));
    }
    out.append("\r\n");
    for (DailyReport r : reports(from, to)) {
      DayTotals t = r.totals();
      out.append(
          String.format(
              Locale.ROOT,
              "%s,%d,%d,%d,%d,%d,%d,%d,%.4f,%.4f,%.4f",
              r.day(),
              t.ordersPlaced(),
              t.paidOrders(),
              t.revenueCents(),
              t.averageOrderValueCents(),
              t.units(),
              t.newCustomers(),
              t.returningCustomers(),
              t.paymentFailureRate(),
              t.cancellationRate(),
              t.cartToOrderConversion()));
      Map<String, Integer> segments = r.segments();
      for (String segment : Rfm.SEGMENTS) {
        out.append(',').append(segments.getOrDefault(segment, 0));
      }
      out.append("\r\n");
    }
    return out.toString();
  }
}
