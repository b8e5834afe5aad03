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

  /** {@code serverPid} > 0 measures that process; else {@code database}'s backends, if given. */
  CpuMeter(long serverPid, String database) {
    this(serverPid > 0 ? new long[] {serverPid} : new long[0], database);
  }

  /**
   * The sum over {@code serverPids} (a fleet's instances), unreadable (-1) once any of them is
   * gone: a killed instance takes its CPU time with it. Empty: {@code database}'s backends, if
   * given.
   */
  CpuMeter(long[] serverPids, String database) {
    this.serverPids = serverPids.clone();
    this.database = database;
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
  long engineNanos() {
    if (serverPids.length > 0) {
      long total = 0;
      for (long pid : serverPids) {
        long nanos =
            ProcessHandle.of(pid)
                .flatMap(p -> p.info().totalCpuDuration())
                .map(Duration::toNanos)
                .orElse(-1L);
        if (nanos < 0) {
          return -1;
        }
        total += nanos;
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
}
