package com.securecart.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the bench database directly (one JDBC connection, only after the load has stopped) to count
 * what was sold against what was in stock. Oversold is {@code max(0, sold - initial)} per SKU plus
 * any negative on-hand, reserved or available stock, where sold sums the order lines of every order
 * that is not failed or cancelled.
 */
final class StockAudit implements AutoCloseable {
  /** Order states that no longer hold goods; anything else counts as sold. */
  static final String NOT_SOLD = "('PAYMENT_FAILED','CANCELLED','EXPIRED','FAILED')";

  /** What one SKU looks like after a scenario. */
  record SkuStock(String sku, int initial, int onHand, int reserved, long sold) {
    long oversold() {
      return Math.max(0, sold - initial)
          + Math.max(0, -onHand)
          + Math.max(0, -reserved)
          + Math.max(0, reserved - Math.max(0, onHand));
    }

    /**
     * Units the stock ledger cannot explain: sold should equal what left the shelf plus what is
     * reserved.
     */
    long ledgerMismatch() {
      return Math.abs(sold - ((long) initial - onHand + reserved));
    }
  }

  record Result(
      long oversold,
      long soldUnits,
      long soldOrders,
      Map<String, Long> ordersByStatus,
      long ledgerMismatchUnits,
      List<String> findings) {}

  /**
   * Cumulative counters of the bench database (pg_stat_database) and the cluster's WAL position.
   */
  record DbCounters(
      long commits, long rollbacks, long inserted, long updated, long deleted, long walBytes) {
    DbCounters minus(DbCounters o) {
      return new DbCounters(
          commits - o.commits,
          rollbacks - o.rollbacks,
          inserted - o.inserted,
          updated - o.updated,
          deleted - o.deleted,
          walBytes - o.walBytes);
    }
  }

  private final Connection connection;

  StockAudit(String jdbcUrl) throws SQLException {
    this.connection = DriverManager.getConnection(jdbcUrl);
    this.connection.setReadOnly(true);
  }

  long outboxPending() throws SQLException {
    try (PreparedStatement st =
            connection.prepareStatement("SELECT count(*) FROM outbox WHERE status = 'PENDING'");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /**
   * How far the order pipeline is behind: events pending and how long ago the oldest was written (0
   * when none is).
   */
  String outboxLag() throws SQLException {
    try (PreparedStatement st =
            connection.prepareStatement(
                "SELECT count(*), COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)"
                    + " FROM outbox WHERE status = 'PENDING'");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return String.format(
          java.util.Locale.ROOT,
          "%d outbox events pending, the oldest written %.1f s ago",
          rs.getLong(1),
          rs.getDouble(2));
    }
  }

  /**
   * PostgreSQL publishes a backend's counters when it goes idle, at most about once a second, so a
   * difference of two snapshots is accurate to a second's worth of work. WAL covers the whole
   * cluster, other databases too.
   */
  DbCounters counters() throws SQLException {
    try (PreparedStatement st =
            connection.prepareStatement(
                "SELECT xact_commit, xact_rollback, tup_inserted, tup_updated, tup_deleted,"
                    + " pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint"
                    + " FROM pg_stat_database WHERE datname = current_database()");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return new DbCounters(
          rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6));
    }
  }

  /** When the PostgreSQL server started: a later value than before means it restarted meanwhile. */
  java.time.Instant postmasterStart() throws SQLException {
    try (PreparedStatement st = connection.prepareStatement("SELECT pg_postmaster_start_time()");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
    }
  }

  /** The name of the database this audit reads, for {@link CpuMeter}. */
  String databaseName() throws SQLException {
    try (PreparedStatement st = connection.prepareStatement("SELECT current_database()");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getString(1);
    }
  }

  /**
   * Statements run so far in this database by pg_stat_statements' count, or -1 when the extension
   * is not installed in it or not loaded (shared_preload_libraries): never required.
   */
  long statements() {
    try (PreparedStatement st =
            connection.prepareStatement(
                "SELECT coalesce(sum(calls), 0)::bigint FROM pg_stat_statements"
                    + " WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())");
        ResultSet rs = st.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      return -1;
    }
  }

  /**
   * Checkout answered to order confirmed, per order created between {@code from} and {@code to} and
   * now CONFIRMED: the order row's {@code updated_at} (set by the transition to CONFIRMED, which
   * has no later transition but CANCELLED) minus its {@code created_at} (set in the checkout's
   * transaction, a few milliseconds before the 201 leaves). Both come from the server's clock.
   */
  Latencies confirmations(java.time.Instant from, java.time.Instant to) throws SQLException {
    Latencies latencies = new Latencies();
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT (extract(epoch FROM updated_at - created_at) * 1e9)::bigint FROM orders"
                + " WHERE status = 'CONFIRMED' AND created_at BETWEEN ? AND ?")) {
      st.setObject(1, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
      st.setObject(2, java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC));
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          latencies.record(rs.getLong(1));
        }
      }
    }
    return Latencies.merge(List.of(latencies));
  }

  /**
   * Orders created since {@code from} and now CONFIRMED, and when the last of them was confirmed
   * (its {@code updated_at}, see {@link #confirmations}); {@code last} is null when there is none.
   */
  record Confirmed(long orders, java.time.Instant last) {}

  Confirmed confirmedSince(java.time.Instant from) throws SQLException {
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT count(*), max(updated_at) FROM orders"
                + " WHERE status = 'CONFIRMED' AND created_at >= ?")) {
      st.setObject(1, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        java.time.OffsetDateTime last = rs.getObject(2, java.time.OffsetDateTime.class);
        return new Confirmed(rs.getLong(1), last == null ? null : last.toInstant());
      }
    }
  }

  /** Outbox events that gave up (status DEAD), with their last error; empty if none. */
  List<String> deadEvents(int limit) throws SQLException {
    List<String> dead = new ArrayList<>();
    try (PreparedStatement st =
        connection.prepareStatement(
            "SELECT type, count(*), max(last_error) FROM outbox WHERE status = 'DEAD' GROUP BY type"
                + " ORDER BY type LIMIT ?")) {
      st.setInt(1, limit);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          dead.add(rs.getString(1) + " x" + rs.getLong(2) + ": " + rs.getString(3));
        }
      }
    }
    return dead;
  }

  /**
   * Waits, polling twice a second, until no outbox event is pending or {@code maxMillis} passed;
   * returns the events still pending.
   */
  long awaitOutboxDrained(long maxMillis) throws SQLException, InterruptedException {
    long deadline = System.nanoTime() + maxMillis * 1_000_000L;
    long pending = outboxPending();
    while (pending > 0 && System.nanoTime() < deadline) {
      Thread.sleep(500);
      pending = outboxPending();
    }
    return pending;
  }

  Result audit(Map<String, Integer> initialBySku) throws SQLException {
    Map<String, int[]> stock = new HashMap<>();
    Map<String, Long> sold = new HashMap<>();
    Map<String, Long> byStatus = new TreeMap<>();
    long soldOrders;
    Array skus = connection.createArrayOf("varchar", initialBySku.keySet().toArray());
    try {
      try (PreparedStatement st =
          connection.prepareStatement(
              "SELECT sku, on_hand, reserved FROM inventory WHERE sku = ANY(?)")) {
        st.setArray(1, skus);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            stock.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
          }
        }
      }
      try (PreparedStatement st =
          connection.prepareStatement(
              "SELECT ol.sku, sum(ol.quantity) FROM order_lines ol JOIN orders o ON o.id = ol.order_id"
                  + " WHERE ol.sku = ANY(?) AND o.status NOT IN "
                  + NOT_SOLD
                  + " GROUP BY ol.sku")) {
        st.setArray(1, skus);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            sold.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      try (PreparedStatement st =
          connection.prepareStatement(
              "SELECT o.status, count(DISTINCT o.id) FROM orders o JOIN order_lines ol ON ol.order_id = o.id"
                  + " WHERE ol.sku = ANY(?) GROUP BY o.status")) {
        st.setArray(1, skus);
        try (ResultSet rs = st.executeQuery()) {
          while (rs.next()) {
            byStatus.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
      try (PreparedStatement st =
          connection.prepareStatement(
              "SELECT count(DISTINCT o.id) FROM orders o JOIN order_lines ol ON ol.order_id = o.id"
                  + " WHERE ol.sku = ANY(?) AND o.status NOT IN "
                  + NOT_SOLD)) {
        st.setArray(1, skus);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          soldOrders = rs.getLong(1);
        }
      }
    } finally {
      skus.free();
    }

    long oversold = 0;
    long soldUnits = 0;
    long mismatch = 0;
    List<String> findings = new ArrayList<>();
    for (Map.Entry<String, Integer> e : new TreeMap<>(initialBySku).entrySet()) {
      int[] level = stock.get(e.getKey());
      if (level == null) {
        findings.add("no inventory row for " + e.getKey());
        continue;
      }
      SkuStock s =
          new SkuStock(
              e.getKey(), e.getValue(), level[0], level[1], sold.getOrDefault(e.getKey(), 0L));
      soldUnits += s.sold();
      oversold += s.oversold();
      mismatch += s.ledgerMismatch();
      if (s.oversold() > 0 && findings.size() < 10) {
        findings.add("OVERSOLD " + s);
      } else if (s.ledgerMismatch() > 0 && findings.size() < 10) {
        findings.add("stock ledger off by " + s.ledgerMismatch() + ": " + s);
      }
    }
    return new Result(oversold, soldUnits, soldOrders, byStatus, mismatch, findings);
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }
}
