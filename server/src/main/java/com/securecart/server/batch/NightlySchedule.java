package com.securecart.server.batch;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the nightly job for the day before, at 02:00 in the clock's zone, on an instance with the
 * batch role. A failed run is logged and tried again the next night (or run by hand).
 */
public final class NightlySchedule implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(NightlySchedule.class.getName());
  static final LocalTime AT = LocalTime.of(2, 0);

  private final NightlyJob job;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("nightly").factory());

  public NightlySchedule(NightlyJob job, Clock clock) {
    this.job = job;
    this.clock = clock;
  }

  public void start() {
    scheduleNext();
  }

  /** How long from {@code now} until the next 02:00. */
  static Duration untilNext(ZonedDateTime now) {
    ZonedDateTime next = now.toLocalDate().atTime(AT).atZone(now.getZone());
    if (!next.isAfter(now)) {
      next = now.toLocalDate().plusDays(1).atTime(AT).atZone(now.getZone());
    }
    return Duration.between(now, next);
  }

  private void scheduleNext() {
    Duration wait = untilNext(ZonedDateTime.now(clock));
    scheduler.schedule(this::runNow, wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void runNow() {
    LocalDate yesterday = NightlyJob.yesterday(clock);
    try {
      job.run(yesterday, line -> LOG.log(System.Logger.Level.INFO, line));
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "nightly {0} failed ({1}); it runs again tomorrow night or by hand",
          yesterday,
          e.getClass().getSimpleName());
    } finally {
      scheduleNext();
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
