package com.securecart.server.batch;

import com.securecart.jobs.RunState;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the nightly job for the day before, at 02:00 in the clock's zone, on an instance with the
 * batch role. A failed run is tried again 15 minutes later, up to three times a night (each try
 * resumes after the stages the last one finished). An instance that starts after 02:00 while the
 * day before has no finished run (it crashed, or none was up at 02:00) catches up at once.
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
    ZonedDateTime now = ZonedDateTime.now(clock);
    boolean catchUp;
    try {
      catchUp = catchUpDue(now, job.runOf(NightlyJob.yesterday(clock)));
    } catch (RuntimeException e) {
      // The database is away at start: tonight's run is scheduled as usual.
      catchUp = false;
    }
    if (catchUp) {
      LOG.log(System.Logger.Level.INFO, "nightly: the day before has no finished run; catching up");
      scheduler.execute(() -> runNow(0));
    } else {
      scheduleNext();
    }
  }

  /** How long from {@code now} until the next 02:00. */
  static Duration untilNext(ZonedDateTime now) {
    ZonedDateTime next = now.toLocalDate().atTime(AT).atZone(now.getZone());
    if (!next.isAfter(now)) {
      next = now.toLocalDate().plusDays(1).atTime(AT).atZone(now.getZone());
    }
    return Duration.between(now, next);
  }

  /**
   * Whether an instance starting {@code now} runs the day before at once: past 02:00 (before it,
   * tonight's run comes anyway) and that day's run is missing or unfinished.
   */
  static boolean catchUpDue(ZonedDateTime now, Optional<RunState> yesterdays) {
    return !now.toLocalTime().isBefore(AT)
        && yesterdays.map(r -> r.status() != RunState.Status.DONE).orElse(true);
  }

  /** When to try again after the {@code failures}-th failure of a night, if at all. */
  static Optional<Duration> retryAfter(int failures) {
    return failures <= RETRIES ? Optional.of(RETRY_AFTER) : Optional.empty();
  }

  private void scheduleNext() {
    Duration wait = untilNext(ZonedDateTime.now(clock));
    scheduler.schedule(() -> runNow(0), wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runNow(int failedBefore) {
    LocalDate yesterday = NightlyJob.yesterday(clock);
    try {
      job.run(yesterday, line -> LOG.log(System.Logger.Level.INFO, line));
      scheduleNext();
    } catch (RuntimeException e) {
      Optional<Duration> retry = retryAfter(failedBefore + 1);
      LOG.log(
          System.Logger.Level.WARNING,
          "nightly {0} failed ({1}); {2}",
          yesterday,
          e.getClass().getSimpleName(),
          retry.isPresent()
              ? "tried again in " + retry.get().toMinutes() + " min, resuming where it stopped"
              : "it runs again tomorrow night, or by hand");
      if (retry.isPresent()) {
        scheduler.schedule(
            () -> runNow(failedBefore + 1), retry.get().toMillis(), TimeUnit.MILLISECONDS);
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
