package com.securecart.server.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * Slows checkout intake while the order pipeline is behind (ADR 0011, "Backpressure"), so that
 * orders are accepted about as fast as they are confirmed instead of piling up for a minute.
 *
 * <p>Behind means: the oldest outbox event no worker has claimed yet is older than the threshold.
 * One background thread reads that instant four times a second (one indexed query); a request only
 * reads the cached instant and the clock, so the age keeps growing between reads and no request
 * ever queries. Between the threshold and twice it, a rising fraction of checkouts is refused (none
 * at the threshold, all at twice it), so intake eases off rather than stopping at once.
 */
public final class CheckoutBackpressure implements AutoCloseable {
  // Four reads a second: a reading a second old let a burst of checkouts in after the pipeline
  // fell behind, then refused them for a second after it had caught up (issue 18).
  static final Duration REFRESH = Duration.ofMillis(250);
  static final long MAX_RETRY_AFTER_SECONDS = 30;
  private static final System.Logger LOG = System.getLogger(CheckoutBackpressure.class.getName());

  private final long thresholdMillis;
  private final Supplier<Optional<Instant>> oldestUnclaimed;
  private final Clock clock;
  private final DoubleSupplier random;
  private final Counter refused;
  private volatile Instant oldest;
  private volatile boolean running;
  private Thread reader;

  /**
   * @param threshold zero turns the gate off
   * @param oldestUnclaimed the outbox's oldest unclaimed event (read in the background only)
   */
  public CheckoutBackpressure(
      Duration threshold,
      Supplier<Optional<Instant>> oldestUnclaimed,
      Clock clock,
      MeterRegistry registry) {
    this(
        threshold,
        oldestUnclaimed,
        clock,
        registry,
        () -> ThreadLocalRandom.current().nextDouble());
  }

  CheckoutBackpressure(
      Duration threshold,
      Supplier<Optional<Instant>> oldestUnclaimed,
      Clock clock,
      MeterRegistry registry,
      DoubleSupplier random) {
    this.thresholdMillis = threshold.toMillis();
    this.oldestUnclaimed = oldestUnclaimed;
    this.clock = clock;
    this.random = random;
    this.refused =
        Counter.builder("securecart.checkout.backpressure")
            .description("checkouts refused with 503 pipeline-behind because the pipeline lagged")
            .register(registry);
  }

  public boolean enabled() {
    return thresholdMillis > 0;
  }

  /**
   * Zero to admit a checkout now, else the seconds it is told to wait (Retry-After): a tenth of the
   * pipeline's lag, at least 1 and at most 30, so that clients come back about when it has caught
   * up.
   */
  public long retryAfterSeconds() {
    Instant since = oldest;
    if (thresholdMillis == 0 || since == null) {
      return 0;
    }
    long ageMillis = clock.millis() - since.toEpochMilli();
    if (ageMillis < thresholdMillis) {
      return 0;
    }
    double shedFraction = (ageMillis - thresholdMillis) / (double) thresholdMillis;
    if (shedFraction < 1 && random.getAsDouble() >= shedFraction) {
      return 0;
    }
    refused.increment();
    return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(1, (ageMillis + 9_999) / 10_000));
  }

  /** One read of the outbox; on a failure the last figure stays (and its age keeps growing). */
  void refresh() {
    try {
      oldest = oldestUnclaimed.get().orElse(null);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "outbox age not read: " + e.getClass().getSimpleName());
    }
  }

  /** Starts the background reader; does nothing when the gate is off. */
  public synchronized void start() {
    if (!enabled() || running) {
      return;
    }
    running = true;
    reader = Thread.ofVirtual().name("checkout-backpressure").start(this::loop);
  }

  private void loop() {
    while (running) {
      refresh();
      try {
        Thread.sleep(REFRESH);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (reader != null) {
      try {
        // A read in progress finishes (at most one query); a sleeping reader is woken.
        if (!reader.join(REFRESH.multipliedBy(3))) {
          reader.interrupt();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      reader = null;
    }
  }
}
