package com.securecart.server.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.app.NightlyParts;
import com.securecart.jobs.RunState;
import com.securecart.persistence.Database;
import com.securecart.persistence.H2Urls;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class NightlyScheduleIT {
  @Test
  void anInstanceStartingWhileTheLastFullDayHasNoFinishedRunCatchesUpAtOnce() {
    Clock clock = Clock.system(ZoneId.of("Asia/Tokyo"));
    LocalDate day = NightlyJob.lastFullDay(clock.instant());
    try (Database db =
            new Database(
                H2Urls.memory("schedule_" + UUID.randomUUID().toString().replace("-", "")),
                null,
                null,
                4);
        NightlySchedule schedule =
            new NightlySchedule(
                new NightlyJob(NightlyParts.wire(db, db, clock), () -> {}, clock), clock)) {
      db.migrate();
      NightlyJob job = new NightlyJob(NightlyParts.wire(db, db, clock), () -> {}, clock);
      assertThat(job.runOf(day)).isEmpty();
      schedule.start();
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> job.runOf(day).map(r -> r.status() == RunState.Status.DONE).orElse(false));
    }
  }
}
