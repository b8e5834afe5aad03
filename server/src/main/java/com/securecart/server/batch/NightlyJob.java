package com.securecart.server.batch;

import com.securecart.analytics.AnalyticsApi;
import com.securecart.analytics.DailyReport;
import com.securecart.recommendations.OfflineEvaluation;
import com.securecart.recommendations.RecommendationsApi;
import com.securecart.shared.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.function.Consumer;

/** The nightly job's stages for one date, with progress for whoever runs it. */
public final class NightlyJob {
  /** The model is evaluated on the purchases of the last this many days up to the job's day. */
  static final int EVALUATION_DAYS = 14;

  private final AnalyticsApi analytics;
  private final RecommendationsApi recommendations;
  private final Clock clock;

  /** What one run did. */
  public record Summary(
      LocalDate day,
      DailyReport report,
      Duration analyticsTook,
      RecommendationsApi.Version model) {}

  public NightlyJob(AnalyticsApi analytics, RecommendationsApi recommendations, Clock clock) {
    this.analytics = analytics;
    this.recommendations = recommendations;
    this.clock = clock;
  }

  /** The day a run computes when none is named: yesterday, in the clock's zone. */
  public LocalDate yesterday() {
    return yesterday(clock);
  }

  static LocalDate yesterday(Clock clock) {
    return LocalDate.now(clock).minusDays(1);
  }

  /** A day the job may compute: today or before (a future day has no orders yet). */
  static void checkDay(LocalDate day, Clock clock) {
    if (day.isAfter(LocalDate.now(clock))) {
      throw new ValidationException("date", "must not be in the future");
    }
  }

  public Summary run(LocalDate day, Consumer<String> progress) {
    checkDay(day, clock);
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
    // Evaluated on the last two weeks up to the day, then trained on everything and stored.
    Instant evaluateFrom =
        day.plusDays(1).minusDays(EVALUATION_DAYS).atStartOfDay(ZoneOffset.UTC).toInstant();
    RecommendationsApi.Version model = recommendations.trainAndPublish(evaluateFrom);
    OfflineEvaluation.Result q = model.quality();
    progress.accept(
        String.format(
            Locale.ROOT,
            "nightly %s: model version %d stored in %d ms: %d purchase lines, %d products;"
                + " on the last %d days (%d customers) hit rate@10 %.4f (popularity %.4f), NDCG@10"
                + " %.4f (popularity %.4f)",
            day,
            model.stored(),
            model.took().toMillis(),
            model.purchases(),
            model.products(),
            EVALUATION_DAYS,
            q.customers(),
            q.modelHitRate(),
            q.popularHitRate(),
            q.modelNdcg(),
            q.popularNdcg()));
    return new Summary(day, report, took, model);
  }
}
