package com.securecart.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * CPU time used so far by the driver itself and by the engine under test, so that a window's
 * figures can say where the two shared cores went. The engine is either some processes (SecureCart
 * instances, by pid) or the PostgreSQL backends serving one database (found by their process title
 * in {@code /proc}, e.g. {@code postgres: postgres securecart_searchbench 127.0.0.1(5432) idle}).
 * Linux only; elsewhere the engine's figure is NaN.
 */
final class CpuMeter {
  private final long[] serverPids;
  private final String database;
  private final java.util.function.LongUnaryOperator processNanos;

  /** Per server pid, its latest reading; -1 until read once. */
  private final long[] lastNanos;

  /** Whether a server gone meanwhile counts with its latest reading (else: unreadable). */
  private final boolean countsGone;

  private int gone;

  /** {@code serverPid} > 0 measures that process; else {@code database}'s backends, if given. */
  CpuMeter(long serverPid, String database) {
    this(
        serverPid > 0 ? new long[] {serverPid} : new long[0],
        database,
        CpuMeter::processNanos,
        false);
  }

  /**
   * The sum over {@code serverPids} (a fleet's instances). A process gone meanwhile (a killed
   * instance) counts with its latest reading, so a caller that reads often loses little of its CPU
   * time; one never read makes the sum unreadable (-1). Empty: {@code database}'s backends, if
   * given.
   */
  CpuMeter(long[] serverPids, String database) {
    this(serverPids, database, CpuMeter::processNanos, true);
  }

  /** For tests: {@code processNanos} reads a pid's CPU time, -1 when it is gone. */
  CpuMeter(
      long[] serverPids,
      String database,
      java.util.function.LongUnaryOperator processNanos,
      boolean countsGone) {
    this.serverPids = serverPids.clone();
    this.database = database;
    this.processNanos = processNanos;
    this.countsGone = countsGone;
    this.lastNanos = new long[serverPids.length];
    java.util.Arrays.fill(lastNanos, -1);
  }

  private static long processNanos(long pid) {
    return ProcessHandle.of(pid)
        .flatMap(p -> p.info().totalCpuDuration())
        .map(Duration::toNanos)
        .orElse(-1L);
  }

  /** How many servers were gone at the latest reading (counted with their reading before). */
  synchronized int gone() {
    return gone;
  }

  /** The driver's own CPU time in nanoseconds (all its threads). */
  static long driverNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** The engine's CPU time in nanoseconds, or -1 if it cannot be read. */
  synchronized long engineNanos() {
    if (serverPids.length > 0) {
      long total = 0;
      gone = 0;
      for (int i = 0; i < serverPids.length; i++) {
        long nanos = processNanos.applyAsLong(serverPids[i]);
        if (nanos >= 0) {
          lastNanos[i] = nanos;
        } else if (!countsGone || lastNanos[i] < 0) {
          return -1;
        } else {
          gone++;
        }
        total += lastNanos[i];
      }
      return total;
    }
    if (database == null) {
      return -1;
    }
    long total = 0;
    boolean any = false;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path proc : procs) {
        String title;
        try {
          title =
              new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
                  .replace('\0', ' ');
        } catch (IOException e) {
          continue; // gone meanwhile, or not readable
        }
        if (!title.startsWith("postgres: ") || !title.contains(" " + database + " ")) {
          continue;
        }
        long pid = Long.parseLong(proc.getFileName().toString());
        var cpu = ProcessHandle.of(pid).flatMap(p -> p.info().totalCpuDuration());
        if (cpu.isPresent()) {
          total += cpu.get().toNanos();
          any = true;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return any ? total : -1;
  }

  /**
   * CPU time of the JVM's JIT compiler threads (named "C1 CompilerThread..." and "C2
   * CompilerThread...", cut to 15 characters in {@code comm}) in the process {@code pid}, in
   * nanoseconds; -1 when it cannot be read. Threads alive now only: one the JVM retired took its
   * time with it. A window in which the compiler still runs measured a server not yet warm.
   */
  static long compilerNanos(long pid) {
    return compilerNanos(Path.of("/proc", Long.toString(pid)));
  }

  /** {@link #compilerNanos(long)} over a {@code /proc/<pid>} directory (tests pass their own). */
  static long compilerNanos(Path process) {
    long ticks = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(process.resolve("task"))) {
      for (Path task : tasks) {
        String name;
        String stat;
        try {
          name = Files.readString(task.resolve("comm"), StandardCharsets.UTF_8).strip();
          stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
        } catch (IOException e) {
          continue; // the thread ended meanwhile
        }
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
          continue;
        }
        // The fields after the name, which is in parentheses and may hold spaces: utime and
        // stime are fields 14 and 15 of the line, the 12th and 13th after the ")".
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return ticks * NANOS_PER_TICK;
  }

  // /proc reports CPU time in USER_HZ ticks, 100 a second in Linux's user ABI on every platform.
  private static final long NANOS_PER_TICK = 10_000_000L;
}
