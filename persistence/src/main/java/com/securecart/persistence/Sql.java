package com.securecart.persistence;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Helpers shared by the repositories. */
final class Sql {
  private Sql() {}

  /**
   * True if the statement failed on a unique or primary key (SQLState 23505 on PostgreSQL and H2).
   */
  static boolean isDuplicateKey(UnableToExecuteStatementException e) {
    Throwable cause = e.getCause();
    while (cause != null) {
      if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
      cause = cause.getCause();
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
