package com.securecart.server.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.app.Doorbell;
import com.securecart.app.Pipeline;
import com.securecart.outbox.NewEvent;
import com.securecart.outbox.Outbox;
import com.securecart.outbox.OutboxEvent;
import com.securecart.pipeline.PipelineRunner;
import com.securecart.pipeline.RetryPolicy;
import com.securecart.shared.Transactions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Shutting down stops a worker at a step boundary: the step in hand finishes, none starts. */
class OutboxWorkerShutdownTest {
  /** An outbox with an endless supply of due events whose steps block until released. */
  static final class BlockingOutbox implements Outbox {
    final AtomicInteger claims = new AtomicInteger();
    final AtomicInteger done = new AtomicInteger();
    final AtomicBoolean interrupted = new AtomicBoolean();
    final CountDownLatch stepStarted = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public List<OutboxEvent> claim(int limit, Instant now, Instant leaseUntil) {
      int n = claims.incrementAndGet();
      return List.of(new OutboxEvent(n, "test.event", "1", Map.of(), 0, now));
    }

    @Override
    public int renew(java.util.Collection<OutboxEvent> claimed, Instant leaseUntil) {
      return claimed.size();
    }

    @Override
    public boolean markDone(OutboxEvent claimed, Instant now) {
      // The step's transaction: the first one waits for the test, as a slow step would.
      stepStarted.countDown();
      try {
        if (!release.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        interrupted.set(true);
        Thread.currentThread().interrupt();
        return false;
      }
      done.incrementAndGet();
      return true;
    }

    @Override
    public void append(NewEvent event) {}

    @Override
    public boolean retryAt(OutboxEvent claimed, Instant when, String error) {
      return true;
    }

    @Override
    public boolean markDead(OutboxEvent claimed, Instant now, String error) {
      return true;
    }

    @Override
    public int purgeFinished(Instant before) {
      return 0;
    }

    @Override
    public Backlog backlog() {
      return new Backlog(0, java.util.Optional.empty());
    }
  }

  private static final Transactions DIRECT =
      new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
          return work.get();
        }
      };

  @Test
  void aStepInHandFinishesAndNoNewStepStartsOnceShutdownBegan() throws Exception {
    BlockingOutbox outbox = new BlockingOutbox();
    PipelineRunner runner =
        new PipelineRunner(
            List.of(),
            outbox,
            DIRECT,
            RetryPolicy.standard(),
            Clock.systemUTC(),
            RandomGenerator.getDefault(),
            com.securecart.pipeline.PipelineObserver.none());
    OutboxWorker worker =
        new OutboxWorker(
            new Pipeline(runner, List.of(), RetryPolicy.standard(), outbox, new Doorbell(1)),
            Clock.systemUTC(),
            Duration.ofMillis(10),
            OutboxWorker.Activity.NONE);
    worker.start();
    assertThat(outbox.stepStarted.await(10, TimeUnit.SECONDS)).isTrue();

    Thread closing = Thread.ofVirtual().start(worker::close);
    // close() waits for the step in hand rather than interrupting it.
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(closing::isAlive);
    outbox.release.countDown();
    closing.join(Duration.ofSeconds(10));

    assertThat(closing.isAlive()).isFalse();
    assertThat(outbox.interrupted).isFalse();
    assertThat(outbox.done.get()).isEqualTo(1);
    assertThat(outbox.claims.get()).isEqualTo(1);
    assertThat(worker.runOnce()).isZero();
    assertThat(outbox.claims.get()).isEqualTo(1);
  }
}
