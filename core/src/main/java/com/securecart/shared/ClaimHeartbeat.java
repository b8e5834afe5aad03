package com.securecart.shared;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Renews an in-flight claim while its owner works on it, so that a short lease tells a dead owner
 * (its claim goes stale within one lease) from a slow one (it keeps renewing). Stopped with {@link
 * #close()}, never by interrupting it: an interrupt would close the pooled connection it may be
 * using. A renewal that lands after the owner completed or lost the claim changes nothing. Shared
 * by the idempotency keys (ADR 4) and the outbox workers (ADR 2).
 */
public final class ClaimHeartbeat implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ClaimHeartbeat.class.getName());

  private final CountDownLatch stopped = new CountDownLatch(1);

  private ClaimHeartbeat() {}

  /**
   * Calls {@code renew} every {@code interval} until closed or until it answers false; {@code what}
   * names the thread and the claims in its warnings.
   */
  public static ClaimHeartbeat start(String what, Duration interval, BooleanSupplier renew) {
    ClaimHeartbeat heartbeat = new ClaimHeartbeat();
    Thread.ofVirtual().name(what + "-heartbeat").start(() -> heartbeat.run(what, interval, renew));
    return heartbeat;
  }

  private void run(String what, Duration interval, BooleanSupplier renew) {
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
          // another owner may take it over and this one rolls back (ADR 2, ADR 4), which is safe.
          LOG.log(System.Logger.Level.WARNING, "could not renew " + what + " claims: " + e);
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
