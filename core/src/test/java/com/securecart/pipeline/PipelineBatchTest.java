package com.securecart.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.outbox.NewEvent;
import com.securecart.outbox.OutboxEvent;
import com.securecart.shared.OrderId;
import com.securecart.testing.ExtremeRandom;
import com.securecart.testing.InMemoryOutbox;
import com.securecart.testing.InMemoryOutbox.Status;
import com.securecart.testing.MutableClock;
import com.securecart.testing.RollbackTransactions;
import com.securecart.testing.Snapshottable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@link PipelineRunner#processAll}: a claimed batch shares one read transaction and one effect
 * transaction, and any failure in it touches only the event it belongs to.
 */
class PipelineBatchTest {
  private static final Duration LEASE = Duration.ofMinutes(5);
  private static final String PLACED = "order.placed";

  private final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  private final Applied applied = new Applied();
  private final RollbackTransactions transactions = new RollbackTransactions(outbox, applied);
  private final List<String> observed = Collections.synchronizedList(new ArrayList<>());

  /** The effects that committed, rolled back with the transaction that applied them. */
  private static final class Applied implements Snapshottable {
    private List<Long> orders = new ArrayList<>();

    @Override
    public Runnable snapshot() {
      List<Long> copy = new ArrayList<>(orders);
      return () -> orders = copy;
    }
  }

  /** Reads in prepare, calls outside in the returned supplier; fails where the test says. */
  private final class TwoPhaseStep implements Step {
    final Set<Long> failingReads = ConcurrentHashMap.newKeySet();
    final Set<Long> failingCalls = ConcurrentHashMap.newKeySet();
    final Set<Long> failingEffects = ConcurrentHashMap.newKeySet();
    final List<Long> reads = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String name() {
      return "two-phase";
    }

    @Override
    public String trigger() {
      return PLACED;
    }

    @Override
    public java.util.function.Supplier<Effect> prepare(OrderId order) {
      long id = order.value();
      reads.add(id);
      if (failingReads.contains(id)) {
        throw new IllegalStateException("read failed");
      }
      return () -> {
        if (failingCalls.contains(id)) {
          throw new IllegalStateException("provider down");
        }
        return () -> {
          if (failingEffects.contains(id)) {
            throw new IllegalStateException("effect failed");
          }
          applied.orders.add(id);
        };
      };
    }
  }

  private PipelineRunner runner(Step step) {
    PipelineObserver observer =
        (name, event) -> outcome -> observed.add(event.aggregateId() + ":" + outcome);
    return new PipelineRunner(
        List.of(step),
        outbox,
        transactions,
        new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10)),
        clock,
        ExtremeRandom.highest(),
        observer);
  }

  private List<OutboxEvent> claimedBatch(long... orders) {
    for (long order : orders) {
      outbox.append(NewEvent.of(PLACED, order));
    }
    return outbox.claim(orders.length, clock.instant(), clock.instant().plus(LEASE));
  }

  private Status status(OutboxEvent event) {
    return outbox.row(event.id()).status();
  }

  @Test
  void eachEffectIsAppliedWithinItsOwnStepsObservedRunAlsoOnTheBatchsThread() {
    // The observer marks the thread while a run's work runs within it, as tracing makes the
    // step's span current: an effect must see its own event's mark, alone or in a batch.
    ThreadLocal<String> current = new ThreadLocal<>();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Step marking =
        new Step() {
          @Override
          public String name() {
            return "marking";
          }

          @Override
          public String trigger() {
            return PLACED;
          }

          @Override
          public java.util.function.Supplier<Effect> prepare(OrderId order) {
            return () -> () -> seen.add(order.value() + "@" + current.get());
          }
        };
    PipelineObserver observer =
        (name, event) ->
            new PipelineObserver.StepRun() {
              @Override
              public void finished(PipelineObserver.Outcome outcome) {}

              @Override
              public void within(Runnable work) {
                current.set(event.aggregateId());
                try {
                  work.run();
                } finally {
                  current.remove();
                }
              }
            };
    PipelineRunner runner =
        new PipelineRunner(
            List.of(marking),
            outbox,
            transactions,
            new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10)),
            clock,
            ExtremeRandom.highest(),
            observer);

    runner.processAll(claimedBatch(1, 2, 3));
    runner.processAll(claimedBatch(4));

    assertThat(seen).containsExactlyInAnyOrder("1@1", "2@2", "3@3", "4@4");
  }

  @Test
  void anEventAnEffectAppendsQueuesAheadOfOrdersThatArrivedSinceItsOrderDid() {
    Step paying =
        new Step() {
          @Override
          public String name() {
            return "paying";
          }

          @Override
          public String trigger() {
            return PLACED;
          }

          @Override
          public java.util.function.Supplier<Effect> prepare(OrderId order) {
            return () -> () -> outbox.append(NewEvent.of("order.paid", order.value()));
          }
        };
    PipelineRunner runner = runner(paying);
    List<OutboxEvent> first = claimedBatch(1, 2);
    clock.advance(Duration.ofSeconds(10));
    outbox.append(NewEvent.of(PLACED, 3));
    clock.advance(Duration.ofSeconds(10));

    runner.processAll(first);
    List<OutboxEvent> next = outbox.claim(3, clock.instant(), clock.instant().plus(LEASE));

    // Orders 1 and 2 came first, so their next steps come before order 3's first.
    assertThat(next)
        .extracting(e -> e.type() + ":" + e.aggregateId())
        .containsExactly("order.paid:1", "order.paid:2", PLACED + ":3");
  }

  @Test
  void aBatchReadsInOneTransactionAndCommitsAllItsEffectsInOneMore() {
    TwoPhaseStep step = new TwoPhaseStep();
    List<OutboxEvent> batch = claimedBatch(1, 2, 3, 4, 5);

    runner(step).processAll(batch);

    assertThat(applied.orders).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L);
    assertThat(batch).allSatisfy(e -> assertThat(status(e)).isEqualTo(Status.DONE));
    // The reads, then the effects with the completions.
    assertThat(transactions.started()).isEqualTo(2);
    assertThat(transactions.rolledBack()).isZero();
    assertThat(step.reads).hasSize(5);
    assertThat(observed)
        .containsExactlyInAnyOrder("1:DONE", "2:DONE", "3:DONE", "4:DONE", "5:DONE");
  }

  @Test
  void oneFailingEffectRetriesOnlyItsEventAndTheOthersCommitOnce() {
    TwoPhaseStep step = new TwoPhaseStep();
    step.failingEffects.add(3L);
    List<OutboxEvent> batch = claimedBatch(1, 2, 3, 4);

    runner(step).processAll(batch);

    // The batch rolled back, then each effect committed alone: none lost, none twice.
    assertThat(applied.orders).containsExactlyInAnyOrder(1L, 2L, 4L);
    InMemoryOutbox.Row failed = outbox.row(batch.get(2).id());
    assertThat(failed.status()).isEqualTo(Status.PENDING);
    assertThat(failed.lastError()).contains("effect failed");
    assertThat(failed.availableAt()).isAfter(clock.instant());
    assertThat(List.of(batch.get(0), batch.get(1), batch.get(3)))
        .allSatisfy(e -> assertThat(status(e)).isEqualTo(Status.DONE));
    assertThat(observed).containsExactlyInAnyOrder("1:DONE", "2:DONE", "3:RETRY", "4:DONE");
    // Each step read once: the fallback commits the effects it has, it does not run steps again.
    assertThat(step.reads).hasSize(4);
  }

  @Test
  void aClaimLostInsideABatchRollsBackOnlyThatEvent() {
    TwoPhaseStep step = new TwoPhaseStep();
    List<OutboxEvent> batch = claimedBatch(1, 2, 3);
    // This worker stopped renewing; another took over the first event (it claims the oldest).
    clock.advance(LEASE);
    List<OutboxEvent> takenOver = outbox.claim(1, clock.instant(), clock.instant().plus(LEASE));
    assertThat(takenOver).extracting(OutboxEvent::id).containsExactly(batch.getFirst().id());

    runner(step).processAll(batch);

    assertThat(applied.orders).containsExactlyInAnyOrder(2L, 3L);
    InMemoryOutbox.Row lost = outbox.row(batch.getFirst().id());
    assertThat(lost.status()).isEqualTo(Status.PENDING);
    assertThat(lost.attempts()).isEqualTo(takenOver.getFirst().attempts());
    assertThat(status(batch.get(1))).isEqualTo(Status.DONE);
    assertThat(status(batch.get(2))).isEqualTo(Status.DONE);
    assertThat(observed).containsExactlyInAnyOrder("1:TAKEN_OVER", "2:DONE", "3:DONE");
  }

  @Test
  void aFailingOutsideCallRetriesOnlyItsEventAndTheRestStillCommitTogether() {
    TwoPhaseStep step = new TwoPhaseStep();
    step.failingCalls.add(2L);
    List<OutboxEvent> batch = claimedBatch(1, 2, 3);

    runner(step).processAll(batch);

    assertThat(applied.orders).containsExactlyInAnyOrder(1L, 3L);
    assertThat(outbox.row(batch.get(1).id()).lastError()).contains("provider down");
    assertThat(status(batch.get(1))).isEqualTo(Status.PENDING);
    // The reads, the retry's schedule, the batch's commit.
    assertThat(transactions.started()).isEqualTo(3);
    assertThat(transactions.rolledBack()).isZero();
    assertThat(observed).containsExactlyInAnyOrder("1:DONE", "2:RETRY", "3:DONE");
  }

  @Test
  void aFailingReadSendsItsEventAndThoseAfterItTheWayProcessRunsThem() {
    TwoPhaseStep step = new TwoPhaseStep();
    step.failingReads.add(2L);
    List<OutboxEvent> batch = claimedBatch(1, 2, 3);

    runner(step).processAll(batch);

    assertThat(applied.orders).containsExactlyInAnyOrder(1L, 3L);
    assertThat(outbox.row(batch.get(1).id()).lastError()).contains("read failed");
    assertThat(status(batch.get(0))).isEqualTo(Status.DONE);
    assertThat(status(batch.get(2))).isEqualTo(Status.DONE);
    assertThat(observed).containsExactlyInAnyOrder("1:DONE", "2:RETRY", "3:DONE");
  }

  @Test
  void aBatchOfOneCommitsAsProcessDoes() {
    TwoPhaseStep step = new TwoPhaseStep();
    step.failingEffects.add(1L);
    List<OutboxEvent> batch = claimedBatch(1);

    runner(step).processAll(batch);

    // One rolled-back commit, as under process: the effect is not tried a second time.
    assertThat(transactions.rolledBack()).isEqualTo(1);
    assertThat(applied.orders).isEmpty();
    assertThat(outbox.row(batch.getFirst().id()).lastError()).contains("effect failed");
    assertThat(observed).containsExactly("1:RETRY");
  }

  @Test
  void eventsNoStepHandlesAreMarkedDoneWithTheBatch() {
    TwoPhaseStep step = new TwoPhaseStep();
    outbox.append(NewEvent.of(PLACED, 1));
    outbox.append(NewEvent.of("product.changed", 77));
    List<OutboxEvent> batch = outbox.claim(2, clock.instant(), clock.instant().plus(LEASE));

    runner(step).processAll(batch);

    assertThat(batch).allSatisfy(e -> assertThat(status(e)).isEqualTo(Status.DONE));
    assertThat(transactions.started()).isEqualTo(2);
    assertThat(observed).containsExactly("1:DONE");
  }
}
