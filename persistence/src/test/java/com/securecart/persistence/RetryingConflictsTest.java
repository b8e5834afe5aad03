package com.securecart.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * The transaction layer's one bounded retry (docs/adr/0014), outside a transaction: no database is
 * reached, as the work here never asks for a connection.
 */
class RetryingConflictsTest {
  private final JdbiTransactions transactions =
      new JdbiTransactions(Jdbi.create("jdbc:h2:mem:never-opened"), false);

  @Test
  void aLostDeadlockRunsAgainAndTheNextAttemptsResultIsReturned() {
    AtomicInteger attempts = new AtomicInteger();
    String result =
        transactions.retryingConflicts(
            Sql::isLockConflict,
            () -> {
              if (attempts.incrementAndGet() == 1) {
                throw failed("40P01");
              }
              return "done";
            });
    assertThat(result).isEqualTo("done");
    assertThat(attempts).hasValue(2);
  }

  @Test
  void conflictsAreRetriedABoundedNumberOfTimesAndTheLastErrorIsThrown() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                transactions.retryingConflicts(
                    Sql::isLockConflict,
                    () -> {
                      attempts.incrementAndGet();
                      throw failed("40001");
                    }))
        .hasRootCauseMessage("40001");
    assertThat(attempts).hasValue(JdbiTransactions.CONFLICT_ATTEMPTS);
  }

  @Test
  void otherErrorsAreNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    assertThatThrownBy(
            () ->
                transactions.retryingConflicts(
                    Sql::isLockConflict,
                    () -> {
                      attempts.incrementAndGet();
                      throw failed("08006");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(attempts).hasValue(1);
  }

  private static RuntimeException failed(String sqlState) {
    return new IllegalStateException("statement failed", new SQLException(sqlState, sqlState));
  }
}
