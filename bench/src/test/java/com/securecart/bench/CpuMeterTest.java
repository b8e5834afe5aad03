package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A fleet's CPU time: the sum over its instances, a killed one with its latest reading. */
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
  void anInstanceNeverReadMakesTheSumUnreadableRatherThanSmaller() {
    assertThat(new CpuMeter(new long[] {SELF, GONE}, null).engineNanos()).isEqualTo(-1);
  }

  @Test
  void anInstanceKilledAfterAReadingCountsWithItsLatestReading() {
    long[] cpu = {100, 200};
    CpuMeter fleet = new CpuMeter(new long[] {1, 2}, null, pid -> cpu[(int) pid - 1], true);
    assertThat(fleet.engineNanos()).isEqualTo(300);

    cpu[0] = 150;
    cpu[1] = -1; // killed
    assertThat(fleet.engineNanos()).isEqualTo(350);
    assertThat(fleet.gone()).isEqualTo(1);
  }

  @Test
  void aSingleServerGoneIsUnreadableSoThatItsWindowIsNotReadAsIdle() {
    long[] cpu = {100};
    CpuMeter server = new CpuMeter(new long[] {1}, null, pid -> cpu[0], false);
    assertThat(server.engineNanos()).isEqualTo(100);

    cpu[0] = -1;
    assertThat(server.engineNanos()).isEqualTo(-1);
  }
}
