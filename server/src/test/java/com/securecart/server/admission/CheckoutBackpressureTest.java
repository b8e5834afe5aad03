package com.securecart.server.admission;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.AdjustableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CheckoutBackpressureTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  // The system clock moved on demand: ages in these tests stay clear of whole tens of seconds, so
  // the milliseconds a test takes never change a Retry-After.
  private final AdjustableClock clock = new AdjustableClock();
  private final AtomicReference<Optional<Instant>> oldest = new AtomicReference<>(Optional.empty());
  private final AtomicInteger reads = new AtomicInteger();
  private double nextRandom = 0.5;

  private CheckoutBackpressure gate(Duration threshold) {
    return new CheckoutBackpressure(
        threshold,
        () -> {
          reads.incrementAndGet();
          return oldest.get();
        },
        clock,
        registry,
        () -> nextRandom);
  }

  /** The oldest unclaimed event was written this long ago, as the background reader sees it. */
  private void waitingFor(CheckoutBackpressure gate, Duration age) {
    oldest.set(Optional.of(clock.instant().minus(age)));
    gate.refresh();
  }

  private double refused() {
    return registry.get("securecart.checkout.backpressure").counter().count();
  }

  @Test
  void aPipelineThatKeepsUpOrIsEmptyAdmitsEveryCheckout() {
    CheckoutBackpressure gate = gate(Duration.ofSeconds(30));
    gate.refresh();
    assertThat(gate.retryAfterSeconds()).isZero();

    waitingFor(gate, Duration.ofSeconds(29));
    nextRandom = 0.0;
    assertThat(gate.retryAfterSeconds()).isZero();
    assertThat(refused()).isZero();
  }

  @Test
  void pastTwiceTheThresholdEveryCheckoutIsRefusedWithATenthOfTheLagAsRetryAfter() {
    CheckoutBackpressure gate = gate(Duration.ofSeconds(30));
    waitingFor(gate, Duration.ofSeconds(61));
    nextRandom = 0.999;

    assertThat(gate.retryAfterSeconds()).isEqualTo(7);
    assertThat(refused()).isEqualTo(1.0);

    // Capped: a client told to wait minutes would give up on the shop.
    waitingFor(gate, Duration.ofMinutes(30));
    assertThat(gate.retryAfterSeconds()).isEqualTo(30);
  }

  @Test
  void betweenTheThresholdAndTwiceItARisingFractionIsRefused() {
    CheckoutBackpressure gate = gate(Duration.ofSeconds(30));
    // 45 s: half way, so a draw under 0.5 is refused and one above is admitted.
    waitingFor(gate, Duration.ofSeconds(45));
    nextRandom = 0.49;
    assertThat(gate.retryAfterSeconds()).isEqualTo(5);
    nextRandom = 0.51;
    assertThat(gate.retryAfterSeconds()).isZero();

    // 33 s: a tenth of the way, so the same draw of 0.2 is now admitted.
    waitingFor(gate, Duration.ofSeconds(33));
    nextRandom = 0.2;
    assertThat(gate.retryAfterSeconds()).isZero();
    nextRandom = 0.05;
    assertThat(gate.retryAfterSeconds()).isEqualTo(4);
    assertThat(refused()).isEqualTo(2.0);
  }

  @Test
  void theCachedInstantAgesWithTheClockAndRequestsNeverQuery() {
    CheckoutBackpressure gate = gate(Duration.ofSeconds(30));
    waitingFor(gate, Duration.ofSeconds(10));
    assertThat(reads).hasValue(1);
    nextRandom = 0.999;

    for (int i = 0; i < 1_000; i++) {
      assertThat(gate.retryAfterSeconds()).isZero();
    }
    // No new read, yet the same event is now 65 s old: refused on the cached instant alone.
    clock.advance(Duration.ofSeconds(55));
    assertThat(gate.retryAfterSeconds()).isEqualTo(7);
    assertThat(reads).hasValue(1);
  }

  @Test
  void theEventsBeingClaimedLiftsTheGateAtTheNextRead() {
    CheckoutBackpressure gate = gate(Duration.ofSeconds(30));
    waitingFor(gate, Duration.ofMinutes(5));
    assertThat(gate.retryAfterSeconds()).isPositive();

    oldest.set(Optional.empty());
    gate.refresh();
    assertThat(gate.retryAfterSeconds()).isZero();
  }

  @Test
  void aFailedReadKeepsTheLastInstant() {
    CheckoutBackpressure gate =
        new CheckoutBackpressure(
            Duration.ofSeconds(30),
            () -> {
              if (reads.incrementAndGet() > 1) {
                throw new IllegalStateException("database away");
              }
              return Optional.of(clock.instant());
            },
            clock,
            registry,
            () -> 0.999);
    gate.refresh();
    clock.advance(Duration.ofSeconds(85));
    gate.refresh();

    assertThat(gate.retryAfterSeconds()).isEqualTo(9);
  }

  @Test
  void zeroTurnsItOffAndItsReaderNeverStarts() {
    CheckoutBackpressure gate = gate(Duration.ZERO);
    assertThat(gate.enabled()).isFalse();
    waitingFor(gate, Duration.ofHours(1));
    nextRandom = 0.999;
    assertThat(gate.retryAfterSeconds()).isZero();

    reads.set(0);
    gate.start();
    gate.close();
    assertThat(reads).hasValue(0);
  }
}
