package com.securecart.server.config;

import com.securecart.app.ConfigException;
import com.securecart.app.SettingsReader;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admission control, rate limits and shutdown draining (ADR 0011), part of {@link Config}.
 *
 * @param minLimit the adaptive concurrency limit never goes below this many requests in flight
 * @param initialLimit where the adaptive limit starts
 * @param maxLimit the adaptive limit never goes above this; equal to {@code minLimit} makes the
 *     limit fixed
 * @param retryAfter what a shed request (503) is told to wait
 * @param login token bucket per client on sign-in (API and form)
 * @param registration token bucket per client on sign-up
 * @param checkout token bucket per client on placing an order
 * @param search token bucket per client on searches and suggestions
 * @param maxClients buckets kept per rule; beyond it, idle clients are forgotten first
 * @param trustedProxies addresses or CIDR blocks whose {@code X-Forwarded-For} is believed
 * @param drainDelay on shutdown, how long readiness reports DOWN before the listener stops, so that
 *     a load balancer stops sending first
 * @param sharedBuckets on PostgreSQL, keep the sign-in and registration buckets in the database,
 *     shared by every instance ({@code SECURECART_RATE_SHARED}, docs/adr/0022); on H2 they are in
 *     memory either way
 * @param checkoutBackpressureAge checkout intake slows (503 {@code pipeline-behind}) once the
 *     oldest outbox event no worker has claimed is older than this; zero turns it off ({@code
 *     SECURECART_CHECKOUT_BACKPRESSURE_AGE_SECONDS}, ADR 0011 "Backpressure")
 */
public record AdmissionConfig(
    int minLimit,
    int initialLimit,
    int maxLimit,
    Duration retryAfter,
    RateLimit login,
    RateLimit registration,
    RateLimit checkout,
    RateLimit search,
    int maxClients,
    List<String> trustedProxies,
    Duration drainDelay,
    boolean sharedBuckets,
    Duration checkoutBackpressureAge) {

  /**
   * Five seconds (issue 18; it was 30 s): intake then waits for a pipeline that fell behind, so
   * confirmations lag seconds rather than a minute, while a hiccup (an instance lost, a database
   * restart) does not refuse checkouts: at 1 s bench faults saw 141 and 174 such refusals and
   * recovery of 11.7 and 8.7 s, at 5 s none after kill -9 and 8 after the restart.
   */
  public static final Duration DEFAULT_BACKPRESSURE_AGE = Duration.ofSeconds(5);

  /** Shared buckets where the database allows, and backpressure at 30 s (the defaults). */
  public AdmissionConfig(
      int minLimit,
      int initialLimit,
      int maxLimit,
      Duration retryAfter,
      RateLimit login,
      RateLimit registration,
      RateLimit checkout,
      RateLimit search,
      int maxClients,
      List<String> trustedProxies,
      Duration drainDelay) {
    this(
        minLimit,
        initialLimit,
        maxLimit,
        retryAfter,
        login,
        registration,
        checkout,
        search,
        maxClients,
        trustedProxies,
        drainDelay,
        true,
        DEFAULT_BACKPRESSURE_AGE);
  }

  private static final Pattern RATE = Pattern.compile("(\\d{1,9})/(\\d{0,6})(s|m|h)");
  private static final Pattern IPV4_OR_CIDR =
      Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}(/\\d{1,2})?");
  private static final Pattern IPV6_OR_CIDR =
      Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/\\d{1,3})?");

  /**
   * A token bucket: up to {@code tokens} requests at once, refilled evenly over {@code period}; 0
   * tokens means no limit.
   */
  public record RateLimit(long tokens, Duration period) {
    public static final RateLimit OFF = new RateLimit(0, Duration.ofMinutes(1));

    public RateLimit {
      if (tokens < 0 || period == null || period.isNegative() || period.isZero()) {
        throw new ConfigException("a rate limit needs tokens >= 0 and a positive period");
      }
    }

    public boolean enabled() {
      return tokens > 0;
    }

    /**
     * Parses {@code 10/1m}, {@code 300/m}, {@code 5/30s}, {@code 1000/1h} or {@code off}; {@code
     * name} says which variable was wrong.
     */
    public static RateLimit parse(String name, String text) {
      String value = text.strip().toLowerCase(Locale.ROOT);
      if (value.equals("off")) {
        return OFF;
      }
      Matcher m = RATE.matcher(value);
      if (!m.matches()) {
        throw new ConfigException(
            name + " must look like 10/1m, 300/m, 5/30s, 1000/1h or off, got '" + text + "'");
      }
      long count = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
      if (count == 0) {
        throw new ConfigException(name + ": the period must be longer than 0, got '" + text + "'");
      }
      Duration period =
          switch (m.group(3)) {
            case "s" -> Duration.ofSeconds(count);
            case "m" -> Duration.ofMinutes(count);
            default -> Duration.ofHours(count);
          };
      return new RateLimit(Long.parseLong(m.group(1)), period);
    }

    @Override
    public String toString() {
      return enabled() ? tokens + "/" + period.toSeconds() + "s" : "off";
    }
  }

  public AdmissionConfig {
    if (minLimit < 1 || maxLimit < minLimit || initialLimit < minLimit || initialLimit > maxLimit) {
      throw new ConfigException(
          "SECURECART_CONCURRENCY_MIN / _INITIAL / _MAX must satisfy 1 <= min <= initial <= max, got "
              + minLimit
              + " / "
              + initialLimit
              + " / "
              + maxLimit);
    }
    if (maxLimit > 100_000) {
      throw new ConfigException("SECURECART_CONCURRENCY_MAX must be at most 100000");
    }
    if (retryAfter == null || retryAfter.toSeconds() < 1 || retryAfter.toSeconds() > 3600) {
      throw new ConfigException("SECURECART_RETRY_AFTER_SECONDS must be 1 to 3600");
    }
    if (login == null || registration == null || checkout == null || search == null) {
      throw new ConfigException("every rate limit must be set (use 'off' to disable one)");
    }
    if (maxClients < 100 || maxClients > 10_000_000) {
      throw new ConfigException("SECURECART_RATE_MAX_CLIENTS must be 100 to 10000000");
    }
    for (String proxy : trustedProxies) {
      if (!IPV4_OR_CIDR.matcher(proxy).matches() && !IPV6_OR_CIDR.matcher(proxy).matches()) {
        throw new ConfigException(
            "SECURECART_TRUSTED_PROXIES must list IP addresses or CIDR blocks (10.0.0.0/8), got '"
                + proxy
                + "'");
      }
    }
    trustedProxies = List.copyOf(trustedProxies);
    if (drainDelay == null || drainDelay.isNegative() || drainDelay.toSeconds() > 300) {
      throw new ConfigException("SECURECART_SHUTDOWN_DRAIN_MS must be 0 to 300000");
    }
    if (checkoutBackpressureAge == null
        || checkoutBackpressureAge.isNegative()
        || checkoutBackpressureAge.toSeconds() > 3600) {
      throw new ConfigException(
          "SECURECART_CHECKOUT_BACKPRESSURE_AGE_SECONDS must be 0 (off) to 3600");
    }
  }

  /**
   * Defaults: a limit that adapts between 100 and 1,000 requests in flight (the benchmarks' 32 to
   * 64 clients never reach the floor), and per-client buckets a person at a keyboard does not
   * notice.
   */
  public static AdmissionConfig defaults() {
    return new AdmissionConfig(
        100,
        100,
        1_000,
        Duration.ofSeconds(1),
        new RateLimit(10, Duration.ofMinutes(1)),
        new RateLimit(5, Duration.ofMinutes(10)),
        new RateLimit(30, Duration.ofMinutes(1)),
        new RateLimit(600, Duration.ofMinutes(1)),
        100_000,
        List.of(),
        Duration.ZERO);
  }

  /**
   * For tests: a concurrency floor above any test's burst (one fires 200 checkouts at once) and
   * buckets too large for any test to empty, kept in memory; tests of the limits build their own.
   */
  public static AdmissionConfig forTests() {
    RateLimit generous = new RateLimit(1_000_000, Duration.ofMinutes(1));
    AdmissionConfig d = defaults();
    return new AdmissionConfig(
        1_000,
        1_000,
        10_000,
        d.retryAfter,
        generous,
        generous,
        generous,
        generous,
        d.maxClients,
        d.trustedProxies,
        d.drainDelay,
        // Nothing to share in buckets no test can empty; a test of sharing turns it on.
        false,
        // Tests that stop or leave out the workers, or move a clock on, would see the pipeline as
        // behind; the backpressure tests turn it on.
        Duration.ZERO);
  }

  public AdmissionConfig withTrustedProxies(List<String> next) {
    return new AdmissionConfig(
        minLimit,
        initialLimit,
        maxLimit,
        retryAfter,
        login,
        registration,
        checkout,
        search,
        maxClients,
        next,
        drainDelay,
        sharedBuckets,
        checkoutBackpressureAge);
  }

  public AdmissionConfig withSharedBuckets(boolean next) {
    return new AdmissionConfig(
        minLimit,
        initialLimit,
        maxLimit,
        retryAfter,
        login,
        registration,
        checkout,
        search,
        maxClients,
        trustedProxies,
        drainDelay,
        next,
        checkoutBackpressureAge);
  }

  public AdmissionConfig withCheckoutBackpressureAge(Duration next) {
    return new AdmissionConfig(
        minLimit,
        initialLimit,
        maxLimit,
        retryAfter,
        login,
        registration,
        checkout,
        search,
        maxClients,
        trustedProxies,
        drainDelay,
        sharedBuckets,
        next);
  }

  public boolean checkoutBackpressure() {
    return !checkoutBackpressureAge.isZero();
  }

  public boolean fixedLimit() {
    return minLimit == maxLimit;
  }

  /**
   * Reads the {@code SECURECART_CONCURRENCY_*}, {@code SECURECART_RATE_*} and related variables.
   */
  static AdmissionConfig load(Map<String, String> values) {
    AdmissionConfig d = defaults();
    int min = SettingsReader.integer(values, "SECURECART_CONCURRENCY_MIN", d.minLimit);
    int max =
        SettingsReader.integer(values, "SECURECART_CONCURRENCY_MAX", Math.max(d.maxLimit, min));
    int initial = SettingsReader.integer(values, "SECURECART_CONCURRENCY_INITIAL", min);
    String proxies = values.getOrDefault("SECURECART_TRUSTED_PROXIES", "");
    return new AdmissionConfig(
        min,
        initial,
        max,
        Duration.ofSeconds(SettingsReader.integer(values, "SECURECART_RETRY_AFTER_SECONDS", 1)),
        rate(values, "SECURECART_RATE_LOGIN", d.login),
        rate(values, "SECURECART_RATE_REGISTRATION", d.registration),
        rate(values, "SECURECART_RATE_CHECKOUT", d.checkout),
        rate(values, "SECURECART_RATE_SEARCH", d.search),
        SettingsReader.integer(values, "SECURECART_RATE_MAX_CLIENTS", d.maxClients),
        java.util.Arrays.stream(proxies.split(","))
            .map(String::strip)
            .filter(p -> !p.isEmpty())
            .toList(),
        Duration.ofMillis(SettingsReader.integer(values, "SECURECART_SHUTDOWN_DRAIN_MS", 0)),
        bool(values, "SECURECART_RATE_SHARED", true),
        Duration.ofSeconds(
            SettingsReader.integer(
                values,
                "SECURECART_CHECKOUT_BACKPRESSURE_AGE_SECONDS",
                (int) DEFAULT_BACKPRESSURE_AGE.toSeconds())));
  }

  private static boolean bool(Map<String, String> values, String name, boolean fallback) {
    String value = values.get(name);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(name + " must be true or false, got '" + value + "'");
    };
  }

  private static RateLimit rate(Map<String, String> values, String name, RateLimit fallback) {
    String value = values.get(name);
    return value == null || value.isBlank() ? fallback : RateLimit.parse(name, value);
  }
}
