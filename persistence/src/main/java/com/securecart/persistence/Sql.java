package com.securecart.persistence;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Helpers shared by the repositories. */
final class Sql {
  private Sql() {}

  /**
   * True if the statement failed on a unique or primary key (SQLState 23505 on PostgreSQL and H2).
   */
  static boolean isDuplicateKey(Throwable e) {
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
      cause = cause.getCause();
    }
    return false;
  }

  /**
   * True if the statement lost a lock conflict that a new attempt may win: a deadlock (40P01), a
   * serialization failure (40001) or a lock that could not be had (55P03; H2: 40001 and HYT00).
   */
  static boolean isLockConflict(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.equals("40P01")
            || state.equals("40001")
            || state.equals("55P03")
            || state.equals("HYT00")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * True if an error means the database cannot be reached for now rather than a fault: a pool that
   * timed out waiting for a connection (transient), a lost connection (recoverable, SQLSTATE class
   * 08), or a server shutting down or starting up (57P01-57P03), and the pool's connection it has
   * closed as broken since.
   */
  private static final String HIKARI_CLOSED = "Connection is closed";

  static boolean isUnavailable(Throwable e) {
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof java.sql.SQLTransientException
          || t instanceof java.sql.SQLRecoverableException) {
        return true;
      }
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        String state = sql.getSQLState();
        if (state.startsWith("08") || state.startsWith("57P")) {
          return true;
        }
      }
      if (t instanceof SQLException sql
          && sql.getSQLState() == null
          && HIKARI_CLOSED.equals(sql.getMessage())) {
        // HikariCP closes a connection it found broken (the server went away mid-transaction);
        // later calls on it in that transaction fail with this, with no SQLSTATE.
        return true;
      }
    }
    return false;
  }

  static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }

  static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }
}
