package com.securecart.server.batch;

import com.securecart.analytics.AnalyticsApi;
import com.securecart.analytics.DailyReport;
import com.securecart.recommendations.RecommendationsApi;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.function.Consumer;

/** The nightly job's stages for one date, with progress for whoever runs it. */
public final class NightlyJob {
  private final AnalyticsApi analytics;
  private final RecommendationsApi recommendations;

  /** What one run did. */
  public record Summary(
      LocalDate day,
      DailyReport report,
      Duration analyticsTook,
      RecommendationsApi.Version model) {}

  public NightlyJob(AnalyticsApi analytics, RecommendationsApi recommendations) {
    this.analytics = analytics;
    this.recommendations = recommendations;
  }

  public Summary run(LocalDate day, Consumer<String> progress) {
    progress.accept("nightly " + day + ": stage 1/2, analytics");
    long started = System.nanoTime();
    DailyReport report = analytics.computeDay(day);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    progress.accept(
        String.format(
            Locale.ROOT,
            "nightly %s: analytics done in %d ms: %d orders placed, %d paid, revenue %d cents",
            day,
            took.toMillis(),
            report.totals().ordersPlaced(),
            report.totals().paidOrders(),
            report.totals().revenueCents()));
    progress.accept("nightly " + day + ": stage 2/2, recommendation model");
    RecommendationsApi.Version model = recommendations.retrain();
    progress.accept(
        String.format(
            Locale.ROOT,
            "nightly %s: model trained in %d ms from %d purchase lines, %d products",
            day,
            model.took().toMillis(),
            model.purchases(),
            model.products()));
    return new Summary(day, report, took, model);
  }
}
