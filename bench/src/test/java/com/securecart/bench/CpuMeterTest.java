package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A fleet's CPU time: the sum over its instances, unreadable once one of them is gone. */
class CpuMeterTest {
  private static final long SELF = ProcessHandle.current().pid();

  /** No process has this pid: it stands for an instance killed during the run. */
  private static final long GONE = Long.MAX_VALUE;

  @Test
  void sumsTheInstances() {
    long one = new CpuMeter(SELF, null).engineNanos();
    long twice = new CpuMeter(new long[] {SELF, SELF}, null).engineNanos();

    assertThat(one).isPositive();
    // Read a moment later, so at least as much as twice the first reading.
    assertThat(twice).isGreaterThanOrEqualTo(2 * one);
  }

  @Test
  void anInstanceGoneMakesTheSumUnreadableRatherThanSmaller() {
    assertThat(new CpuMeter(new long[] {SELF, GONE}, null).engineNanos()).isEqualTo(-1);
  }
}
