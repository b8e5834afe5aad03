package com.securecart.server.workers;

import com.securecart.app.Maintenance;
import com.securecart.notifications.UnsentClaim;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the periodic clean-up ({@link Maintenance}) on workers: expired reservations every 5 s,
 * purges of stale sessions, keys and old events every 5 min, and a WARNING per stale notification
 * claim every 5 min (docs/operations.md, "Unsent notification claims").
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
    scheduler.scheduleWithFixedDelay(
        () -> guarded(this::reportStaleClaims), 60, 300, TimeUnit.SECONDS);
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

  /** The order and the kind only: the claim's e-mail address stays in the database. */
  private void reportStaleClaims() {
    for (UnsentClaim claim : maintenance.reportStaleClaims()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "notification claim unsent: order {0} {1} claimed at {2}; not resent, check the"
              + " transport log for the message",
          String.valueOf(claim.orderId()),
          claim.kind(),
          claim.claimedAt());
    }
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
