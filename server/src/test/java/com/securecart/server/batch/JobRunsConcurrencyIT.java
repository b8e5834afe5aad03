package com.securecart.server.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.securecart.app.NightlyParts;
import com.securecart.jobs.JobRun;
import com.securecart.jobs.JobRuns;
import com.securecart.persistence.Database;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.shared.DomainException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The ledger under concurrency, on each engine: of runs of one day started at once exactly one
 * runs, whether the day is new (racing inserts) or has a finished run (racing updates); and a
 * running attempt's heartbeat keeps its day held beyond the lease.
 */
class JobRunsConcurrencyIT {
  private static final int RACERS = 8;
  private static final LocalDate DAY = LocalDate.parse("2026-11-24");

  @ParameterizedTest
  @EnumSource(Engine.class)
  void ofRunsOfOneDayStartedAtOnceExactlyOneRuns(Engine engine) throws Exception {
    String url = TestDatabases.freshUrl(engine);
    try (Database db = new Database(url, null, null, RACERS + 2)) {
      db.migrate();
      JobRuns runs = NightlyParts.runs(db, Duration.ofMinutes(1));
      for (int round = 1; round <= 3; round++) {
        CyclicBarrier together = new CyclicBarrier(RACERS);
        CountDownLatch attempted = new CountDownLatch(RACERS);
        AtomicInteger started = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<Future<?>> racers = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(RACERS)) {
          for (int i = 0; i < RACERS; i++) {
            racers.add(
                pool.submit(
                    () -> {
                      together.await();
                      JobRun run;
                      try {
                        run = runs.start("race", DAY);
                      } catch (DomainException e) {
                        assertThat(e.type()).isEqualTo("job-running");
                        refused.incrementAndGet();
                        attempted.countDown();
                        return null;
                      }
                      started.incrementAndGet();
                      attempted.countDown();
                      // Holds the day until every other racer has tried.
                      attempted.await();
                      run.succeeded();
                      run.close();
                      return null;
                    }));
          }
          for (Future<?> racer : racers) {
            racer.get();
          }
        }
        assertThat(started.get()).as("round %d: runs started", round).isEqualTo(1);
        assertThat(refused.get()).as("round %d: runs refused", round).isEqualTo(RACERS - 1);
        assertThat(runs.of("race", DAY).orElseThrow().attempt()).isEqualTo(round);
      }
    } finally {
      TestDatabases.drop(url);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aRunningAttemptsHeartbeatKeepsItsDayHeldBeyondTheLease(Engine engine) throws Exception {
    String url = TestDatabases.freshUrl(engine);
    Duration lease = Duration.ofMillis(800);
    try (Database db = new Database(url, null, null, 4)) {
      db.migrate();
      JobRuns runs = NightlyParts.runs(db, lease);
      JobRun run = runs.start("beat", DAY);
      run.stageFinished("first", "one stage done");
      // The ledger stamps heartbeats with the database's clock (CURRENT_TIMESTAMP), so no test
      // clock
      // can move it: wait instead until the database shows the run heard from over two leases after
      // it started. Without its heartbeat the day would have been free for a lease by then.
      Instant started = runs.of("beat", DAY).orElseThrow().startedAt();
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> runs.of("beat", DAY).orElseThrow().heartbeatAt(),
              heard -> heard.isAfter(started.plus(lease.multipliedBy(2))));
      assertThatThrownBy(() -> runs.start("beat", DAY))
          .isInstanceOfSatisfying(
              DomainException.class, e -> assertThat(e.type()).isEqualTo("job-running"));
      run.close();
      try (JobRun resumed = runs.start("beat", DAY)) {
        assertThat(resumed.attempt()).isEqualTo(2);
        assertThat(resumed.finished("first")).contains("one stage done");
      }
    } finally {
      TestDatabases.drop(url);
    }
  }
}
