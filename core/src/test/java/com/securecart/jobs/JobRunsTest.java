package com.securecart.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.DomainException;
import com.securecart.testing.InMemoryTransactions;
import com.securecart.testing.MutableClock;
import java.time.Duration;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class JobRunsTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-24");
  private static final Duration LEASE = Duration.ofMinutes(1);

  private final MutableClock clock = MutableClock.at("2026-11-25T02:00:00Z");
  private final InMemoryJobLedger ledger = new InMemoryJobLedger(clock);
  private final JobRuns runs = new JobRuns(ledger, new InMemoryTransactions(), LEASE);

  private RunState row() {
    return ledger.lock("nightly", DAY).orElseThrow();
  }

  @Test
  void aFirstRunStartsAtAttemptOneWithNothingFinishedAndEndsDone() {
    try (JobRun run = runs.start("nightly", DAY)) {
      assertThat(run.attempt()).isEqualTo(1);
      assertThat(run.finished("analytics")).isEmpty();
      assertThat(row().status()).isEqualTo(RunState.Status.RUNNING);
      run.stageFinished("analytics", "42 orders");
      run.succeeded();
    }
    assertThat(row().status()).isEqualTo(RunState.Status.DONE);
    assertThat(row().finishedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aRunClosedWithoutSuccessIsFailedAndTheNextResumesAfterItsFinishedStages() {
    try (JobRun run = runs.start("nightly", DAY)) {
      run.stageFinished("analytics", "42 orders");
      // the model stage throws here: the run is closed without succeeding
    }
    assertThat(row().status()).isEqualTo(RunState.Status.FAILED);

    try (JobRun resumed = runs.start("nightly", DAY)) {
      assertThat(resumed.attempt()).isEqualTo(2);
      assertThat(resumed.finished("analytics")).contains("42 orders");
      assertThat(resumed.finished("model")).isEmpty();
      resumed.stageFinished("model", "version 7");
      resumed.succeeded();
    }
    assertThat(row().status()).isEqualTo(RunState.Status.DONE);
  }

  @Test
  void aRunAfterADoneOneStartsOverAndForgetsTheStages() {
    try (JobRun run = runs.start("nightly", DAY)) {
      run.stageFinished("analytics", "42 orders");
      run.stageFinished("model", "version 7");
      run.succeeded();
    }
    try (JobRun again = runs.start("nightly", DAY)) {
      assertThat(again.attempt()).isEqualTo(2);
      assertThat(again.finished("analytics")).isEmpty();
      assertThat(again.finished("model")).isEmpty();
    }
  }

  @Test
  void aRunningAttemptHoldsItsDayUntilItsHeartbeatIsOlderThanTheLease() {
    JobRun crashed = runs.start("nightly", DAY);
    crashed.stageFinished("analytics", "42 orders");
    // The process dies here: the attempt is never closed, its row stays RUNNING.

    clock.advance(LEASE.minusSeconds(1));
    assertThatThrownBy(() -> runs.start("nightly", DAY))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
              assertThat(e.type()).isEqualTo("job-running");
              assertThat(e.detail()).contains("2026-11-24").contains("59 s ago");
            });

    clock.advance(Duration.ofSeconds(1));
    try (JobRun takeover = runs.start("nightly", DAY)) {
      assertThat(takeover.attempt()).isEqualTo(2);
      assertThat(takeover.finished("analytics")).contains("42 orders");
      // The crashed attempt, should it come back to life, may no longer record anything.
      assertThatThrownBy(() -> crashed.stageFinished("model", "version 7"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("taken over");
      takeover.succeeded();
    }
    crashed.close();
    assertThat(row().status()).isEqualTo(RunState.Status.DONE);
    assertThat(row().attempt()).isEqualTo(2);
  }

  @Test
  void aHeartbeatKeepsTheDayHeld() {
    JobRun run = runs.start("nightly", DAY);
    clock.advance(LEASE.multipliedBy(3));
    ledger.heartbeat("nightly", DAY, run.attempt());
    clock.advance(LEASE.minusSeconds(1));
    assertThatThrownBy(() -> runs.start("nightly", DAY)).isInstanceOf(DomainException.class);
    run.close();
  }

  @Test
  void daysAndJobsAreHeldSeparately() {
    try (JobRun a = runs.start("nightly", DAY);
        JobRun b = runs.start("nightly", DAY.minusDays(1));
        JobRun c = runs.start("other", DAY)) {
      assertThat(a.attempt()).isEqualTo(1);
      assertThat(b.attempt()).isEqualTo(1);
      assertThat(c.attempt()).isEqualTo(1);
    }
    assertThat(runs.recent("nightly", 10))
        .extracting(RunState::day)
        .containsExactly(DAY, DAY.minusDays(1));
  }

  @Test
  void aRowHasAFinishTimeExactlyWhenItIsNotRunning() {
    RunState first = RunState.first("nightly", DAY, clock.instant());
    assertThatThrownBy(
            () ->
                new RunState(
                    "nightly",
                    DAY,
                    1,
                    RunState.Status.DONE,
                    clock.instant(),
                    clock.instant(),
                    null))
        .isInstanceOf(IllegalArgumentException.class);
    RunState done = first.finished(true, clock.instant());
    assertThatThrownBy(() -> done.finished(false, clock.instant()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(done.resumable()).isFalse();
    assertThat(first.finished(false, clock.instant()).resumable()).isTrue();
  }
}
