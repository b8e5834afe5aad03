package com.securecart.server.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.Contexts;
import com.securecart.app.Observers;
import com.securecart.inventory.InventoryApi;
import com.securecart.inventory.OutOfStockException;
import com.securecart.inventory.StockRequest;
import com.securecart.persistence.CoalescingTransactions;
import com.securecart.persistence.Database;
import com.securecart.server.testing.TestConfigs;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.shared.OrderId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Units of one key share transactions, and each one's failure stays its own. */
class CoalescingTransactionsIT {

  @ParameterizedTest
  @EnumSource(Engine.class)
  void waitingUnitsShareTransactionsAndOnlyTheUnitsThatFitGetStock(Engine engine) throws Exception {
    String url = TestDatabases.freshUrl(engine);
    try (Database db = new Database(url, null, null, 8);
        Contexts contexts =
            Contexts.wire(TestConfigs.app(url), db, Clock.systemUTC(), Observers.none())) {
      db.migrate();
      InventoryApi inventory = contexts.inventory();
      inventory.setOnHand("HOT", 50);
      CoalescingTransactions coalescing = new CoalescingTransactions(db.transactions(), 64);
      int units = 200;
      Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
      CountDownLatch firstRunning = new CountDownLatch(1);
      List<Future<String>> outcomes = new ArrayList<>();
      try (ExecutorService buyers = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < units; i++) {
          long order = i + 1;
          outcomes.add(
              buyers.submit(
                  () -> {
                    try {
                      return coalescing.inTransaction(
                          () -> "HOT",
                          () -> {
                            if (order == 1) {
                              // The first transaction stays open until every other unit waits.
                              firstRunning.countDown();
                              Awaitility.await()
                                  .atMost(Duration.ofSeconds(30))
                                  .until(() -> coalescing.waiting("HOT") == units - 1);
                            }
                            ranOn.add(Thread.currentThread());
                            inventory.reserve(
                                new OrderId(order),
                                List.of(new StockRequest("HOT", 1)),
                                Instant.now().plusSeconds(600));
                            if (order % 10 == 0) {
                              throw new IllegalStateException("a unit that fails after its writes");
                            }
                            return "reserved";
                          });
                    } catch (OutOfStockException e) {
                      return "short";
                    } catch (IllegalStateException e) {
                      return "failed";
                    }
                  }));
          if (order == 1) {
            firstRunning.await();
          }
        }
        List<String> results = new ArrayList<>();
        for (Future<String> f : outcomes) {
          results.add(f.get());
        }
        assertThat(results).filteredOn("reserved"::equals).hasSize(50);
        assertThat(results).containsOnly("reserved", "short", "failed");
        assertThat(results).contains("failed");
        for (int i = 0; i < units; i++) {
          // A unit's own failure undid its writes, and only its own.
          boolean holds = reservations(db, i + 1) == 1;
          assertThat(holds).as("order %d", i + 1).isEqualTo(results.get(i).equals("reserved"));
        }
      }
      // One transaction for the first unit, then 199 waiting units in batches of at most 64.
      assertThat(ranOn).hasSize(5);
      assertThat(inventory.level("HOT").reserved()).isEqualTo(50);
      assertThat(coalescing.waiting("HOT")).isZero();
    } finally {
      TestDatabases.drop(url);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void anUncontendedUnitRunsInTheTransactionThatReadItsKey(Engine engine) {
    String url = TestDatabases.freshUrl(engine);
    try (Database db = new Database(url, null, null, 4);
        Contexts contexts =
            Contexts.wire(TestConfigs.app(url), db, Clock.systemUTC(), Observers.none())) {
      db.migrate();
      InventoryApi inventory = contexts.inventory();
      inventory.setOnHand("SOLO", 5);
      CoalescingTransactions coalescing = new CoalescingTransactions(db.transactions(), 64, 4);

      // The key's read writes too, here, so that the unit's failure shows whether both were one
      // transaction: the write is rolled back with the unit.
      assertThatThrownBy(
              () ->
                  coalescing.inTransaction(
                      () -> {
                        inventory.setOnHand("SOLO", 7);
                        return "SOLO";
                      },
                      () -> {
                        throw new IllegalStateException("the unit fails");
                      }))
          .hasMessage("the unit fails");
      assertThat(inventory.level("SOLO").onHand()).isEqualTo(5);
      assertThat(coalescing.waiting("SOLO")).isZero();

      String placed = coalescing.inTransaction(() -> "SOLO", () -> "placed");
      assertThat(placed).isEqualTo("placed");
    } finally {
      TestDatabases.drop(url);
    }
  }

  private static int reservations(Database db, long order) throws SQLException {
    try (Connection c = db.dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT COUNT(*) FROM reservations WHERE order_id = ?")) {
      s.setLong(1, order);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aUnitThatFailsBecauseTheDatabaseWentAwayIsReportedUnavailable(Engine engine) {
    String url = TestDatabases.freshUrl(engine);
    try (Database db = new Database(url, null, null, 4)) {
      db.migrate();
      CoalescingTransactions coalescing = new CoalescingTransactions(db.transactions(), 64, 4);
      // What pgjdbc throws on a connection whose server was restarted (admin shutdown, 57P01).
      RuntimeException restarted =
          new IllegalStateException(new SQLException("terminating connection", "57P01"));

      assertThatThrownBy(
              () ->
                  coalescing.inTransaction(
                      () -> "KEY",
                      () -> {
                        throw restarted;
                      }))
          .isInstanceOf(com.securecart.shared.StoreUnavailableException.class)
          .hasCause(restarted);
      assertThatThrownBy(
              () ->
                  coalescing.inTransaction(
                      () -> "KEY",
                      () -> {
                        throw new IllegalStateException("a bug");
                      }))
          .isNotInstanceOf(com.securecart.shared.StoreUnavailableException.class);
    } finally {
      TestDatabases.drop(url);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aUnitThatLosesADeadlockRunsAgainAndOtherFailuresDoNot(Engine engine) {
    String url = TestDatabases.freshUrl(engine);
    try (Database db = new Database(url, null, null, 4)) {
      db.migrate();
      CoalescingTransactions coalescing = new CoalescingTransactions(db.transactions(), 64, 4);
      java.util.concurrent.atomic.AtomicInteger runs =
          new java.util.concurrent.atomic.AtomicInteger();
      RuntimeException deadlock =
          new IllegalStateException(new java.sql.SQLException("deadlock detected", "40P01"));

      // Nothing else of its key runs, so the unit runs alone in the transaction that read its key
      // (issue 18), once per submission: one that loses to a deadlock is submitted again, up to
      // three submissions, and here its third run succeeds.
      String won =
          coalescing.inTransaction(
              () -> "KEY",
              () -> {
                if (runs.incrementAndGet() <= 2) {
                  throw deadlock;
                }
                return "placed";
              });
      assertThat(won).isEqualTo("placed");
      assertThat(runs.get()).isEqualTo(3);

      assertThat(runsOfAlwaysFailing(coalescing, deadlock))
          .as("runs before giving up: three submissions")
          .isEqualTo(3);
      assertThat(runsOfAlwaysFailing(coalescing, new IllegalStateException("a bug")))
          .as("a failure that is no lock conflict is submitted once")
          .isEqualTo(1);
    } finally {
      TestDatabases.drop(url);
    }
  }

  /** How often a unit that always throws {@code failure} runs before its caller gets it. */
  private static int runsOfAlwaysFailing(
      CoalescingTransactions coalescing, RuntimeException failure) {
    java.util.concurrent.atomic.AtomicInteger runs =
        new java.util.concurrent.atomic.AtomicInteger();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                coalescing.inTransaction(
                    () -> "KEY",
                    () -> {
                      runs.incrementAndGet();
                      throw failure;
                    }))
        .isSameAs(failure);
    return runs.get();
  }
}
