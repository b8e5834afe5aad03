package com.securecart.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.netflix.concurrency.limits.limit.FixedLimit;
import com.securecart.server.config.AdmissionConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PriorityLimiterTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicLong nanos = new AtomicLong();
  private final PriorityLimiter limiter =
      new PriorityLimiter(FixedLimit.of(10), registry, nanos::get);

  /** Takes permits of the given priority until refused; returns how many were granted. */
  private List<PriorityLimiter.Permit> fill(Priority priority) {
    List<PriorityLimiter.Permit> held = new ArrayList<>();
    PriorityLimiter.Permit permit;
    while ((permit = limiter.tryAcquire(priority)) != null) {
      held.add(permit);
    }
    return held;
  }

  @Test
  void asLoadGrowsTheLowestPriorityIsShedFirstAndCheckoutLast() {
    List<PriorityLimiter.Permit> held = new ArrayList<>(fill(Priority.ADMIN));
    assertThat(held).hasSize(5);
    assertThat(limiter.tryAcquire(Priority.ADMIN)).isNull();

    held.addAll(fill(Priority.BROWSE));
    assertThat(limiter.inFlight()).isEqualTo(7);
    assertThat(limiter.tryAcquire(Priority.BROWSE)).isNull();
    assertThat(limiter.tryAcquire(Priority.ADMIN)).isNull();

    held.addAll(fill(Priority.CART));
    assertThat(limiter.inFlight()).isEqualTo(9);
    assertThat(limiter.tryAcquire(Priority.CART)).isNull();

    held.addAll(fill(Priority.CHECKOUT));
    assertThat(limiter.inFlight()).isEqualTo(10);
    assertThat(limiter.tryAcquire(Priority.CHECKOUT)).isNull();

    assertThat(registry.counter("securecart.admission.rejected", "priority", "admin").count())
        .isEqualTo(3);
    assertThat(registry.counter("securecart.admission.rejected", "priority", "checkout").count())
        .isEqualTo(2);
    assertThat(registry.get("securecart.admission.inflight").gauge().value()).isEqualTo(10);
    assertThat(registry.get("securecart.admission.limit").gauge().value()).isEqualTo(10);
  }

  @Test
  void checkoutIsStillAdmittedWhenBrowsingIsShed() {
    fill(Priority.BROWSE);

    assertThat(limiter.tryAcquire(Priority.BROWSE)).isNull();
    assertThat(limiter.tryAcquire(Priority.CART)).isNotNull();
    assertThat(limiter.tryAcquire(Priority.CHECKOUT)).isNotNull();
  }

  @Test
  void aReleasedPermitFreesItsSlotOnceEvenIfReleasedTwice() {
    List<PriorityLimiter.Permit> held = fill(Priority.CHECKOUT);
    assertThat(held).hasSize(10);

    held.get(0).success();
    held.get(0).success();
    held.get(1).ignore();

    assertThat(limiter.inFlight()).isEqualTo(8);
    assertThat(limiter.tryAcquire(Priority.CART)).isNotNull();
    assertThat(limiter.tryAcquire(Priority.CART)).isNull();
  }

  @Test
  void anAdaptiveLimitStartsAtItsInitialValueWithinItsBounds() {
    AdmissionConfig config =
        new AdmissionConfig(
            20,
            40,
            200,
            AdmissionConfig.defaults().retryAfter(),
            AdmissionConfig.RateLimit.OFF,
            AdmissionConfig.RateLimit.OFF,
            AdmissionConfig.RateLimit.OFF,
            AdmissionConfig.RateLimit.OFF,
            1_000,
            List.of(),
            java.time.Duration.ZERO);
    PriorityLimiter adaptive = new PriorityLimiter(config, new SimpleMeterRegistry());

    assertThat(adaptive.limit()).isEqualTo(40);
    for (int i = 0; i < 1_000; i++) {
      PriorityLimiter.Permit permit = adaptive.tryAcquire(Priority.CHECKOUT);
      permit.success();
    }
    assertThat(adaptive.limit()).isBetween(20, 200);
    assertThat(adaptive.inFlight()).isZero();
  }
}
