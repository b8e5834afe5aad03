package com.securecart.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Test
  void redactedChainsKeepTypesAndStackButNoMessages() {
    SQLException cause = new SQLException("Key (email)=(ada@example.com) already exists");
    IllegalStateException top =
        new IllegalStateException("insert failed for ada@example.com", cause);

    Throwable redacted = Problems.redacted(top);

    assertThat(redacted.getMessage())
        .isEqualTo("java.lang.IllegalStateException (message redacted)");
    assertThat(redacted.getStackTrace()).isEqualTo(top.getStackTrace());
    assertThat(redacted.getCause().getMessage())
        .isEqualTo("java.sql.SQLException (message redacted)");
    assertThat(redacted.getCause().getCause()).isNull();
    assertThat(redacted.toString() + redacted.getCause()).doesNotContain("ada@example.com");
  }

  @Test
  void databaseOutagesAndPoolTimeoutsAreUnavailableNotInternalErrors() {
    assertThat(
            Problems.databaseUnavailable(
                new IllegalStateException(
                    new java.sql.SQLTransientConnectionException("pool timed out"))))
        .isTrue();
    assertThat(
            Problems.databaseUnavailable(
                new RuntimeException(new java.sql.SQLException("terminating", "57P01"))))
        .isTrue();
    assertThat(
            Problems.databaseUnavailable(
                new RuntimeException(new java.sql.SQLException("connection refused", "08001"))))
        .isTrue();
    assertThat(
            Problems.databaseUnavailable(
                new RuntimeException(new java.sql.SQLException("duplicate key", "23505"))))
        .isFalse();
    assertThat(Problems.databaseUnavailable(new NullPointerException())).isFalse();
  }
}
