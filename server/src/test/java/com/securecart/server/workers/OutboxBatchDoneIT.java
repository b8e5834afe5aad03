package com.securecart.server.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.outbox.NewEvent;
import com.securecart.outbox.OutboxEvent;
import com.securecart.persistence.Database;
import com.securecart.persistence.JdbiOutbox;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A pipeline batch marks its events done in one statement (issue 18), and still only those whose
 * claim it holds: an event another worker claimed since (its lease ran out) is left to that worker,
 * and the count tells the batch that it must roll back.
 */
class OutboxBatchDoneIT {

  @ParameterizedTest
  @EnumSource(Engine.class)
  void marksDoneOnlyTheEventsWhoseClaimStillHolds(Engine engine) {
    String url = TestDatabases.freshUrl(engine);
    try (Database db = new Database(url, null, null, 2)) {
      db.migrate();
      JdbiOutbox outbox = new JdbiOutbox(db.transactions(), engine == Engine.POSTGRES, () -> {});
      db.transactions()
          .inTransaction(
              () -> {
                for (int i = 1; i <= 3; i++) {
                  outbox.append(NewEvent.of("test.batch", i));
                }
                return null;
              });
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      List<OutboxEvent> batch = outbox.claim(10, now, now.plusSeconds(1));
      assertThat(batch).hasSize(3);
      // The batch's lease ran out and another worker claimed the events again: its claims are
      // the current ones, so the first worker's completions must change nothing.
      Instant later = now.plusSeconds(2);
      List<OutboxEvent> reclaimed = outbox.claim(1, later, later.plusSeconds(30));
      assertThat(reclaimed).hasSize(1);

      assertThat(outbox.markAllDone(List.of(), later)).isZero();
      int others = 0;
      for (OutboxEvent event : batch) {
        if (event.id() != reclaimed.getFirst().id()) {
          others++;
        }
      }
      assertThat(outbox.markAllDone(batch, later)).isEqualTo(others).isEqualTo(2);
      // The reclaimed event is still pending for its new owner, who finishes it alone.
      assertThat(outbox.markAllDone(reclaimed, later)).isEqualTo(1);
      assertThat(outbox.backlog().pending()).isZero();
    } finally {
      TestDatabases.drop(url);
    }
  }
}
