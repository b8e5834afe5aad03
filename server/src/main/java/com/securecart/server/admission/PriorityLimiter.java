package com.securecart.server.admission;

import com.netflix.concurrency.limits.Limit;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limit.WindowedLimit;
import com.securecart.server.config.AdmissionConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A concurrency limit with priorities. The limit itself comes from Netflix concurrency-limits
 * (Gradient2, which lowers it when latency rises above the long-run baseline and raises it when
 * there is headroom); this class decides who gets a permit: a request of priority {@code p} is
 * admitted while fewer than {@code p.threshold(limit)} requests are in flight, so the lowest
 * priority is refused first as load grows, and checkout last.
 *
 * <p>The library's own limiters take a lock on every acquire, and its limits update under a
 * monitor; on virtual threads under full load a contended monitor can starve requests (see the
 * search module's README, "One thread per search"). Here admission is one compare-and-set on a
 * counter, and samples go through {@link WindowedLimit}, which aggregates them lock-free and lets a
 * single thread at a time (tryLock, never waiting) hand a window to Gradient2.
 */
public final class PriorityLimiter {
  private final Limit limit;
  private final LongSupplier nanoClock;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Counter[] rejected = new Counter[Priority.values().length];
  private final Counter[] admitted = new Counter[Priority.values().length];

  /** A granted slot; exactly one of its methods must be called when the request is done. */
  public final class Permit {
    private final long startedNanos;
    private final int inFlightAtStart;
    private boolean released;

    private Permit(long startedNanos, int inFlightAtStart) {
      this.startedNanos = startedNanos;
      this.inFlightAtStart = inFlightAtStart;
    }

    /** The request was answered: its latency feeds the limit. */
    public void success() {
      if (release()) {
        limit.onSample(startedNanos, nanoClock.getAsLong() - startedNanos, inFlightAtStart, false);
      }
    }

    /** The request failed in a way that says nothing about load (a client error, a crash). */
    public void ignore() {
      release();
    }

    private boolean release() {
      if (released) {
        return false;
      }
      released = true;
      inFlight.decrementAndGet();
      return true;
    }
  }

  public PriorityLimiter(AdmissionConfig config, MeterRegistry registry) {
    this(limitFor(config), registry, System::nanoTime);
  }

  PriorityLimiter(Limit limit, MeterRegistry registry, LongSupplier nanoClock) {
    this.limit = limit;
    this.nanoClock = nanoClock;
    for (Priority p : Priority.values()) {
      String tag = p.name().toLowerCase(java.util.Locale.ROOT);
      rejected[p.ordinal()] =
          Counter.builder("securecart.admission.rejected")
              .description("requests shed with 503 because the concurrency limit was reached")
              .tag("priority", tag)
              .register(registry);
      admitted[p.ordinal()] =
          Counter.builder("securecart.admission.admitted")
              .description("requests admitted by the concurrency limiter")
              .tag("priority", tag)
              .register(registry);
    }
    Gauge.builder("securecart.admission.limit", limit, Limit::getLimit)
        .description("the current concurrency limit (requests in flight)")
        .register(registry);
    Gauge.builder("securecart.admission.inflight", inFlight, AtomicInteger::get)
        .description("requests in flight that hold a permit")
        .register(registry);
  }

  static Limit limitFor(AdmissionConfig config) {
    if (config.fixedLimit()) {
      return FixedLimit.of(config.minLimit());
    }
    return WindowedLimit.newBuilder()
        .build(
            Gradient2Limit.newBuilder()
                .minLimit(config.minLimit())
                .initialLimit(config.initialLimit())
                .maxConcurrency(config.maxLimit())
                .build());
  }

  /** A permit, or null when the request must be shed. Never blocks. */
  public Permit tryAcquire(Priority priority) {
    int threshold = priority.threshold(limit.getLimit());
    while (true) {
      int current = inFlight.get();
      if (current >= threshold) {
        rejected[priority.ordinal()].increment();
        return null;
      }
      if (inFlight.compareAndSet(current, current + 1)) {
        admitted[priority.ordinal()].increment();
        return new Permit(nanoClock.getAsLong(), current + 1);
      }
    }
  }

  public int limit() {
    return limit.getLimit();
  }

  public int inFlight() {
    return inFlight.get();
  }
}
