package com.securecart.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How busy one CPU was, by every process on it, from the kernel's per-CPU counters in {@code
 * /proc/stat}. Next to the server's own CPU time it shows whether other processes took the server's
 * CPU during a step (on a shared machine they do: pinning keeps the driver and PostgreSQL off it,
 * not everyone else). Linux only; elsewhere, or for no CPU, NaN.
 */
final class CpuBusy {
  private final int cpu;
  private long[] before;

  /** {@code cpu} < 0 reads nothing. */
  CpuBusy(int cpu) {
    this.cpu = cpu;
  }

  void start() {
    before = read();
  }

  /** The share of the time since {@link #start()} that the CPU was not idle, or NaN. */
  double busySinceStart() {
    long[] after = read();
    if (before == null || after == null) {
      return Double.NaN;
    }
    long total = after[0] - before[0];
    long idle = after[1] - before[1];
    return total > 0 ? (double) (total - idle) / total : Double.NaN;
  }

  /** {total, idle + iowait} in clock ticks, or null. */
  private long[] read() {
    if (cpu < 0) {
      return null;
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/stat"))) {
        String[] f = line.trim().split("\\s+");
        if (f[0].equals("cpu" + cpu) && f.length >= 6) {
          long total = 0;
          for (int i = 1; i < f.length; i++) {
            total += Long.parseLong(f[i]);
          }
          return new long[] {total, Long.parseLong(f[4]) + Long.parseLong(f[5])};
        }
      }
    } catch (IOException | RuntimeException e) {
      return null; // not Linux, or a format this does not know
    }
    return null;
  }
}
