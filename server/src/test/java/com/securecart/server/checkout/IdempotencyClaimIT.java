package com.securecart.server.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.idempotency.IdempotencyRepository;
import com.securecart.idempotency.StoredResponse;
import com.securecart.persistence.Database;
import com.securecart.persistence.JdbiIdempotencyRepository;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQL side of ADR 4 as amended by issue 18: a checkout claims its key inside its own
 * transaction, so a concurrent claim of the same key waits for that transaction and then finds the
 * key taken (committed) or free (rolled back); and a key left in flight by an earlier version is
 * taken over only once it is stale.
 */
class IdempotencyClaimIT {
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Instant CLAIMED = Instant.parse("2026-12-07T10:00:00Z");
  private static final String FINGERPRINT = "f".repeat(64);
  private static final StoredResponse CREATED = new StoredResponse(201, "application/json", "{}");

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aConcurrentClaimWaitsForTheHoldersCommitAndThenFindsTheKeyTaken(Engine engine)
      throws Exception {
    assertThat(raceAgainstAnOpenClaim(engine, true)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aConcurrentClaimWaitsForTheHoldersRollbackAndThenTakesTheKey(Engine engine)
      throws Exception {
    assertThat(raceAgainstAnOpenClaim(engine, false)).isTrue();
  }

  /** Whether a second claim, made while the first one's transaction is open, gets the key. */
  private static boolean raceAgainstAnOpenClaim(Engine engine, boolean holderCommits)
      throws Exception {
    String url = TestDatabases.freshUrl(engine);
    try (Database db = new Database(url, null, null, 4)) {
      db.migrate();
      IdempotencyRepository keys = new JdbiIdempotencyRepository(db.transactions());
      CountDownLatch claimed = new CountDownLatch(1);
      CountDownLatch finish = new CountDownLatch(1);
      CompletableFuture<Void> holder =
          CompletableFuture.runAsync(
              () ->
                  db.transactions()
                      .inTransaction(
                          () -> {
                            assertThat(keys.tryInsert("s", "k", FINGERPRINT, CLAIMED, later()))
                                .isTrue();
                            assertThat(keys.complete("s", "k", CLAIMED, CREATED)).isTrue();
                            claimed.countDown();
                            await(finish);
                            if (!holderCommits) {
                              throw new IllegalStateException("the checkout failed");
                            }
                            return null;
                          }));
      assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
      // Invisible to others until it commits: the key is neither answered nor in flight for them.
      assertThat(keys.find("s", "k")).isEmpty();
      CompletableFuture<Boolean> second =
          CompletableFuture.supplyAsync(
              () -> keys.tryInsert("s", "k", FINGERPRINT, CLAIMED.plusSeconds(1), later()));
      Thread.sleep(300);
      assertThat(second).as("the second claim waits for the first transaction").isNotDone();
      finish.countDown();
      try {
        holder.get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(holderCommits).isFalse();
      }
      boolean gotIt = second.get(15, TimeUnit.SECONDS);
      assertThat(keys.find("s", "k").orElseThrow().inFlight()).isEqualTo(gotIt);
      return gotIt;
    } finally {
      TestDatabases.drop(url);
    }
  }

  @org.junit.jupiter.api.Test
  void postgresEndsATransactionLeftIdleByAVanishedInstanceSoItsKeyIsFreed() throws Exception {
    String url = TestDatabases.freshUrl(Engine.POSTGRES);
    try (Database db = new Database(url, null, null, 1);
        java.sql.Connection c = db.dataSource().getConnection();
        java.sql.ResultSet rs =
            c.createStatement().executeQuery("SHOW idle_in_transaction_session_timeout")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("10s");
    } finally {
      TestDatabases.drop(url);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aKeyLeftInFlightByAnEarlierVersionIsTakenOverOnlyOnceStale(Engine engine) {
    String url = TestDatabases.freshUrl(engine);
    try (Database db = new Database(url, null, null, 2)) {
      db.migrate();
      IdempotencyRepository keys = new JdbiIdempotencyRepository(db.transactions());
      assertThat(keys.tryInsert("s", "k", FINGERPRINT, CLAIMED, later())).isTrue();

      Instant fresh = CLAIMED.plus(LEASE).minusMillis(1);
      assertThat(keys.reclaim("s", "k", fresh.minus(LEASE), fresh)).isFalse();

      Instant stale = CLAIMED.plus(LEASE).plusMillis(1);
      assertThat(keys.reclaim("s", "k", stale.minus(LEASE), stale)).isTrue();
      // The old holder can no longer complete it; whoever took it over can free it.
      assertThat(keys.complete("s", "k", CLAIMED, CREATED)).isFalse();
      keys.release("s", "k", stale);
      assertThat(keys.find("s", "k")).isEmpty();
    } finally {
      TestDatabases.drop(url);
    }
  }

  private static Instant later() {
    return CLAIMED.plusSeconds(3600);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
