package com.securecart.planner.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class BatchSimulatorTest {
  /** 8 vCPU-hours on 4 vCPUs: 2 hours a run, 6 minutes to start, 3 attempts. */
  private static final BatchJob NIGHTLY = new BatchJob(8, 4, 3, 0.1);

  private static DoubleSupplier lifetimes(Double... hours) {
    Iterator<Double> next = List.of(hours).iterator();
    return next::next;
  }

  @Test
  void withoutReclaimsTheFirstAttemptFinishes() {
    BatchSimulator.Outcome outcome =
        BatchSimulator.run(
            NIGHTLY, BatchSimulator.interruptionsPerHour(0, new SplittableRandom(1)));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.attemptsUsed()).isEqualTo(1);
    assertThat(outcome.finishHours()).isCloseTo(2.1, within(1e-9));
    assertThat(outcome.billedVcpuHours()).isCloseTo(8.4, within(1e-9));
  }

  @Test
  void aReclaimedAttemptStartsOverAndIsPaidFor() {
    BatchSimulator.Outcome outcome = BatchSimulator.run(NIGHTLY, lifetimes(1.0, 0.5, 10.0));

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.attemptsUsed()).isEqualTo(3);
    assertThat(outcome.finishHours()).isCloseTo(0.3 + 1.0 + 0.5 + 2.0, within(1e-9));
    assertThat(outcome.billedVcpuHours()).isCloseTo(4 * 3.8, within(1e-9));
  }

  @Test
  void theJobFailsOnceItsAttemptsAreSpent() {
    BatchSimulator.Outcome outcome = BatchSimulator.run(NIGHTLY, lifetimes(1.0, 1.0, 1.0, 10.0));

    assertThat(outcome.succeeded()).isFalse();
    assertThat(outcome.attemptsUsed()).isEqualTo(3);
    assertThat(outcome.finishHours()).isCloseTo(3.3, within(1e-9));
  }

  @Test
  void aHighReclaimRateMostlyFails() {
    // At 2 reclaims an hour a 2-hour run survives with probability e^-4 (under 2%).
    SplittableRandom random = new SplittableRandom(7);
    DoubleSupplier reclaims = BatchSimulator.interruptionsPerHour(2, random);
    long failed =
        java.util.stream.IntStream.range(0, 1000)
            .filter(i -> !BatchSimulator.run(NIGHTLY, reclaims).succeeded())
            .count();

    assertThat(failed).isBetween(900L, 990L);
  }
}
