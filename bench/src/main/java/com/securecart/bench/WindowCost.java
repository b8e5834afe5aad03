package com.securecart.bench;

import java.util.Locale;

/**
 * What a measured window cost, divided by the units of work done in it (orders, or bare inserts):
 * CPU milliseconds of the server and of PostgreSQL's backends, transactions, statements and rows
 * written per unit. Built from two {@link Snapshot}s taken at the window's edges.
 *
 * @param units the orders (or inserts) answered inside the window, at least 0
 * @param serverCpuMs the server's CPU time in the window, NaN if it could not be read
 * @param postgresCpuMs the bench database's backends' CPU time in the window, NaN if not read
 * @param transactions commits plus rollbacks of the bench database in the window
 * @param statements statements run in the bench database, -1 if pg_stat_statements is unavailable
 * @param rowsWritten rows inserted, updated and deleted in the bench database in the window
 */
record WindowCost(
    long units,
    double serverCpuMs,
    double postgresCpuMs,
    long transactions,
    long statements,
    long rowsWritten) {
  WindowCost {
    if (units < 0) {
      throw new IllegalArgumentException("units must be >= 0, got " + units);
    }
    if (transactions < 0 || rowsWritten < 0) {
      throw new IllegalArgumentException(
          "counters went backwards (statistics reset during the window?): transactions "
              + transactions
              + ", rows "
              + rowsWritten);
    }
  }

  /**
   * Readings at one edge of the window. CPU figures are nanoseconds, -1 when unreadable; statements
   * is -1 when pg_stat_statements is unavailable.
   */
  record Snapshot(
      long serverCpuNanos, long postgresCpuNanos, StockAudit.DbCounters db, long statements) {
    static Snapshot take(StockAudit database, CpuMeter server, CpuMeter postgres)
        throws java.sql.SQLException {
      return new Snapshot(
          server.engineNanos(), postgres.engineNanos(), database.counters(), database.statements());
    }
  }

  static WindowCost between(Snapshot first, Snapshot last, long units) {
    StockAudit.DbCounters d = last.db().minus(first.db());
    return new WindowCost(
        units,
        cpuMillis(first.serverCpuNanos(), last.serverCpuNanos()),
        cpuMillis(first.postgresCpuNanos(), last.postgresCpuNanos()),
        d.commits() + d.rollbacks(),
        first.statements() < 0 || last.statements() < 0
            ? -1
            : last.statements() - first.statements(),
        d.inserted() + d.updated() + d.deleted());
  }

  /**
   * The same figures with PostgreSQL's CPU unknown: its backends restarted in the window, so the
   * difference of their CPU times means nothing.
   */
  WindowCost withoutPostgresCpu() {
    return new WindowCost(units, serverCpuMs, Double.NaN, transactions, statements, rowsWritten);
  }

  private static double cpuMillis(long first, long last) {
    return first < 0 || last < 0 || last < first ? Double.NaN : (last - first) / 1e6;
  }

  /** {@code total} per unit; NaN when no unit was done. */
  private double per(double total) {
    return units == 0 ? Double.NaN : total / units;
  }

  double serverCpuMsPerUnit() {
    return per(serverCpuMs);
  }

  double postgresCpuMsPerUnit() {
    return per(postgresCpuMs);
  }

  double transactionsPerUnit() {
    return per(transactions);
  }

  /** NaN when pg_stat_statements is unavailable. */
  double statementsPerUnit() {
    return statements < 0 ? Double.NaN : per(statements);
  }

  double rowsWrittenPerUnit() {
    return per(rowsWritten);
  }

  /**
   * One line: "per order (N in the window): server CPU 1.23 ms, PostgreSQL CPU ..."; a CPU figure
   * that could not be measured reads "n/a".
   */
  String describe(String unit) {
    return String.format(
        Locale.ROOT,
        "per %s (%d in the window): server CPU %s, PostgreSQL CPU %s, %.2f transactions,"
            + " %.2f rows written, statements %s",
        unit,
        units,
        millis(serverCpuMsPerUnit()),
        millis(postgresCpuMsPerUnit()),
        transactionsPerUnit(),
        rowsWrittenPerUnit(),
        statements < 0
            ? "n/a (pg_stat_statements unavailable)"
            : String.format(Locale.ROOT, "%.2f", statementsPerUnit()));
  }

  private static String millis(double ms) {
    return Double.isNaN(ms) ? "n/a" : String.format(Locale.ROOT, "%.2f ms", ms);
  }

  /** The figures as properties under {@code prefix}, for bench/checkout.sh. */
  String properties(String prefix) {
    return String.format(
        Locale.ROOT,
        "%1$s.units=%2$d%n%1$s.server_cpu_ms=%3$.3f%n%1$s.postgres_cpu_ms=%4$.3f%n"
            + "%1$s.transactions=%5$.3f%n%1$s.statements=%6$.3f%n%1$s.rows_written=%7$.3f%n",
        prefix,
        units,
        serverCpuMsPerUnit(),
        postgresCpuMsPerUnit(),
        transactionsPerUnit(),
        statementsPerUnit(),
        rowsWrittenPerUnit());
  }
}
