package com.securecart.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.jobs.RunState;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NightlyScheduleTest {
  private static final LocalDate DAY = LocalDate.parse("2026-11-24");

  private static ZonedDateTime at(String localDateTime, String zone) {
    return LocalDateTime.parse(localDateTime).atZone(ZoneId.of(zone));
  }

  private static Optional<RunState> run(RunState.Status status) {
    Instant t = Instant.parse("2026-11-25T01:00:00Z");
    return Optional.of(
        new RunState(
            "nightly", DAY, 1, status, t, t, status == RunState.Status.RUNNING ? null : t));
  }

  @Test
  void theNextRunIsAtTwoInTheMorningLocalTime() {
    assertThat(NightlySchedule.untilNext(at("2026-11-25T01:00", "Europe/London")))
        .isEqualTo(Duration.ofHours(1));
    assertThat(NightlySchedule.untilNext(at("2026-11-25T02:00", "Asia/Tokyo")))
        .isEqualTo(Duration.ofHours(24));
    assertThat(NightlySchedule.untilNext(at("2026-11-25T23:30", "America/New_York")))
        .isEqualTo(Duration.ofMinutes(150));
  }

  @Test
  void whereTwoLocalIsMidnightUtcTheRunWaitsForTheDayToSettle() {
    // Summer time in Berlin: 02:00 local is 00:00 UTC, the very end of the day to compute.
    assertThat(NightlySchedule.untilNext(at("2026-07-15T01:00", "Europe/Berlin")))
        .isEqualTo(Duration.ofMinutes(90));
    // Winter: 02:00 local is 01:00 UTC, settled already.
    assertThat(NightlySchedule.untilNext(at("2026-11-25T01:00", "Europe/Berlin")))
        .isEqualTo(Duration.ofHours(1));
  }

  @Test
  void aRunComputesTheLastUtcDayThatHasEndedWhateverTheMachinesZone() {
    // 02:00 in Tokyo is 17:00 UTC the day before: that UTC day is not over, the one before is.
    Instant tokyo = at("2026-11-26T02:00", "Asia/Tokyo").toInstant();
    assertThat(NightlyJob.lastFullDay(tokyo)).isEqualTo(LocalDate.parse("2026-11-24"));
    // 02:30 in Berlin in summer is 00:30 UTC: the UTC day just ended has settled.
    Instant berlin = at("2026-07-16T02:30", "Europe/Berlin").toInstant();
    assertThat(NightlyJob.lastFullDay(berlin)).isEqualTo(LocalDate.parse("2026-07-15"));
    // 02:00 in New York is 07:00 UTC.
    Instant newYork = at("2026-11-26T02:00", "America/New_York").toInstant();
    assertThat(NightlyJob.lastFullDay(newYork)).isEqualTo(LocalDate.parse("2026-11-25"));
    // Within the settling time after midnight UTC, the day before it.
    assertThat(NightlyJob.lastFullDay(Instant.parse("2026-11-26T00:10:00Z")))
        .isEqualTo(LocalDate.parse("2026-11-24"));
  }

  @Test
  void aDayIsDueUntilItHasAFinishedRun() {
    assertThat(NightlySchedule.due(Optional.empty())).isTrue();
    assertThat(NightlySchedule.due(run(RunState.Status.FAILED))).isTrue();
    assertThat(NightlySchedule.due(run(RunState.Status.RUNNING))).isTrue();
    assertThat(NightlySchedule.due(run(RunState.Status.DONE))).isFalse();
  }

  @Test
  void aFailedDayIsTriedThreeTimesMoreThenLeftForARunByHand() {
    assertThat(NightlySchedule.retryAfter(1)).contains(Duration.ofMinutes(15));
    assertThat(NightlySchedule.retryAfter(3)).contains(Duration.ofMinutes(15));
    assertThat(NightlySchedule.retryAfter(4)).isEmpty();
  }
}
