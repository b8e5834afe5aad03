package com.securecart.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * How far the order pipeline is behind at the end of a checkout step of {@code bench capacity}: a
 * step counts orders when checkout answers them, while they are confirmed later; a step whose
 * backlog keeps growing took orders faster than one vCPU confirms them. Information only: the
 * sweep's verdict and the capacity file do not use it.
 */
final class PipelineLag {
  private PipelineLag() {}

  static String describe(String jdbcUrl) {
    try (Connection db = DriverManager.getConnection(jdbcUrl);
        Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*), EXTRACT(EPOCH FROM now() - min(created_at))"
                    + " FROM outbox WHERE status = 'PENDING'")) {
      rs.next();
      long pending = rs.getLong(1);
      double oldest = rs.getDouble(2);
      return String.format(
          Locale.ROOT,
          "order pipeline after the step: %d outbox events pending, the oldest written %.1f s ago",
          pending,
          rs.wasNull() ? 0.0 : oldest);
    } catch (SQLException e) {
      return "order pipeline after the step: not read (" + e.getMessage() + ")";
    }
  }
}
