package com.securecart.idempotency;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Renews an in-flight claim while its owner works on it, so that a short lease tells a dead owner
 * (its claim goes stale within one lease) from a slow one (it keeps renewing). Stopped with {@link
 * #close()}, never by interrupting it: an interrupt would close the pooled connection it may be
 * using. A renewal that lands after the owner completed or lost the claim changes nothing.
 */
final class ClaimHeartbeat implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ClaimHeartbeat.class.getName());

  private final CountDownLatch stopped = new CountDownLatch(1);

  private ClaimHeartbeat() {}

  /** Calls {@code renew} every {@code interval} until closed or until it answers false. */
  static ClaimHeartbeat start(Duration interval, BooleanSupplier renew) {
    ClaimHeartbeat heartbeat = new ClaimHeartbeat();
    Thread.ofVirtual().name("idempotency-heartbeat").start(() -> heartbeat.run(interval, renew));
    return heartbeat;
  }

  private void run(Duration interval, BooleanSupplier renew) {
    try {
      while (!stopped.await(interval.toNanos(), TimeUnit.NANOSECONDS)) {
        try {
          if (!renew.getAsBoolean()) {
            // The claim is gone (taken over, or completed as we stopped): the owner's own
            // complete() finds out and rolls back if it must.
            return;
          }
        } catch (RuntimeException e) {
          // The database is busy or away: try again next beat. If the claim goes stale meanwhile,
          // a retry may take it over and the owner rolls back (ADR 4), which is safe.
          LOG.log(System.Logger.Level.WARNING, "could not renew an idempotency claim: " + e);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stopped.countDown();
  }
}
