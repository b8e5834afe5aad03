package com.securecart.app;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the pipeline's dispatch loops as soon as a local transaction appended outbox events. The
 * outbox rings it and the loops wait on it, so neither needs the other to exist first (the outbox
 * is built before the pipeline that the loops run).
 */
public final class Doorbell {
  private final Semaphore rings = new Semaphore(0);
  private final int listeners;

  /**
   * @param listeners how many loops wait on it: more pending rings than that would only wake them
   *     for nothing
   */
  public Doorbell(int listeners) {
    this.listeners = listeners;
  }

  /** How many loops wait on it. */
  public int listeners() {
    return listeners;
  }

  public void ring() {
    if (rings.availablePermits() < listeners) {
      rings.release();
    }
  }

  /** Waits for a ring at most {@code timeout}; true if one came. */
  public boolean await(Duration timeout) throws InterruptedException {
    return rings.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Wakes every listener, so that loops told to stop see it at once. */
  public void wakeAll() {
    rings.release(listeners);
  }
}
