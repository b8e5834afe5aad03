package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The arithmetic from two window-edge snapshots to per-order figures. */
class WindowCostTest {
  private static WindowCost.Snapshot at(
      long serverNanos,
      long postgresNanos,
      long commits,
      long rollbacks,
      long inserted,
      long updated,
      long deleted,
      long statements) {
    return new WindowCost.Snapshot(
        serverNanos,
        postgresNanos,
        new StockAudit.DbCounters(commits, rollbacks, inserted, updated, deleted, 0),
        statements);
  }

  @Test
  void deltasDividedByTheOrdersOfTheWindow() {
    WindowCost.Snapshot first = at(1_000_000_000L, 500_000_000L, 100, 5, 1000, 200, 10, 5000);
    // 200 orders: 3 s of server CPU, 1 s of PostgreSQL CPU, 2,395 + 5 transactions, 2,000 + 400 +
    // 10 rows, 12,000 statements.
    WindowCost.Snapshot last = at(4_000_000_000L, 1_500_000_000L, 2495, 10, 3000, 600, 20, 17_000);

    WindowCost cost = WindowCost.between(first, last, 200);

    assertThat(cost.serverCpuMsPerUnit()).isCloseTo(15.0, within(1e-9));
    assertThat(cost.postgresCpuMsPerUnit()).isCloseTo(5.0, within(1e-9));
    assertThat(cost.transactionsPerUnit()).isCloseTo(12.0, within(1e-9));
    assertThat(cost.rowsWrittenPerUnit()).isCloseTo(12.05, within(1e-9));
    assertThat(cost.statementsPerUnit()).isCloseTo(60.0, within(1e-9));
    assertThat(cost.describe("order"))
        .startsWith("per order (200 in the window): server CPU 15.00 ms, PostgreSQL CPU 5.00 ms,")
        .contains("12.00 transactions", "12.05 rows written", "statements 60.00");
    assertThat(cost.properties("a.per_order"))
        .contains("a.per_order.server_cpu_ms=15.000", "a.per_order.transactions=12.000");
  }

  @Test
  void withoutPgStatStatementsTheStatementsAreNotAvailableNotZero() {
    WindowCost cost =
        WindowCost.between(at(0, 0, 0, 0, 0, 0, 0, -1), at(0, 0, 10, 0, 10, 0, 0, -1), 10);

    assertThat(cost.statementsPerUnit()).isNaN();
    assertThat(cost.transactionsPerUnit()).isEqualTo(1.0);
    assertThat(cost.describe("insert")).contains("statements n/a (pg_stat_statements unavailable)");
  }

  @Test
  void anUnreadableCpuFigureIsNaNAndSoIsEveryFigureOfAnEmptyWindow() {
    WindowCost unreadable =
        WindowCost.between(at(-1, 0, 0, 0, 0, 0, 0, 0), at(5_000_000, 0, 1, 0, 0, 0, 0, 0), 1);
    assertThat(unreadable.serverCpuMsPerUnit()).isNaN();
    assertThat(unreadable.postgresCpuMsPerUnit()).isEqualTo(0.0);
    assertThat(unreadable.describe("order")).contains("server CPU n/a, PostgreSQL CPU 0.00 ms");

    WindowCost empty =
        WindowCost.between(at(0, 0, 0, 0, 0, 0, 0, 0), at(1_000_000, 0, 3, 0, 0, 0, 0, 0), 0);
    assertThat(empty.transactionsPerUnit()).isNaN();
    assertThat(empty.serverCpuMsPerUnit()).isNaN();
  }

  @Test
  void withoutPostgresCpuKeepsEveryOtherFigure() {
    WindowCost cost =
        WindowCost.between(
                at(0, 0, 0, 0, 0, 0, 0, 0), at(8_000_000, 4_000_000, 10, 0, 6, 0, 0, 0), 2)
            .withoutPostgresCpu();

    assertThat(cost.postgresCpuMsPerUnit()).isNaN();
    assertThat(cost.serverCpuMsPerUnit()).isCloseTo(4.0, within(1e-9));
    assertThat(cost.transactionsPerUnit()).isCloseTo(5.0, within(1e-9));
    assertThat(cost.rowsWrittenPerUnit()).isCloseTo(3.0, within(1e-9));
  }

  @Test
  void countersThatWentBackwardsAreRefusedRatherThanPrintedNegative() {
    assertThatThrownBy(
            () -> WindowCost.between(at(0, 0, 50, 0, 0, 0, 0, 0), at(0, 0, 10, 0, 0, 0, 0, 0), 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("statistics reset");
  }
}
