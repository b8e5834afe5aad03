package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
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

  @Test
  void theCompilerThreadsCpuIsTheirUserAndSystemTicks(@org.junit.jupiter.api.io.TempDir Path proc)
      throws Exception {
    // utime and stime are the 14th and 15th fields; a thread name may hold spaces and ")".
    task(proc, 11, "C2 CompilerThre", "S 1 1 1 0 -1 0 0 0 0 0 250 50 0 0 20 0 1 0");
    task(proc, 12, "C1 CompilerThre", "S 1 1 1 0 -1 0 0 0 0 0 30 20 0 0 20 0 1 0");
    task(proc, 13, "ForkJoinPool-1-", "S 1 1 1 0 -1 0 0 0 0 0 9000 900 0 0 20 0 1 0");
    Files.createDirectories(proc.resolve("task/14")); // ended while being read: no files

    // (250 + 50 + 30 + 20) ticks of 10 ms.
    assertThat(CpuMeter.compilerNanos(proc)).isEqualTo(3_500_000_000L);
    assertThat(CpuMeter.compilerNanos(proc.resolve("no-such-process"))).isEqualTo(-1);
    assertThat(CpuMeter.compilerNanos(SELF)).isGreaterThanOrEqualTo(0);
  }

  @Test
  void theCompilerLineSaysWhatTheServerCostWithoutIt() {
    // 100 orders, 800 ms of server CPU of which 300 ms compiling.
    WindowCost cost = new WindowCost(100, 800, 400, 300, -1, 2000);
    assertThat(WindowSampler.jitLine(cost, 300, "order"))
        .startsWith("of the server's CPU, its JIT compiler threads: 3.00 ms per order (38% of it;")
        .contains("the server without them: 5.00 ms per order");
  }

  private static void task(Path proc, int tid, String name, String rest) throws Exception {
    Path task = Files.createDirectories(proc.resolve("task/" + tid));
    Files.writeString(task.resolve("comm"), name + "\n");
    Files.writeString(task.resolve("stat"), tid + " (" + name + ") " + rest + "\n");
  }
}
