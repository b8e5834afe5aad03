package com.securecart.server.web;

import com.securecart.analytics.AnalyticsApi;
import com.securecart.analytics.Breakdown;
import com.securecart.analytics.DailyReport;
import com.securecart.analytics.DayTotals;
import com.securecart.analytics.Rfm;
import com.securecart.server.batch.NightlyJob;
import com.securecart.server.http.Http;
import com.securecart.server.http.RouteTable;
import com.securecart.server.http.StaffChanges;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;

/**
 * The analytics page: every nightly figure over a window of days (the last 30 by default) as a
 * chart drawn on the server (plain SVG, no script), the latest day's top products, categories and
 * brands and its RFM segments, the nightly job's recent runs, a CSV export and a button that runs
 * the nightly job for a date now.
 */
public final class AnalyticsPages implements RouteTable.Api {
  private final Pages pages;
  private final AnalyticsApi analytics;
  private final NightlyJob nightly;
  private final StaffChanges changes;

  /** One bar of a chart, in the SVG's coordinates (300 x 100). */
  public record Bar(String label, String value, double x, double y, double width, double height) {}

  /** A figure over the days shown, with its last and highest value as the scale. */
  public record Chart(String title, String scale, List<Bar> bars) {}

  /** A row of a top list, with its share of the list's best for a meter. */
  public record TopRow(String key, long units, String revenue, double share) {}

  public AnalyticsPages(
      Pages pages, AnalyticsApi analytics, NightlyJob nightly, StaffChanges changes) {
    this.pages = pages;
    this.changes = changes;
    this.analytics = analytics;
    this.nightly = nightly;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/admin/analytics", pages.get(this::page))
        .get("/admin/analytics.csv", pages.get(this::csv))
        .post("/admin/analytics/run", pages.post(this::run));
  }

  private void page(WebRequest w, ServerResponse res) {
    LocalDate to = Http.date("to", w.query("to").orElse(null), nightly.lastFullDay());
    LocalDate from = Http.date("from", w.query("from").orElse(null), AnalyticsApi.defaultFrom(to));
    List<DailyReport> days = analytics.reports(from, to);
    DailyReport latest = days.isEmpty() ? null : days.getLast();
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("ctx", w.page("Analytics"));
    model.put("from", from.toString());
    model.put("to", to.toString());
    model.put("trends", trends(days));
    model.put("latest", latest == null ? "" : latest.day().toString());
    model.put("products", latest == null ? List.of() : top(latest, Breakdown.Dimension.PRODUCT));
    model.put("categories", latest == null ? List.of() : top(latest, Breakdown.Dimension.CATEGORY));
    model.put("brands", latest == null ? List.of() : top(latest, Breakdown.Dimension.BRAND));
    model.put(
        "segments",
        latest == null
            ? List.of()
            : bars(
                Rfm.SEGMENTS,
                Rfm.SEGMENTS.stream()
                    .map(segment -> (double) latest.segments().getOrDefault(segment, 0))
                    .toList()));
    model.put("runs", nightly.recentRuns(7));
    // After "Run now": the day it started, to say so (only a well-formed date is echoed).
    model.put(
        "started", w.query("started").filter(d -> d.matches("\\d{4}-\\d{2}-\\d{2}")).orElse(""));
    pages.render(w, res, "web/admin/analytics.jte", model);
  }

  /** Every daily figure as a chart over the days shown. */
  private static List<Chart> trends(List<DailyReport> days) {
    List<String> labels = days.stream().map(d -> d.day().toString().substring(5)).toList();
    List<Chart> charts = new ArrayList<>();
    BiConsumer<String, ToDoubleFunction<DayTotals>> chart =
        (title, figure) -> {
          List<Double> values = days.stream().map(d -> figure.applyAsDouble(d.totals())).toList();
          String scale =
              values.isEmpty()
                  ? ""
                  : "last "
                      + Format.decimal(values.getLast())
                      + ", peak "
                      + Format.decimal(values.stream().mapToDouble(v -> v).max().orElse(0));
          charts.add(new Chart(title, scale, bars(labels, values)));
        };
    chart.accept("Revenue per day", t -> t.revenueCents() / 100.0);
    chart.accept("Paid orders per day", DayTotals::paidOrders);
    chart.accept("Average order value", t -> t.averageOrderValueCents() / 100.0);
    chart.accept("Units sold per day", DayTotals::units);
    chart.accept("New customers per day", DayTotals::newCustomers);
    chart.accept("Returning customers per day", DayTotals::returningCustomers);
    chart.accept("Cart-to-order conversion, %", t -> 100 * t.cartToOrderConversion());
    chart.accept("Payment failure rate, %", t -> 100 * t.paymentFailureRate());
    chart.accept("Cancellation rate, %", t -> 100 * t.cancellationRate());
    return charts;
  }

  private static List<Bar> bars(List<String> labels, List<Double> values) {
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
    List<Bar> out = new ArrayList<>();
    double slot = labels.isEmpty() ? 0 : 300.0 / labels.size();
    for (int i = 0; i < labels.size(); i++) {
      double h = max == 0 ? 0 : 90 * values.get(i) / max;
      out.add(
          new Bar(
              labels.get(i),
              Format.decimal(values.get(i)),
              i * slot + slot * 0.1,
              100 - h,
              slot * 0.8,
              h));
    }
    return out;
  }

  private static List<TopRow> top(DailyReport day, Breakdown.Dimension dimension) {
    List<Breakdown> rows =
        day.top().stream().filter(b -> b.dimension() == dimension).limit(10).toList();
    long best = rows.stream().mapToLong(Breakdown::revenueCents).max().orElse(1);
    return rows.stream()
        .map(
            b ->
                new TopRow(
                    b.key(),
                    b.units(),
                    Format.decimal(b.revenueCents() / 100.0),
                    best == 0 ? 0 : (double) b.revenueCents() / best))
        .toList();
  }

  private void csv(WebRequest w, ServerResponse res) {
    LocalDate to = Http.date("to", w.query("to").orElse(null), nightly.lastFullDay());
    LocalDate from = Http.date("from", w.query("from").orElse(null), AnalyticsApi.defaultFrom(to));
    res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=UTF-8");
    res.header(
        HeaderNames.CONTENT_DISPOSITION,
        "attachment; filename=\"securecart-analytics-" + from + "-to-" + to + ".csv\"");
    res.send(analytics.csv(from, to).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void run(WebRequest w, ServerResponse res) {
    // Started in the background (at a million orders it takes longer than a load balancer waits);
    // a bad date or a day another run holds is answered now.
    LocalDate day = Http.date("date", w.form().get("date"), nightly.lastFullDay());
    changes.nightlyRequested(w.req(), day);
    nightly.start(day);
    pages.redirect(w, res, "/admin/analytics?started=" + day);
  }
}
