package com.securecart.server.batch;

import com.securecart.jobs.RunState;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the nightly job at 02:00 in the clock's zone, on an instance with the batch role, for the
 * last UTC day that has ended ({@link NightlyJob#lastFullDay}); where 02:00 local falls less than
 * {@link NightlyJob#SETTLE} after midnight UTC, it waits until then. A day that already has a
 * finished run (another instance's, or one run by hand) is left alone. A failed run of a day is
 * tried again 15 minutes later, up to three times (each try resumes after the stages the last one
 * finished). An instance that starts while the last full day has no finished run (it crashed, or
 * nothing ran at 02:00) catches up at once.
 */
public final class NightlySchedule implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(NightlySchedule.class.getName());
  static final LocalTime AT = LocalTime.of(2, 0);
  static final Duration RETRY_AFTER = Duration.ofMinutes(15);
  static final int RETRIES = 3;

  private final NightlyJob job;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("nightly").factory());

  public NightlySchedule(NightlyJob job, Clock clock) {
    this.job = job;
    this.clock = clock;
  }

  public void start() {
    LocalDate day = NightlyJob.lastFullDay(clock.instant());
    boolean catchUp;
    try {
      catchUp = due(job.runOf(day));
    } catch (RuntimeException e) {
      // The database is away at start: tonight's run is scheduled as usual.
      catchUp = false;
    }
    if (catchUp) {
      LOG.log(System.Logger.Level.INFO, "nightly: {0} has no finished run; catching up", day);
      scheduler.execute(() -> runNow(day, 0));
    } else {
      scheduleNext();
    }
  }

  /**
   * How long from {@code now} until the next run: 02:00 in {@code now}'s zone, or, where that falls
   * less than {@link NightlyJob#SETTLE} after midnight UTC, that much after midnight UTC.
   */
  static Duration untilNext(ZonedDateTime now) {
    ZonedDateTime next = now.toLocalDate().atTime(AT).atZone(now.getZone());
    if (!next.isAfter(now)) {
      next = now.toLocalDate().plusDays(1).atTime(AT).atZone(now.getZone());
    }
    ZonedDateTime utc = next.withZoneSameInstant(ZoneOffset.UTC);
    ZonedDateTime settled = utc.toLocalDate().atStartOfDay(ZoneOffset.UTC).plus(NightlyJob.SETTLE);
    if (utc.isBefore(settled)) {
      next = settled.withZoneSameInstant(now.getZone());
    }
    return Duration.between(now, next);
  }

  /** Whether a day with this run (if any) still needs one: it has none, or none that finished. */
  static boolean due(Optional<RunState> run) {
    return run.map(r -> r.status() != RunState.Status.DONE).orElse(true);
  }

  /** When to try a day again after its {@code failures}-th failure, if at all. */
  static Optional<Duration> retryAfter(int failures) {
    return failures <= RETRIES ? Optional.of(RETRY_AFTER) : Optional.empty();
  }

  private void scheduleNext() {
    Duration wait = untilNext(ZonedDateTime.now(clock));
    scheduler.schedule(
        () -> runNow(NightlyJob.lastFullDay(clock.instant()), 0),
        wait.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void runNow(LocalDate day, int failedBefore) {
    try {
      if (due(job.runOf(day))) {
        job.run(day, line -> LOG.log(System.Logger.Level.INFO, line));
      } else {
        LOG.log(System.Logger.Level.INFO, "nightly {0}: already done", day);
      }
      scheduleNext();
    } catch (RuntimeException e) {
      // A failure, or another run holding the day (409): look again later; the next try resumes.
      Optional<Duration> retry = retryAfter(failedBefore + 1);
      LOG.log(
          System.Logger.Level.WARNING,
          "nightly {0} did not finish ({1}); {2}",
          day,
          e instanceof com.securecart.shared.DomainException d
              ? d.detail()
              : e.getClass().getSimpleName(),
          retry.isPresent()
              ? "tried again in " + retry.get().toMinutes() + " min, resuming where it stopped"
              : "it is left for a run by hand");
      if (retry.isPresent()) {
        scheduler.schedule(
            () -> runNow(day, failedBefore + 1), retry.get().toMillis(), TimeUnit.MILLISECONDS);
      } else {
        scheduleNext();
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
