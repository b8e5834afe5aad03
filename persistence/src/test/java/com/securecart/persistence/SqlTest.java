package com.securecart.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which driver errors mean "the database is out of reach for now" rather than a fault. */
class SqlTest {
  @Test
  void poolTimeoutsLostConnectionsAndRestartsAreUnavailability() {
    assertThat(Sql.isUnavailable(wrapped(new SQLTransientConnectionException("pool timed out"))))
        .isTrue();
    assertThat(Sql.isUnavailable(wrapped(new SQLException("terminating connection", "57P01"))))
        .isTrue();
    assertThat(Sql.isUnavailable(wrapped(new SQLException("connection refused", "08001"))))
        .isTrue();
  }

  @Test
  void aPooledConnectionThatWasClosedUnderATransactionIsUnavailability() throws SQLException {
    try (Database db = new Database(H2Urls.memory("sql_closed"), null, null, 1)) {
      java.sql.Connection connection = db.dataSource().getConnection();
      connection.close();
      // What HikariCP's proxy throws once it has closed a connection (as broken, mid-transaction).
      SQLException closed = null;
      try {
        connection.setSavepoint();
      } catch (SQLException e) {
        closed = e;
      }
      assertThat((Throwable) closed).as("a call on a closed connection fails").isNotNull();
      assertThat(closed.getSQLState()).isNull();
      assertThat(Sql.isUnavailable(wrapped(closed))).isTrue();
    }
  }

  @Test
  void constraintViolationsAndOtherErrorsAreNot() {
    assertThat(Sql.isUnavailable(wrapped(new SQLException("duplicate key", "23505")))).isFalse();
    assertThat(Sql.isUnavailable(wrapped(new SQLException("no state")))).isFalse();
    assertThat(Sql.isUnavailable(new IllegalStateException("a bug"))).isFalse();
  }

  private static RuntimeException wrapped(SQLException e) {
    return new IllegalStateException("statement failed", e);
  }
}
