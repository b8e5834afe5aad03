package com.securecart.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.config.AdmissionConfig;
import com.securecart.server.config.AdmissionConfig.RateLimit;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final TimeMeter time =
      new TimeMeter() {
        @Override
        public long currentTimeNanos() {
          return nanos.get();
        }

        @Override
        public boolean isWallClockBased() {
          return false;
        }
      };
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private static AdmissionConfig config(RateLimit login, int maxClients) {
    return new AdmissionConfig(
        100,
        100,
        1_000,
        Duration.ofSeconds(1),
        login,
        RateLimit.OFF,
        RateLimit.OFF,
        RateLimit.OFF,
        maxClients,
        List.of(),
        Duration.ZERO);
  }

  @Test
  void aClientThatUsedItsTokensWaitsForTheRefillOthersDoNot() {
    RateLimiter limiter =
        new RateLimiter(config(new RateLimit(3, Duration.ofMinutes(1)), 100), registry, time);

    for (int i = 0; i < 3; i++) {
      assertThat(limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:10.0.0.1")).isZero();
    }
    long wait = limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:10.0.0.1");
    assertThat(wait).isEqualTo(Duration.ofSeconds(20).toNanos());
    assertThat(limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:10.0.0.2")).isZero();

    nanos.addAndGet(Duration.ofSeconds(20).toNanos());
    assertThat(limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:10.0.0.1")).isZero();
    assertThat(limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:10.0.0.1")).isPositive();
    assertThat(registry.counter("securecart.ratelimit.rejected", "rule", "login").count())
        .isEqualTo(2);
  }

  @Test
  void aDisabledRuleLimitsNobody() {
    RateLimiter limiter =
        new RateLimiter(config(new RateLimit(1, Duration.ofMinutes(1)), 100), registry, time);

    assertThat(limiter.limits(RequestClass.Rule.SEARCH)).isFalse();
    for (int i = 0; i < 100; i++) {
      assertThat(limiter.tryConsume(RequestClass.Rule.SEARCH, "ip:10.0.0.1")).isZero();
    }
  }

  @Test
  void memoryIsBoundedAndQuietClientsAreForgottenBeforeBusyOnes() {
    RateLimiter limiter =
        new RateLimiter(config(new RateLimit(2, Duration.ofMinutes(1)), 100), registry, time);
    // A busy client empties its bucket; then many one-off clients come and go.
    limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:busy");
    limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:busy");
    for (int i = 0; i < 99; i++) {
      limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:once-" + i);
    }
    nanos.addAndGet(Duration.ofMinutes(1).toNanos());
    limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:busy");
    limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:busy");
    for (int i = 0; i < 10_000; i++) {
      limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:new-" + i);
      assertThat(limiter.trackedClients(RequestClass.Rule.LOGIN)).isLessThanOrEqualTo(101);
    }
  }

  @Test
  void quietClientsAreEvictedFirst() {
    RateLimiter limiter =
        new RateLimiter(config(new RateLimit(2, Duration.ofMinutes(1)), 100), registry, time);
    for (int i = 0; i < 99; i++) {
      limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:once-" + i);
    }
    nanos.addAndGet(Duration.ofMinutes(1).toNanos());
    // The busy client empties its bucket just before the map is full.
    limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:busy");
    limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:busy");

    limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:newcomer");

    // The quiet ones (full buckets) went; the busy one is still refused.
    assertThat(limiter.trackedClients(RequestClass.Rule.LOGIN)).isEqualTo(2);
    assertThat(limiter.tryConsume(RequestClass.Rule.LOGIN, "ip:busy")).isPositive();
  }
}
