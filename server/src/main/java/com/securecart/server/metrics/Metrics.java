package com.securecart.server.metrics;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The meters SecureCart keeps, and the one registry they live in. Figures are this instance's; the
 * outbox backlog is the database's (shared by every instance).
 */
public final class Metrics {
  private static final HeaderName SERVER_TIMING = HeaderNames.create("Server-Timing");
  private static final Duration BACKLOG_CACHE = Duration.ofSeconds(1);

  /** What the operations page charts, as of now; counters are totals since start. */
  public record Snapshot(
      long atMillis,
      long requests,
      double p50Ms,
      double p95Ms,
      double p99Ms,
      long ordersPlaced,
      long eventsHandled,
      long outboxBacklog,
      int busyWorkers,
      int openStreams) {}

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer requests;
  private final Counter orders;
  private final Counter events;
  private final AtomicInteger busyWorkers = new AtomicInteger();
  private final AtomicInteger openStreams = new AtomicInteger();
  private final LongSupplier backlogQuery;
  private final AtomicLong backlog = new AtomicLong();
  private volatile long backlogReadAt;

  /**
   * @param backlogQuery counts the outbox events not yet done; read at most once a second
   */
  public Metrics(LongSupplier backlogQuery) {
    this.backlogQuery = backlogQuery;
    this.requests =
        Timer.builder("http.server.requests")
            .description("HTTP requests answered, event streams excepted")
            .publishPercentiles(0.5, 0.95, 0.99)
            .publishPercentileHistogram()
            .distributionStatisticExpiry(Duration.ofSeconds(30))
            .distributionStatisticBufferLength(3)
            .register(registry);
    this.orders =
        Counter.builder("securecart.orders.placed")
            .description("orders placed on this instance")
            .register(registry);
    this.events =
        Counter.builder("securecart.outbox.events.handled")
            .description("outbox events this instance's workers handled")
            .register(registry);
    Gauge.builder("securecart.outbox.backlog", this, m -> m.outboxBacklog())
        .description("outbox events not yet done, all instances")
        .register(registry);
    Gauge.builder("securecart.workers.busy", busyWorkers, AtomicInteger::get)
        .description("worker loops handling a batch now")
        .register(registry);
    Gauge.builder("securecart.web.streams", openStreams, AtomicInteger::get)
        .description("open Server-Sent Event streams")
        .register(registry);
  }

  /**
   * Times every request and tells the client the server's own time ({@code Server-Timing:
   * app;dur=ms}), so that a benchmark can put it next to what it measured. Event streams are not
   * timed: they last minutes by design.
   */
  public Filter httpFilter() {
    return (chain, req, res) -> {
      if (req.headers()
          .first(HeaderNames.ACCEPT)
          .map(a -> a.contains("text/event-stream"))
          .orElse(false)) {
        chain.proceed();
        return;
      }
      long started = System.nanoTime();
      res.beforeSend(
          () ->
              res.headers()
                  .add(
                      HeaderValues.create(
                          SERVER_TIMING,
                          String.format(
                              Locale.ROOT,
                              "app;dur=%.3f",
                              (System.nanoTime() - started) / 1_000_000.0))));
      res.whenSent(() -> requests.record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
      chain.proceed();
    };
  }

  public void orderPlaced() {
    orders.increment();
  }

  /** Called by a worker loop around each batch it handles. */
  public void workerBusy(boolean busy) {
    if (busy) {
      busyWorkers.incrementAndGet();
    } else {
      busyWorkers.decrementAndGet();
    }
  }

  public void eventsHandled(int count) {
    events.increment(count);
  }

  public void streamOpened() {
    openStreams.incrementAndGet();
  }

  public void streamClosed() {
    openStreams.decrementAndGet();
  }

  public Snapshot snapshot() {
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    for (ValueAtPercentile v : requests.takeSnapshot().percentileValues()) {
      double ms = v.value(TimeUnit.MILLISECONDS);
      if (v.percentile() == 0.5) {
        p50 = ms;
      } else if (v.percentile() == 0.95) {
        p95 = ms;
      } else if (v.percentile() == 0.99) {
        p99 = ms;
      }
    }
    return new Snapshot(
        System.currentTimeMillis(),
        requests.count(),
        p50,
        p95,
        p99,
        (long) orders.count(),
        (long) events.count(),
        outboxBacklog(),
        busyWorkers.get(),
        openStreams.get());
  }

  /** The registry, for components that keep their own meters in it (admission control). */
  public io.micrometer.core.instrument.MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  private long outboxBacklog() {
    long now = System.nanoTime();
    if (now - backlogReadAt > BACKLOG_CACHE.toNanos() || backlogReadAt == 0) {
      try {
        backlog.set(backlogQuery.getAsLong());
      } catch (RuntimeException e) {
        // The database is unreachable: keep showing the last figure rather than failing a scrape.
      }
      backlogReadAt = now;
    }
    return backlog.get();
  }
}
