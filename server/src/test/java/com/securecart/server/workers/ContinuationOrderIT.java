package com.securecart.server.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.outbox.Continuation;
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
 * The database outbox dispatches an order's next step ahead of orders that arrived after it (issue
 * 18): an event appended as a {@link Continuation} is due as of the event that led to it.
 */
class ContinuationOrderIT {

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aContinuationIsClaimedBeforeANewerOrdersFirstEvent(Engine engine) {
    String url = TestDatabases.freshUrl(engine);
    try (Database db = new Database(url, null, null, 2)) {
      db.migrate();
      JdbiOutbox outbox = new JdbiOutbox(db.transactions(), engine == Engine.POSTGRES, () -> {});
      Instant placedAt = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MICROS);
      db.transactions()
          .inTransaction(
              () -> {
                outbox.append(NewEvent.of("order.placed", 2));
                return null;
              });
      db.transactions()
          .inTransaction(
              () -> {
                Continuation.of(placedAt, () -> outbox.append(NewEvent.of("order.paid", 1)));
                return null;
              });
      assertThat(Continuation.dueAsOf()).isEmpty();

      // The pipeline's lag reads from when the continued order became due.
      assertThat(outbox.oldestUnclaimed()).contains(placedAt);

      Instant now = Instant.now().plusSeconds(1);
      List<OutboxEvent> first = outbox.claim(1, now, now.plusSeconds(5));
      List<OutboxEvent> second = outbox.claim(1, now, now.plusSeconds(5));

      assertThat(first).extracting(OutboxEvent::type).containsExactly("order.paid");
      assertThat(second).extracting(OutboxEvent::type).containsExactly("order.placed");
    } finally {
      TestDatabases.drop(url);
    }
  }
}
