package com.securecart.bench;

import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Samples the database and the CPU time of the server and of PostgreSQL at the start and end of the
 * measured window of (a) or (c), and the outbox backlog every two seconds in between, to show where
 * the work goes: CPU, commits, statements and rows per order ({@link WindowCost}), and whether the
 * order pipeline keeps up.
 */
final class WindowSampler implements Runnable {
  private final StockAudit audit;
  private final long windowStart;
  private final long windowEnd;
  private final CpuMeter server;
  private final CpuMeter postgres;
  private volatile WindowCost.Snapshot first;
  private volatile WindowCost.Snapshot last;
  private volatile long pendingFirst = -1;
  private volatile long pendingLast = -1;
  private volatile long pendingMax = -1;
  private volatile String failure;
  private final long serverPid;
  private volatile long compilerFirst = -1;
  private volatile long compilerLast = -1;

  WindowSampler(
      StockAudit audit,
      long windowStart,
      long windowEnd,
      CpuMeter server,
      CpuMeter postgres,
      long serverPid) {
    this.serverPid = serverPid;
    this.audit = audit;
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.server = server;
    this.postgres = postgres;
  }

  /**
   * A sampler of the server {@code serverPid} (0: its CPU not measured) and of {@code database}'s
   * PostgreSQL backends, between the two {@link System#nanoTime()} instants.
   */
  static WindowSampler of(StockAudit database, long serverPid, long windowStart, long windowEnd)
      throws SQLException {
    return new WindowSampler(
        database,
        windowStart,
        windowEnd,
        new CpuMeter(serverPid, null),
        new CpuMeter(0, database.databaseName()),
        serverPid);
  }

  @Override
  public void run() {
    try {
      sleepUntil(windowStart);
      first = snapshot();
      compilerFirst = serverPid > 0 ? CpuMeter.compilerNanos(serverPid) : -1;
      pendingFirst = audit.outboxPending();
      pendingMax = pendingFirst;
      for (int i = 0; i < 100_000 && System.nanoTime() < windowEnd; i++) {
        sleepUntil(Math.min(windowEnd, System.nanoTime() + TimeUnit.SECONDS.toNanos(2)));
        long pending = audit.outboxPending();
        pendingMax = Math.max(pendingMax, pending);
        pendingLast = pending;
      }
      last = snapshot();
      compilerLast = serverPid > 0 ? CpuMeter.compilerNanos(serverPid) : -1;
    } catch (SQLException e) {
      failure = Errors.describe(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private WindowCost.Snapshot snapshot() throws SQLException {
    return WindowCost.Snapshot.take(audit, server, postgres);
  }

  /** The window's cost per order, or null if it was not sampled. */
  WindowCost cost(long orders) {
    return first == null || last == null ? null : WindowCost.between(first, last, orders);
  }

  /**
   * How much of the server's CPU in the window its JIT compiler threads took, per {@code unit}, or
   * null when it was not read. A warmer server would not spend it; it would also run less code not
   * yet compiled, which this does not count.
   */
  String compilerLine(WindowCost cost, String unit) {
    // A compiler thread the JVM retired in the window takes its CPU with it (not on 2 cores, where
    // there is one of each): then the figure reads low, or is dropped when it went backwards.
    if (cost == null
        || compilerFirst < 0
        || compilerLast < compilerFirst
        || !(cost.serverCpuMs() > 0)) {
      return null;
    }
    return jitLine(cost, (compilerLast - compilerFirst) / 1e6, unit);
  }

  static String jitLine(WindowCost cost, double compilerMs, String unit) {
    double perUnit = cost.units() == 0 ? Double.NaN : compilerMs / cost.units();
    return String.format(
        Locale.ROOT,
        "of the server's CPU, its JIT compiler threads: %.2f ms per %s (%.0f%% of it; the server"
            + " without them: %.2f ms per %s; a longer --warmup measures a warmer server)",
        perUnit,
        unit,
        100 * compilerMs / cost.serverCpuMs(),
        cost.serverCpuMsPerUnit() - perUnit,
        unit);
  }

  /** Sleeps until {@code nanoTime} (of {@link System#nanoTime()}); at once if it has passed. */
  static void sleepUntil(long nanoTime) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  /** The database counters of the window per {@code unit} ("order", "add"). */
  String describe(long units, String unit) {
    if (failure != null || first == null || last == null) {
      return "database counters: not sampled" + (failure == null ? "" : " (" + failure + ")");
    }
    StockAudit.DbCounters d = last.db().minus(first.db());
    double per = Math.max(1, units);
    return String.format(
        Locale.ROOT,
        "database per %s in the window (order pipeline included): %.1f commits, %.1f rollbacks,"
            + " %.1f rows inserted, %.1f updated, %.1f deleted, %.1f KB WAL (cluster-wide);"
            + " outbox backlog %d at window start, %d at its end (max %d)",
        unit,
        d.commits() / per,
        d.rollbacks() / per,
        d.inserted() / per,
        d.updated() / per,
        d.deleted() / per,
        d.walBytes() / per / 1024.0,
        pendingFirst,
        pendingLast,
        pendingMax);
  }
}
