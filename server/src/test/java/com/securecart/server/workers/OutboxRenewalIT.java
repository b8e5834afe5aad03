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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A worker's heartbeat renews its claims while its own batch may be marking some of them done (ADR
 * 2, issue 18): on PostgreSQL the renewal skips the rows that batch holds rather than waiting for
 * its commit, with which it deadlocked (a second each, PostgreSQL's deadlock timeout) when the two
 * locked the rows in different orders.
 */
class OutboxRenewalIT {

  @Test
  void aRenewalSkipsTheRowsAnotherTransactionHoldsAndRenewsTheRest() throws Exception {
    String url = TestDatabases.freshUrl(Engine.POSTGRES);
    try (Database db = new Database(url, null, null, 4)) {
      db.migrate();
      JdbiOutbox outbox = new JdbiOutbox(db.transactions(), true, () -> {});
      db.transactions()
          .inTransaction(
              () -> {
                outbox.append(NewEvent.of("test.one", 1));
                outbox.append(NewEvent.of("test.two", 2));
                return null;
              });
      Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
      List<OutboxEvent> claimed = outbox.claim(10, now, now.plusSeconds(5));
      assertThat(claimed).hasSize(2);

      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch finish = new CountDownLatch(1);
      CompletableFuture<Boolean> batch =
          CompletableFuture.supplyAsync(
              () ->
                  db.transactions()
                      .inTransaction(
                          () -> {
                            boolean done = outbox.markDone(claimed.getFirst(), now);
                            held.countDown();
                            try {
                              finish.await(30, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                            return done;
                          }),
              OutboxRenewalIT::onItsOwnThread);
      assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

      // While the first event's row is locked by the batch: the renewal answers at once (it would
      // otherwise wait for the batch, which waits for the test), renewing only the second event.
      int renewed =
          CompletableFuture.supplyAsync(
                  () -> outbox.renew(claimed, now.plusSeconds(60)), OutboxRenewalIT::onItsOwnThread)
              .get(10, TimeUnit.SECONDS);
      assertThat(renewed).isEqualTo(1);

      finish.countDown();
      assertThat(batch.get(10, TimeUnit.SECONDS)).isTrue();
      // The second event's lease now runs to the renewal's end: no other worker can claim it yet.
      assertThat(outbox.claim(10, now.plusSeconds(30), now.plusSeconds(90))).isEmpty();
    } finally {
      TestDatabases.drop(url);
    }
  }

  /** Not the common pool: on two cores it has one thread, which the held batch would keep. */
  private static void onItsOwnThread(Runnable task) {
    Thread.ofVirtual().start(task);
  }
}
