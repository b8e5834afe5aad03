package com.securecart.server.batch;

import com.securecart.analytics.AnalyticsApi;
import com.securecart.analytics.DailyReport;
import com.securecart.app.NightlyParts;
import com.securecart.jobs.JobRun;
import com.securecart.jobs.JobRuns;
import com.securecart.jobs.RunState;
import com.securecart.recommendations.OfflineEvaluation;
import com.securecart.recommendations.RecommendationsApi;
import com.securecart.shared.ValidationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The nightly job's stages for one date, with progress for whoever runs it. Each run is an attempt
 * in the job ledger: stages an earlier, crashed or failed attempt finished are skipped, and a run
 * of a day that another run holds is refused.
 */
public final class NightlyJob {
  private static final System.Logger LOG = System.getLogger(NightlyJob.class.getName());

  /** The job's name in the ledger. */
  public static final String JOB = "nightly";

  static final String ANALYTICS = "analytics";
  static final String MODEL = "model";

  /** The model is evaluated on the purchases of the last this many days up to the job's day. */
  static final int EVALUATION_DAYS = 14;

  private final AnalyticsApi analytics;
  private final RecommendationsApi recommendations;
  private final JobRuns runs;
  private final Runnable published;
  private final Clock clock;

  /**
   * What one run did; {@code analyticsTook} and {@code model} are null for a stage an earlier
   * attempt had finished.
   */
  public record Summary(
      LocalDate day,
      int attempt,
      DailyReport report,
      Duration analyticsTook,
      RecommendationsApi.Version model) {}

  /**
   * @param recommendations the job's own, reading purchases where the job reads; it stores the
   *     version it trains, which serving instances load
   * @param published told when a model version is stored, so that this instance serves it at once
   */
  public NightlyJob(
      AnalyticsApi analytics,
      RecommendationsApi recommendations,
      JobRuns runs,
      Runnable published,
      Clock clock) {
    this.analytics = analytics;
    this.recommendations = recommendations;
    this.runs = runs;
    this.published = published;
    this.clock = clock;
  }

  /**
   * The job on its wired parts ({@link NightlyParts#wire}): orders and purchases are read through a
   * read-only pool, perhaps a replica's; figures, model versions and the ledger go to the primary.
   */
  public NightlyJob(NightlyParts parts, Runnable published, Clock clock) {
    this(parts.analytics(), parts.recommendations(), parts.runs(), published, clock);
  }

  /** Where the run of a day stands in the ledger, if one started. */
  public Optional<RunState> runOf(LocalDate day) {
    return runs.of(JOB, day);
  }

  /** The job's latest runs, newest day first, from the ledger. */
  public List<RunState> recentRuns(int limit) {
    return runs.recent(JOB, limit);
  }

  /**
   * How long after a UTC day ends before a run computes it by default: orders still committing and
   * a replica's lag.
   */
  static final Duration SETTLE = Duration.ofMinutes(30);

  /**
   * The day a run computes when none is named: the latest UTC day (the figures' days) that ended at
   * least {@link #SETTLE} ago, whatever the machine's zone.
   */
  public LocalDate lastFullDay() {
    return lastFullDay(clock.instant());
  }

  static LocalDate lastFullDay(Instant now) {
    return now.minus(SETTLE).atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
  }

  /** A day the job may compute: today (UTC) or before (a future day has no orders yet). */
  static void checkDay(LocalDate day, Clock clock) {
    if (day.isAfter(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
      throw new ValidationException("date", "must not be in the future");
    }
  }

  public Summary run(LocalDate day, Consumer<String> progress) {
    checkDay(day, clock);
    try (JobRun run = runs.start(JOB, day)) {
      return stages(run, day, progress);
    }
  }

  /**
   * Takes the day in the ledger now, so that a bad date (400) or a day another run holds (409) is
   * answered at once, then runs the stages on a thread of their own; progress and a failure go to
   * the log, and the ledger shows where the run is.
   */
  public void start(LocalDate day) {
    checkDay(day, clock);
    JobRun run = runs.start(JOB, day);
    Thread.ofVirtual()
        .name("nightly-" + day)
        .start(
            () -> {
              try (run) {
                stages(run, day, line -> LOG.log(System.Logger.Level.INFO, line));
              } catch (RuntimeException e) {
                LOG.log(
                    System.Logger.Level.WARNING,
                    "nightly {0} failed ({1}); run it again to resume where it stopped",
                    day,
                    e.getClass().getSimpleName());
              }
            });
  }

  private Summary stages(JobRun run, LocalDate day, Consumer<String> progress) {
    if (run.finished(ANALYTICS).isPresent() || run.finished(MODEL).isPresent()) {
      progress.accept(
          "nightly " + day + ": attempt " + run.attempt() + " resumes where the last one stopped");
    }
    // A finished stage's figures are the kept ones (unless somebody has deleted them since).
    DailyReport report =
        run.finished(ANALYTICS).isEmpty()
            ? null
            : analytics.reports(day, day).stream().findFirst().orElse(null);
    Duration took = null;
    if (report != null) {
      progress.accept("nightly " + day + ": stage 1/2, analytics: finished before, skipped");
    } else {
      progress.accept("nightly " + day + ": stage 1/2, analytics");
      long started = System.nanoTime();
      report = analytics.computeDay(day);
      took = Duration.ofNanos(System.nanoTime() - started);
      String line =
          String.format(
              Locale.ROOT,
              "nightly %s: analytics done in %,d ms: %,d orders placed, %,d paid, revenue %,d cents",
              day,
              took.toMillis(),
              report.totals().ordersPlaced(),
              report.totals().paidOrders(),
              report.totals().revenueCents());
      run.stageFinished(ANALYTICS, line);
      progress.accept(line);
    }
    RecommendationsApi.Version model = null;
    if (run.finished(MODEL).isPresent()) {
      progress.accept(
          "nightly " + day + ": stage 2/2, recommendation model: finished before, skipped");
    } else {
      progress.accept("nightly " + day + ": stage 2/2, recommendation model");
      model = trainModel(day, run, step -> progress.accept("nightly " + day + ": model: " + step));
      run.checkHeld();
      published.run();
      String line = modelLine(day, model);
      run.stageFinished(MODEL, line);
      progress.accept(line);
    }
    run.succeeded();
    return new Summary(day, run.attempt(), report, took, model);
  }

  private RecommendationsApi.Version trainModel(
      LocalDate day, JobRun run, Consumer<String> progress) {
    // On the purchases up to the end of the day, so that a resumed or repeated run of a day learns
    // what it learnt then; evaluated on its last two weeks, trained on all of them, stored.
    Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant evaluateFrom = end.minus(Duration.ofDays(EVALUATION_DAYS));
    run.checkHeld();
    return recommendations.trainAndPublish(evaluateFrom, end, progress);
  }

  private static String modelLine(LocalDate day, RecommendationsApi.Version model) {
    OfflineEvaluation.Result q = model.quality();
    OfflineEvaluation.Result other = q.runnerUp();
    return String.format(
        Locale.ROOT,
        "nightly %s: model version %d (%s) stored in %,d ms: %,d purchase lines, %,d products;"
            + " on the last %d days (%,d customers) hit rate@10 %.4f (popularity %.4f), NDCG@10"
            + " %.4f (popularity %.4f)%s",
        day,
        model.stored(),
        q.family().label(),
        model.took().toMillis(),
        model.purchases(),
        model.products(),
        EVALUATION_DAYS,
        q.customers(),
        q.modelHitRate(),
        q.popularHitRate(),
        q.modelNdcg(),
        q.popularNdcg(),
        other == null
            ? ""
            : String.format(
                Locale.ROOT,
                "; not kept: %s hit rate@10 %.4f, NDCG@10 %.4f",
                other.family().label(),
                other.modelHitRate(),
                other.modelNdcg()));
  }
}
