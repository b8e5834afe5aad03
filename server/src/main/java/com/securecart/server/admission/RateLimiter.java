package com.securecart.server.admission;

import com.securecart.server.config.AdmissionConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.local.SynchronizationStrategy;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * Token buckets per client and rule (Bucket4j, lock-free local buckets). On PostgreSQL the sign-in
 * and registration rules take from buckets in the database instead ({@link SharedBuckets}), shared
 * by every instance; should the database fail a take, the local bucket answers for it. Memory is
 * bounded: each rule keeps at most {@code maxClients} buckets; past that, buckets that have
 * refilled to full (their client has been quiet, so forgetting them changes nothing) are dropped,
 * and if that is not enough (a flood of distinct clients), arbitrary ones, which at worst hands
 * those clients a fresh bucket.
 */
public final class RateLimiter {
  /**
   * Violation reports per address: a page that breaks its policy reports a handful at a time, so a
   * client past this is flooding the log.
   */
  public static final AdmissionConfig.RateLimit CSP_REPORTS =
      new AdmissionConfig.RateLimit(20, Duration.ofMinutes(1));

  private static final System.Logger LOG = System.getLogger(RateLimiter.class.getName());

  /** The rules whose buckets are shared through the database when it is PostgreSQL. */
  static final java.util.Set<RequestClass.Rule> SHARED =
      java.util.EnumSet.of(RequestClass.Rule.LOGIN, RequestClass.Rule.REGISTRATION);

  private final Map<RequestClass.Rule, Rule> rules = new EnumMap<>(RequestClass.Rule.class);
  private final int maxClients;
  private final TimeMeter time;
  private final SharedBuckets shared;
  private final java.util.concurrent.atomic.AtomicLong lastSharedFailureLog =
      new java.util.concurrent.atomic.AtomicLong(Long.MIN_VALUE);

  private final class Rule {
    private final RequestClass.Rule rule;
    private final AdmissionConfig.RateLimit limit;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private final Counter rejected;

    private final Counter sharedFailures;

    Rule(RequestClass.Rule rule, AdmissionConfig.RateLimit limit, MeterRegistry registry) {
      this.rule = rule;
      this.limit = limit;
      String tag = rule.name().toLowerCase(Locale.ROOT);
      this.rejected =
          Counter.builder("securecart.ratelimit.rejected")
              .description("requests refused with 429 because the client's bucket was empty")
              .tag("rule", tag)
              .register(registry);
      Gauge.builder("securecart.ratelimit.clients", buckets, Map::size)
          .description("clients with a token bucket kept in memory")
          .tag("rule", tag)
          .register(registry);
      this.sharedFailures =
          Counter.builder("securecart.ratelimit.shared.failures")
              .description("takes from a shared bucket that failed, answered by the local bucket")
              .tag("rule", tag)
              .register(registry);
    }

    long tryConsume(String client) {
      if (shared != null && SHARED.contains(rule)) {
        try {
          long wait = shared.tryConsume(rule.name().toLowerCase(Locale.ROOT) + "|" + client, limit);
          if (wait > 0) {
            rejected.increment();
          }
          return wait;
        } catch (RuntimeException e) {
          sharedFailures.increment();
          logSharedFailure(e);
        }
      }
      return tryConsumeLocally(client);
    }

    long tryConsumeLocally(String client) {
      Bucket bucket = buckets.get(client);
      if (bucket == null) {
        if (buckets.size() >= maxClients) {
          evict();
        }
        Bucket fresh =
            Bucket.builder()
                .addLimit(
                    Bandwidth.builder()
                        .capacity(limit.tokens())
                        .refillGreedy(limit.tokens(), limit.period())
                        .build())
                .withCustomTimePrecision(time)
                .withSynchronizationStrategy(SynchronizationStrategy.LOCK_FREE)
                .build();
        Bucket raced = buckets.putIfAbsent(client, fresh);
        bucket = raced == null ? fresh : raced;
      }
      ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
      if (probe.isConsumed()) {
        return 0;
      }
      rejected.increment();
      return Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** One thread sweeps at a time; the others go on without waiting. */
    private void evict() {
      if (!sweeping.compareAndSet(false, true)) {
        return;
      }
      try {
        int target = maxClients - Math.max(1, maxClients / 10);
        buckets.values().removeIf(b -> b.getAvailableTokens() >= limit.tokens());
        Iterator<String> keys = buckets.keySet().iterator();
        while (buckets.size() > target && keys.hasNext()) {
          keys.next();
          keys.remove();
        }
      } finally {
        sweeping.set(false);
      }
    }
  }

  public RateLimiter(AdmissionConfig config, MeterRegistry registry) {
    this(config, registry, TimeMeter.SYSTEM_NANOTIME, null);
  }

  /**
   * @param postgres the PostgreSQL database to share the sign-in and registration buckets through,
   *     or null to keep every bucket in memory (the embedded H2, or {@code SECURECART_RATE_SHARED}
   *     is false)
   */
  public RateLimiter(AdmissionConfig config, MeterRegistry registry, DataSource postgres) {
    this(
        config,
        registry,
        TimeMeter.SYSTEM_NANOTIME,
        postgres != null && config.sharedBuckets() ? new SharedBuckets(postgres) : null);
  }

  RateLimiter(AdmissionConfig config, MeterRegistry registry, TimeMeter time) {
    this(config, registry, time, null);
  }

  private RateLimiter(
      AdmissionConfig config, MeterRegistry registry, TimeMeter time, SharedBuckets shared) {
    this.maxClients = config.maxClients();
    this.time = time;
    this.shared = shared;
    add(RequestClass.Rule.LOGIN, config.login(), registry);
    add(RequestClass.Rule.REGISTRATION, config.registration(), registry);
    add(RequestClass.Rule.CHECKOUT, config.checkout(), registry);
    add(RequestClass.Rule.SEARCH, config.search(), registry);
    add(RequestClass.Rule.CSP_REPORT, CSP_REPORTS, registry);
  }

  private void add(
      RequestClass.Rule rule, AdmissionConfig.RateLimit limit, MeterRegistry registry) {
    if (limit.enabled()) {
      rules.put(rule, new Rule(rule, limit, registry));
    }
  }

  /** Whether this rule limits anyone (a disabled rule costs nothing, not even a client lookup). */
  public boolean limits(RequestClass.Rule rule) {
    return rules.containsKey(rule);
  }

  /**
   * Takes a token from the client's bucket for this rule; returns 0 when the request may go on, or
   * the nanoseconds until a token will be there.
   */
  public long tryConsume(RequestClass.Rule rule, String client) {
    Rule r = rules.get(rule);
    return r == null ? 0 : r.tryConsume(client);
  }

  /** Whether the sign-in and registration buckets are in the database. */
  public boolean shared() {
    return shared != null;
  }

  /** At most one line a minute: a database outage must not flood the log. */
  private void logSharedFailure(RuntimeException e) {
    long now = System.nanoTime();
    long last = lastSharedFailureLog.get();
    if ((last == Long.MIN_VALUE || now - last > 60_000_000_000L)
        && lastSharedFailureLog.compareAndSet(last, now)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "shared rate-limit bucket unavailable, this instance's own bucket answers: "
              + e.getClass().getSimpleName());
    }
  }

  int trackedClients(RequestClass.Rule rule) {
    Rule r = rules.get(rule);
    return r == null ? 0 : r.buckets.size();
  }
}
