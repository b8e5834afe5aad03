package com.securecart.server.metrics;

import com.securecart.outbox.Outbox;
import com.securecart.pipeline.PipelineObserver;
import com.securecart.search.SearchIndex;
import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The meters SecureCart keeps, and the one registry they live in. Figures are this instance's; the
 * outbox backlog is the database's (shared by every instance).
 */
public final class Metrics implements AutoCloseable {
  private static final HeaderName SERVER_TIMING = HeaderNames.create("Server-Timing");
  private static final Duration BACKLOG_CACHE = Duration.ofSeconds(1);

  /**
   * Latency buckets (seconds) of the per-route histogram: few enough to keep one series set per
   * route and status small, with edges at the SLO thresholds of docs/operations.md.
   */
  static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2_500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

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
  private final Counter cspViolations;
  private final Counter events;
  private final AtomicInteger busyWorkers = new AtomicInteger();
  private final AtomicInteger openStreams = new AtomicInteger();
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final Clock clock;
  private volatile Supplier<Outbox.Backlog> backlogQuery =
      () -> new Outbox.Backlog(0, java.util.Optional.empty());
  private volatile Outbox.Backlog backlog = new Outbox.Backlog(0, java.util.Optional.empty());
  private volatile long backlogReadAt;

  public Metrics() {
    this(Clock.systemUTC());
  }

  public Metrics(Clock clock) {
    this.clock = clock;
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    new FileDescriptorMetrics().bindTo(registry);
    // All requests together, with client-side percentiles for the operations page; the per-route
    // histogram (http.server.requests, tagged) is what Prometheus aggregates and alerts on.
    this.requests =
        Timer.builder("securecart.http.requests.all")
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
    this.cspViolations =
        Counter.builder("securecart.csp.violations")
            .description("Content-Security-Policy violations browsers reported (POST /csp-report)")
            .register(registry);
    this.events =
        Counter.builder("securecart.outbox.events.handled")
            .description("outbox events this instance's workers handled")
            .register(registry);
    Gauge.builder("securecart.outbox.backlog", this, m -> m.outboxBacklog().pending())
        .description("outbox events not yet done, all instances")
        .register(registry);
    Gauge.builder("securecart.outbox.oldest.age", this, Metrics::oldestPendingAgeSeconds)
        .description("age of the oldest outbox event not yet done (0 when none waits)")
        .baseUnit("seconds")
        .register(registry);
    Gauge.builder("securecart.workers.busy", busyWorkers, AtomicInteger::get)
        .description("worker loops handling a batch now")
        .register(registry);
    Gauge.builder("securecart.web.streams", openStreams, AtomicInteger::get)
        .description("open Server-Sent Event streams")
        .register(registry);
  }

  /**
   * Where the outbox gauges read from; read at most once a second, whoever scrapes.
   *
   * @param backlogQuery the outbox's pending count and oldest pending event
   */
  public void watchOutbox(Supplier<Outbox.Backlog> backlogQuery) {
    this.backlogQuery = backlogQuery;
    this.backlogReadAt = 0;
  }

  /** The registry, for meters other packages add (admission control). */
  public MeterRegistry registry() {
    return registry;
  }

  /** HikariCP's own meters (connections active, idle, pending, acquire time) in this registry. */
  public MetricsTrackerFactory connectionPoolTracker() {
    return new MicrometerMetricsTrackerFactory(registry);
  }

  /** Times the pipeline's steps and counts their retries and failures. */
  public PipelineObserver pipelineObserver() {
    return new PipelineMeters(registry);
  }

  /** The index, with its searches and suggestions timed. */
  public SearchIndex timed(SearchIndex index) {
    return new TimedSearchIndex(index, registry);
  }

  /**
   * Times every request and, with {@code serverTiming} ({@code SECURECART_SERVER_TIMING=true}),
   * tells the client the server's own time ({@code Server-Timing: app;dur=ms}), so that a benchmark
   * can put it next to what it measured. Event streams are not timed: they last minutes by design.
   */
  public Filter httpFilter(boolean serverTiming) {
    return (chain, req, res) -> {
      if (req.headers()
          .first(HeaderNames.ACCEPT)
          .map(a -> a.contains("text/event-stream"))
          .orElse(false)) {
        chain.proceed();
        return;
      }
      long started = System.nanoTime();
      if (serverTiming) {
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
      }
      res.whenSent(
          () -> {
            long took = System.nanoTime() - started;
            requests.record(took, TimeUnit.NANOSECONDS);
            routeTimer(req.prologue().method().text(), route(req), res.status().code())
                .record(took, TimeUnit.NANOSECONDS);
          });
      chain.proceed();
    };
  }

  /**
   * The route template that matched ({@code /api/orders/{id}}), never the raw path: one series per
   * route, whatever ids clients send. Requests no route matched share one label.
   */
  static String route(io.helidon.webserver.http.ServerRequest req) {
    return req.matchingPattern().filter(p -> !p.isEmpty()).orElse("unmatched");
  }

  private Timer routeTimer(String method, String route, int status) {
    return Timer.builder("http.server.requests")
        .description("HTTP requests by route template and status, event streams excepted")
        .tag("method", method)
        .tag("route", route)
        .tag("status", Integer.toString(status))
        .tag("outcome", status >= 500 ? "SERVER_ERROR" : status >= 400 ? "CLIENT_ERROR" : "SUCCESS")
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  /**
   * The counter of security events ({@code securecart_security_events_total{event}}), each label
   * registered now at zero, so that Prometheus sees the first event as an increase.
   *
   * @return increments the counter of an event label
   */
  public java.util.function.Consumer<String> securityEvents(java.util.Collection<String> labels) {
    java.util.Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();
    for (String label : labels) {
      counters.put(
          label,
          Counter.builder("securecart.security.events")
              .description("security events: sign-ins, refusals, rate limits (docs/audit.md)")
              .tag("event", label)
              .register(registry));
    }
    return label -> {
      Counter c = counters.get(label);
      if (c == null) {
        throw new IllegalArgumentException("unregistered security event " + label);
      }
      c.increment();
    };
  }

  /**
   * A storefront's calls to the recommendations service: a counter by outcome ({@code
   * securecart_recommendations_remote_calls_total{outcome}}), each outcome registered now at zero,
   * and a timer of the calls actually made ({@code securecart_recommendations_remote_seconds}).
   *
   * @return records one call: its outcome and how long it took (null: none was made)
   */
  public java.util.function.BiConsumer<String, java.time.Duration> recommendationCalls(
      java.util.Collection<String> outcomes) {
    java.util.Map<String, Counter> counters = new java.util.HashMap<>();
    for (String outcome : outcomes) {
      counters.put(
          outcome,
          Counter.builder("securecart.recommendations.remote.calls")
              .description("calls to the recommendations service, by outcome")
              .tag("outcome", outcome)
              .register(registry));
    }
    Timer took =
        Timer.builder("securecart.recommendations.remote")
            .description("time to an answer (or a timeout) from the recommendations service")
            .register(registry);
    return (outcome, duration) -> {
      counters.get(outcome).increment();
      if (duration != null) {
        took.record(duration);
      }
    };
  }

  /** A browser reported a Content-Security-Policy violation. */
  public void cspViolation() {
    cspViolations.increment();
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
        outboxBacklog().pending(),
        busyWorkers.get(),
        openStreams.get());
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
  }

  private double oldestPendingAgeSeconds() {
    return outboxBacklog()
        .oldestCreatedAt()
        .map(t -> Math.max(0, Duration.between(t, clock.instant()).toMillis() / 1000.0))
        .orElse(0.0);
  }

  private Outbox.Backlog outboxBacklog() {
    long now = System.nanoTime();
    if (now - backlogReadAt > BACKLOG_CACHE.toNanos() || backlogReadAt == 0) {
      try {
        backlog = backlogQuery.get();
      } catch (RuntimeException e) {
        // The database is unreachable: keep showing the last figure rather than failing a scrape.
      }
      backlogReadAt = now;
    }
    return backlog;
  }
}
