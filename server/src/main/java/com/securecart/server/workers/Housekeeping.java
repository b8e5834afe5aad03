package com.securecart.server.workers;

import com.securecart.app.Maintenance;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the periodic clean-up ({@link Maintenance}) on workers: expired reservations every 5 s,
 * purges of stale sessions, keys and old events every 5 min.
 */
public final class Housekeeping implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());

  private final Maintenance maintenance;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("housekeeping").factory());

  public Housekeeping(Maintenance maintenance) {
    this.maintenance = maintenance;
  }

  public void start() {
    scheduler.scheduleWithFixedDelay(
        () -> guarded(this::expireReservations), 1, 5, TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(() -> guarded(this::purge), 30, 300, TimeUnit.SECONDS);
  }

  private int expireReservations() {
    int expired = maintenance.expireReservations(500);
    if (expired > 0) {
      LOG.log(System.Logger.Level.INFO, "expired {0} unpaid order(s), stock returned", expired);
    }
    return expired;
  }

  private void purge() {
    maintenance.purge();
  }

  private static void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING, "housekeeping failed: " + e.getClass().getSimpleName(), e);
    }
  }

  /**
   * Lets a sweep in hand finish (each order it expires is a transaction of its own; an interrupt
   * mid-statement would break the connection), starts no new one, then insists.
   */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
