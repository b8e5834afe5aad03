package com.securecart.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.jobs.RunState;
import com.securecart.persistence.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class NightlyScheduleTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final LocalDate DAY = LocalDate.parse("2026-11-24");

  private static ZonedDateTime at(String localDateTime) {
    return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN);
  }

  private static Optional<RunState> run(RunState.Status status) {
    Instant t = Instant.parse("2026-11-25T01:00:00Z");
    return Optional.of(
        new RunState(
            "nightly", DAY, 1, status, t, t, status == RunState.Status.RUNNING ? null : t));
  }

  @Test
  void theNextRunIsAtTwoInTheMorningLocalTime() {
    assertThat(NightlySchedule.untilNext(at("2026-11-25T01:00"))).isEqualTo(Duration.ofHours(1));
    assertThat(NightlySchedule.untilNext(at("2026-11-25T02:00"))).isEqualTo(Duration.ofHours(24));
    assertThat(NightlySchedule.untilNext(at("2026-11-25T23:30")))
        .isEqualTo(Duration.ofMinutes(150));
  }

  @Test
  void anInstanceStartingAfterTwoCatchesUpOnADayWithoutAFinishedRun() {
    ZonedDateTime morning = at("2026-11-25T09:00");
    assertThat(NightlySchedule.catchUpDue(morning, Optional.empty())).isTrue();
    assertThat(NightlySchedule.catchUpDue(morning, run(RunState.Status.FAILED))).isTrue();
    assertThat(NightlySchedule.catchUpDue(morning, run(RunState.Status.RUNNING))).isTrue();
    assertThat(NightlySchedule.catchUpDue(morning, run(RunState.Status.DONE))).isFalse();
    // Before 02:00 tonight's run is coming anyway.
    assertThat(NightlySchedule.catchUpDue(at("2026-11-25T01:59"), Optional.empty())).isFalse();
  }

  @Test
  void aFailedNightIsTriedThreeTimesMoreThenLeftToTomorrow() {
    assertThat(NightlySchedule.retryAfter(1)).contains(Duration.ofMinutes(15));
    assertThat(NightlySchedule.retryAfter(3)).contains(Duration.ofMinutes(15));
    assertThat(NightlySchedule.retryAfter(4)).isEmpty();
  }

  @Test
  void startingAfterTwoWithNoRunOfYesterdayRunsItAtOnce() {
    Clock clock = Clock.fixed(at("2026-11-25T09:00").toInstant(), BERLIN);
    try (Database db =
            new Database(
                "jdbc:h2:mem:schedule_"
                    + UUID.randomUUID().toString().replace("-", "")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
                null,
                null,
                4);
        NightlySchedule schedule =
            new NightlySchedule(NightlyJob.on(db, db, () -> {}, clock), clock)) {
      db.migrate();
      NightlyJob job = NightlyJob.on(db, db, () -> {}, clock);
      assertThat(job.runOf(DAY)).isEmpty();
      schedule.start();
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> job.runOf(DAY).map(r -> r.status() == RunState.Status.DONE).orElse(false));
    }
  }
}
