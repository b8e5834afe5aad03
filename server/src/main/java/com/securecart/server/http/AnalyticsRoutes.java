package com.securecart.server.http;

import com.securecart.analytics.AnalyticsApi;
import com.securecart.analytics.DailyReport;
import com.securecart.recommendations.OfflineEvaluation;
import com.securecart.server.batch.NightlyJob;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Staff reads of the nightly figures (JSON and CSV), and running the nightly job for a date by
 * hand: on the embedded database this is how it runs while the server holds the database.
 */
public final class AnalyticsRoutes implements RouteTable.Api {
  private final Http http;
  private final AnalyticsApi analytics;
  private final NightlyJob nightly;
  private final StaffChanges changes;

  public AnalyticsRoutes(
      Http http, AnalyticsApi analytics, NightlyJob nightly, StaffChanges changes) {
    this.http = http;
    this.changes = changes;
    this.analytics = analytics;
    this.nightly = nightly;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/api/admin/analytics", this::list)
        .get("/api/admin/analytics/export", this::export)
        .post("/api/admin/analytics/nightly", this::runNightly);
  }

  private void list(ServerRequest req, ServerResponse res) {
    LocalDate to = Http.queryDate(req, "to", nightly.lastFullDay());
    LocalDate from = Http.queryDate(req, "from", AnalyticsApi.defaultFrom(to));
    List<Map<String, Object>> days = analytics.reports(from, to).stream().map(this::json).toList();
    http.ok(res, Map.of("from", from.toString(), "to", to.toString(), "days", days));
  }

  private void export(ServerRequest req, ServerResponse res) {
    LocalDate to = Http.queryDate(req, "to", nightly.lastFullDay());
    LocalDate from = Http.queryDate(req, "from", AnalyticsApi.defaultFrom(to));
    String csv = analytics.csv(from, to);
    res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=UTF-8");
    res.header(
        HeaderNames.CONTENT_DISPOSITION,
        "attachment; filename=\"securecart-analytics-" + from + "-to-" + to + ".csv\"");
    res.send(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private void runNightly(ServerRequest req, ServerResponse res) {
    LocalDate day = Http.queryDate(req, "date", nightly.lastFullDay());
    changes.nightlyRequested(req, day);
    NightlyJob.Summary summary = nightly.run(day, line -> {});
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("day", summary.day().toString());
    body.put("attempt", summary.attempt());
    // A stage an earlier attempt finished was skipped: it has no figures of this run.
    if (summary.analyticsTook() != null) {
      body.put("analyticsMs", summary.analyticsTook().toMillis());
    }
    if (summary.model() != null) {
      body.put("modelVersion", summary.model().stored());
      body.put("modelPurchases", summary.model().purchases());
      body.put("modelProducts", summary.model().products());
      body.put("modelFamily", summary.model().model().family().label());
      OfflineEvaluation.Result quality = summary.model().quality();
      if (quality != null) {
        body.put("modelQuality", quality(quality));
        if (quality.runnerUp() != null) {
          body.put("modelNotKept", quality(quality.runnerUp()));
        }
      }
    }
    body.put("report", json(summary.report()));
    http.ok(res, body);
  }

  /** A family's held-out figures beside popularity's, as the nightly job measured them. */
  private static Map<String, Object> quality(OfflineEvaluation.Result q) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("family", q.family().label());
    out.put("customers", q.customers());
    out.put("hitRateAt10", q.modelHitRate());
    out.put("ndcgAt10", q.modelNdcg());
    out.put("popularHitRateAt10", q.popularHitRate());
    out.put("popularNdcgAt10", q.popularNdcg());
    return out;
  }

  private Map<String, Object> json(DailyReport r) {
    Map<String, Object> day = new LinkedHashMap<>();
    var t = r.totals();
    day.put("day", r.day().toString());
    day.put("ordersPlaced", t.ordersPlaced());
    day.put("paidOrders", t.paidOrders());
    day.put("revenueCents", t.revenueCents());
    day.put("averageOrderValueCents", t.averageOrderValueCents());
    day.put("units", t.units());
    day.put("newCustomers", t.newCustomers());
    day.put("returningCustomers", t.returningCustomers());
    day.put("paymentFailureRate", t.paymentFailureRate());
    day.put("cancellationRate", t.cancellationRate());
    day.put("cartToOrderConversion", t.cartToOrderConversion());
    day.put(
        "top",
        r.top().stream()
            .map(
                b ->
                    Map.of(
                        "dimension", b.dimension().name().toLowerCase(java.util.Locale.ROOT),
                        "key", b.key(),
                        "units", b.units(),
                        "revenueCents", b.revenueCents()))
            .toList());
    day.put("segments", r.segments());
    return day;
  }
}
