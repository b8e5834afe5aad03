package com.securecart.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

  @Test
  void redactedChainsKeepTypesAndStackButNoMessages() {
    SQLException cause = new SQLException("Key (email)=(ada@example.com) already exists", "23505");
    IllegalStateException top =
        new IllegalStateException("insert failed for ada@example.com", cause);

    Throwable redacted = Problems.redacted(top);

    assertThat(redacted.getMessage())
        .isEqualTo("java.lang.IllegalStateException (message redacted)");
    assertThat(redacted.getStackTrace()).isEqualTo(top.getStackTrace());
    assertThat(redacted.getCause().getMessage())
        .as("the SQLState, which holds no data, is kept")
        .isEqualTo("java.sql.SQLException SQLState 23505 (message redacted)");
    assertThat(redacted.getCause().getCause()).isNull();
    assertThat(redacted.toString() + redacted.getCause()).doesNotContain("ada@example.com");
  }

  @Test
  void theStoresUnavailabilityIsRecognisedThroughWrappingExceptions() {
    assertThat(
            Problems.databaseUnavailable(
                new IllegalStateException(
                    new com.securecart.shared.StoreUnavailableException(new RuntimeException()))))
        .isTrue();
    assertThat(Problems.databaseUnavailable(new IllegalStateException("a bug"))).isFalse();
  }
}
