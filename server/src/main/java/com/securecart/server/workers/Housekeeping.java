package com.securecart.server.workers;

import com.securecart.changes.ChangeLog;
import com.securecart.idempotency.IdempotencyRepository;
import com.securecart.identity.IdentityApi;
import com.securecart.outbox.Outbox;
import com.securecart.pipeline.ReservationExpiry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Periodic clean-up: expired reservations return to stock; stale sessions, idempotency keys and
 * finished outbox events older than a week go.
 */
public final class Housekeeping implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Housekeeping.class.getName());

  private final ReservationExpiry expiry;
  private final IdentityApi identity;
  private final IdempotencyRepository idempotency;
  private final Outbox outbox;
  private final ChangeLog changes;
  private final Clock clock;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("housekeeping").factory());

  public Housekeeping(
      ReservationExpiry expiry,
      IdentityApi identity,
      IdempotencyRepository idempotency,
      Outbox outbox,
      ChangeLog changes,
      Clock clock) {
    this.expiry = expiry;
    this.identity = identity;
    this.idempotency = idempotency;
    this.outbox = outbox;
    this.changes = changes;
    this.clock = clock;
  }

  public void start() {
    scheduler.scheduleWithFixedDelay(
        () -> guarded(this::expireReservations), 1, 5, TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(() -> guarded(this::purge), 30, 300, TimeUnit.SECONDS);
  }

  public int expireReservations() {
    int expired = expiry.sweep(500);
    if (expired > 0) {
      LOG.log(System.Logger.Level.INFO, "expired {0} unpaid order(s), stock returned", expired);
    }
    return expired;
  }

  private void purge() {
    identity.purgeExpiredSessions();
    idempotency.purgeExpired(clock.instant());
    // Finished events are kept a week for investigation, then go.
    outbox.purgeFinished(clock.instant().minus(Duration.ofDays(7)));
    // A search index that was offline longer than this rebuilds instead of catching up.
    changes.purgeBefore(clock.instant().minus(Duration.ofDays(7)));
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
