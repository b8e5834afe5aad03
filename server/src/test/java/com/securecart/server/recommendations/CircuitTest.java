package com.securecart.server.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitTest {
  private final AtomicLong now = new AtomicLong(1_000);
  private final Circuit circuit = new Circuit(3, Duration.ofSeconds(5), now::get);

  private void fail(int times) {
    for (int i = 0; i < times; i++) {
      assertThat(circuit.allows()).isTrue();
      circuit.failed();
    }
  }

  @Test
  void opensAfterTheThresholdOfFailuresInARowOnly() {
    fail(2);
    circuit.succeeded();
    fail(2);
    assertThat(circuit.allows()).as("two in a row since the success").isTrue();

    circuit.failed();

    assertThat(circuit.allows()).isFalse();
  }

  @Test
  void letsOneProbeThroughPerPeriodAndClosesOnItsSuccess() {
    fail(3);
    now.addAndGet(Duration.ofSeconds(5).toNanos() - 1);
    assertThat(circuit.allows()).isFalse();
    now.incrementAndGet();

    assertThat(circuit.allows()).as("the probe").isTrue();
    assertThat(circuit.allows()).as("only one").isFalse();
    circuit.succeeded();

    assertThat(circuit.allows()).isTrue();
    assertThat(circuit.allows()).isTrue();
  }

  @Test
  void aFailedProbeOpensItForAnotherPeriod() {
    fail(3);
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(circuit.allows()).isTrue();
    circuit.failed();

    now.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(circuit.allows()).isFalse();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(circuit.allows()).isTrue();
  }
}
