package com.securecart.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.outbox.NewEvent;
import com.securecart.outbox.OutboxEvent;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.shared.ProblemType;
import com.securecart.testing.ExtremeRandom;
import com.securecart.testing.InMemoryOutbox;
import com.securecart.testing.InMemoryOutbox.Status;
import com.securecart.testing.InMemoryTransactions;
import com.securecart.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class PipelineRunnerTest {
  private static final Duration LEASE = Duration.ofMinutes(5);

  private final MutableClock clock = MutableClock.at("2025-03-01T10:00:00Z");
  private final InMemoryOutbox outbox = new InMemoryOutbox(clock);
  private final InMemoryTransactions transactions = new InMemoryTransactions();
  private final RetryPolicy retryPolicy =
      new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(10));

  /**
   * A step whose run() does what the test says, recording what it was asked and what it applied.
   */
  private final class FakeStep implements Step {
    private final String trigger;
    private Supplier<RuntimeException> failure;
    private RuntimeException compensationFailure;
    final List<OrderId> runs = new ArrayList<>();
    final List<OrderId> applied = new ArrayList<>();
    final List<String> compensations = new ArrayList<>();
    final List<OrderId> compensationsApplied = new ArrayList<>();
    boolean appliedInTransaction;
    boolean compensationAppliedInTransaction;
    RuntimeException applyFailure;

    FakeStep(String trigger) {
      this.trigger = trigger;
    }

    FakeStep failingWith(Supplier<RuntimeException> failure) {
      this.failure = failure;
      return this;
    }

    @Override
    public String name() {
      return "fake-" + trigger;
    }

    @Override
    public String trigger() {
      return trigger;
    }

    @Override
    public Effect run(OrderId order) {
      runs.add(order);
      if (failure != null) {
        throw failure.get();
      }
      return () -> {
        if (applyFailure != null) {
          throw applyFailure;
        }
        appliedInTransaction = transactions.active();
        applied.add(order);
      };
    }

    @Override
    public Effect compensate(OrderId order, String error) {
      compensations.add(error);
      if (compensationFailure != null) {
        throw compensationFailure;
      }
      return () -> {
        compensationAppliedInTransaction = transactions.active();
        compensationsApplied.add(order);
      };
    }
  }

  private PipelineRunner runner(Step... steps) {
    return new PipelineRunner(
        List.of(steps),
        outbox,
        transactions,
        retryPolicy,
        clock,
        ExtremeRandom.highest(),
        PipelineObserver.none());
  }

  /** Appends an event and claims it, as a worker does; the claim counts the attempt. */
  private OutboxEvent claimed(String type, long orderId) {
    outbox.append(NewEvent.of(type, orderId));
    return claimNext();
  }

  private OutboxEvent claimNext() {
    List<OutboxEvent> events = outbox.claim(1, clock.instant(), clock.instant().plus(LEASE));
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  @Test
  void aSuccessfulStepAppliesItsEffectAndMarksTheEventDone() {
    FakeStep step = new FakeStep("order.placed");
    OutboxEvent event = claimed("order.placed", 42);

    runner(step).process(event);

    assertThat(step.runs).containsExactly(new OrderId(42));
    assertThat(step.applied).containsExactly(new OrderId(42));
    assertThat(step.appliedInTransaction).isTrue();
    assertThat(step.compensations).isEmpty();
    InMemoryOutbox.Row row = outbox.row(event.id());
    assertThat(row.status()).isEqualTo(Status.DONE);
    assertThat(row.processedAt()).isEqualTo(clock.instant());
    assertThat(outbox.pendingCount()).isZero();
  }

  @Test
  void aStepWhoseClaimWasTakenOverRollsBackAndLeavesTheEventToItsNewOwner() {
    FakeStep step = new FakeStep("order.placed");
    OutboxEvent first = claimed("order.placed", 42);
    // The first worker stopped renewing: one lease on, another worker claims the event again.
    clock.advance(LEASE);
    OutboxEvent second = claimNext();

    runner(step).process(first);

    assertThat(transactions.rolledBack()).isEqualTo(1);
    InMemoryOutbox.Row row = outbox.row(first.id());
    assertThat(row.status()).isEqualTo(Status.PENDING);
    assertThat(row.attempts()).isEqualTo(second.attempts());
    assertThat(row.availableAt()).isEqualTo(clock.instant().plus(LEASE));

    runner(step).process(second);

    assertThat(transactions.rolledBack()).isEqualTo(1);
    assertThat(outbox.row(first.id()).status()).isEqualTo(Status.DONE);
  }

  @Test
  void aFailureAfterTheClaimWasTakenOverLeavesTheNewOwnersLeaseAlone() {
    FakeStep step = new FakeStep("order.placed").failingWith(() -> new IllegalStateException("x"));
    OutboxEvent first = claimed("order.placed", 42);
    clock.advance(LEASE);
    OutboxEvent second = claimNext();

    runner(step).process(first);

    InMemoryOutbox.Row row = outbox.row(first.id());
    assertThat(row.attempts()).isEqualTo(second.attempts());
    assertThat(row.availableAt()).isEqualTo(clock.instant().plus(LEASE));
    assertThat(row.lastError()).isNull();
  }

  @Test
  void eventsAreRoutedToTheStepForTheirType() {
    FakeStep placed = new FakeStep("order.placed");
    FakeStep confirmed = new FakeStep("order.confirmed");
    PipelineRunner runner = runner(placed, confirmed);

    runner.process(claimed("order.confirmed", 7));
    runner.process(claimed("order.placed", 8));

    assertThat(placed.applied).containsExactly(new OrderId(8));
    assertThat(confirmed.applied).containsExactly(new OrderId(7));
  }

  @Test
  void aTransientFailureSchedulesARetryInTheFutureAndAppliesNothing() {
    FakeStep step =
        new FakeStep("order.placed")
            .failingWith(() -> new IllegalStateException("provider timed out"));
    OutboxEvent event = claimed("order.placed", 42);
    Instant now = clock.instant();

    runner(step).process(event);

    InMemoryOutbox.Row row = outbox.row(event.id());
    assertThat(row.status()).isEqualTo(Status.PENDING);
    // first attempt: between 0.5 s and 1 s; the random generator picks the top of the range
    assertThat(row.availableAt()).isAfter(now).isEqualTo(now.plus(Duration.ofSeconds(1)));
    assertThat(row.lastError()).contains("IllegalStateException").contains("provider timed out");
    assertThat(step.applied).isEmpty();
    assertThat(step.compensations).isEmpty();
  }

  @Test
  void retriesBackOffFurtherOnEachAttempt() {
    FakeStep step =
        new FakeStep("order.placed").failingWith(() -> new RuntimeException("still down"));
    PipelineRunner runner = runner(step);
    OutboxEvent first = claimed("order.placed", 42);

    runner.process(first);
    Instant firstRetry = outbox.row(first.id()).availableAt();
    Duration firstDelay = Duration.between(clock.instant(), firstRetry);
    clock.set(firstRetry);
    OutboxEvent second = claimNext();
    runner.process(second);
    Duration secondDelay = Duration.between(clock.instant(), outbox.row(first.id()).availableAt());

    assertThat(second.attempts()).isEqualTo(2);
    assertThat(firstDelay).isEqualTo(Duration.ofSeconds(1));
    assertThat(secondDelay).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void afterMaxAttemptsTheStepIsCompensatedAndTheEventMarkedDead() {
    FakeStep step =
        new FakeStep("order.placed").failingWith(() -> new RuntimeException("still down"));
    PipelineRunner runner = runner(step);
    OutboxEvent event = claimed("order.placed", 42);

    for (int attempt = 1; attempt < retryPolicy.maxAttempts(); attempt++) {
      runner.process(event);
      assertThat(outbox.row(event.id()).status()).isEqualTo(Status.PENDING);
      assertThat(step.compensations).as("compensated after attempt %d", attempt).isEmpty();
      clock.set(outbox.row(event.id()).availableAt());
      event = claimNext();
    }
    assertThat(event.attempts()).isEqualTo(retryPolicy.maxAttempts());
    runner.process(event);

    assertThat(step.runs).hasSize(retryPolicy.maxAttempts());
    assertThat(step.applied).isEmpty();
    assertThat(step.compensations).containsExactly("RuntimeException: still down");
    assertThat(step.compensationsApplied).containsExactly(new OrderId(42));
    assertThat(step.compensationAppliedInTransaction).isTrue();
    InMemoryOutbox.Row row = outbox.row(event.id());
    assertThat(row.status()).isEqualTo(Status.DEAD);
    assertThat(row.lastError()).isEqualTo("RuntimeException: still down");
    assertThat(row.processedAt()).isEqualTo(clock.instant());
  }

  @Test
  void aPermanentFailureCompensatesAtOnce() {
    FakeStep step =
        new FakeStep("order.placed")
            .failingWith(() -> new PermanentStepFailure("order has no payment token"));
    OutboxEvent event = claimed("order.placed", 42);

    runner(step).process(event);

    assertThat(event.attempts()).isEqualTo(1);
    assertThat(step.compensations)
        .containsExactly("PermanentStepFailure: order has no payment token");
    assertThat(step.compensationsApplied).containsExactly(new OrderId(42));
    assertThat(outbox.row(event.id()).status()).isEqualTo(Status.DEAD);
    assertThat(step.applied).isEmpty();
  }

  @Test
  void aDomainExceptionCompensatesAtOnce() {
    FakeStep step =
        new FakeStep("order.placed")
            .failingWith(
                () ->
                    DomainException.conflict(
                        ProblemType.INVALID_ORDER_STATE, "Conflict", "order was cancelled"));
    OutboxEvent event = claimed("order.placed", 42);

    runner(step).process(event);

    assertThat(step.runs).hasSize(1);
    assertThat(step.compensations).containsExactly("DomainException: order was cancelled");
    InMemoryOutbox.Row row = outbox.row(event.id());
    assertThat(row.status()).isEqualTo(Status.DEAD);
    assertThat(row.lastError()).isEqualTo("DomainException: order was cancelled");
  }

  @Test
  void anEffectThatFailsToApplyIsRetriedAndTheEventIsNotDone() {
    FakeStep step = new FakeStep("order.placed");
    step.applyFailure = new IllegalStateException("deadlock");
    OutboxEvent event = claimed("order.placed", 42);

    runner(step).process(event);

    InMemoryOutbox.Row row = outbox.row(event.id());
    assertThat(row.status()).isEqualTo(Status.PENDING);
    assertThat(row.availableAt()).isAfter(clock.instant());
    assertThat(row.lastError()).contains("deadlock");
  }

  @Test
  void aFailedCompensationLeavesTheEventForTheNextClaim() {
    FakeStep step =
        new FakeStep("order.placed").failingWith(() -> new PermanentStepFailure("bad order"));
    step.compensationFailure = new IllegalStateException("provider down");
    OutboxEvent event = claimed("order.placed", 42);
    Instant leaseUntil = outbox.row(event.id()).availableAt();

    runner(step).process(event); // must not throw

    InMemoryOutbox.Row row = outbox.row(event.id());
    assertThat(row.status()).isEqualTo(Status.PENDING);
    assertThat(row.availableAt()).isEqualTo(leaseUntil);
    assertThat(step.compensationsApplied).isEmpty();
  }

  @Test
  void theObserverIsToldOfEachRunAndItsOutcome() {
    List<String> seen = new ArrayList<>();
    PipelineObserver observer =
        (name, event) -> {
          seen.add("start " + name + " " + event.aggregateId());
          return outcome -> seen.add(outcome + " " + name);
        };
    FakeStep ok = new FakeStep("order.placed");
    FakeStep flaky =
        new FakeStep("order.confirmed").failingWith(() -> new IllegalStateException("smtp down"));
    FakeStep broken =
        new FakeStep("order.cancelled").failingWith(() -> new PermanentStepFailure("no token"));
    PipelineRunner runner =
        new PipelineRunner(
            List.of(ok, flaky, broken),
            outbox,
            transactions,
            retryPolicy,
            clock,
            ExtremeRandom.highest(),
            observer);

    runner.process(claimed("order.placed", 1));
    runner.process(claimed("order.confirmed", 2));
    runner.process(claimed("order.cancelled", 3));
    runner.process(claimed("catalog.changed", 4));

    assertThat(seen)
        .containsExactly(
            "start fake-order.placed 1",
            "DONE fake-order.placed",
            "start fake-order.confirmed 2",
            "RETRY fake-order.confirmed",
            "start fake-order.cancelled 3",
            "FAILED fake-order.cancelled");
  }

  @Test
  void anEventTypeWithNoStepIsMarkedDone() {
    FakeStep step = new FakeStep("order.placed");
    OutboxEvent event = claimed("product.changed", 99);

    runner(step).process(event);

    assertThat(step.runs).isEmpty();
    InMemoryOutbox.Row row = outbox.row(event.id());
    assertThat(row.status()).isEqualTo(Status.DONE);
    assertThat(row.processedAt()).isEqualTo(clock.instant());
  }

  @Test
  void anEventTypeWithNoStepIsDoneEvenIfItsAggregateIsNotAnOrder() {
    OutboxEvent event = claimed("cart.merged", 0);
    outbox.append(new NewEvent("stock.changed", "SKU-1", Map.of()));

    runner().process(event);
    runner().process(claimNext());

    assertThat(outbox.rows()).extracting(InMemoryOutbox.Row::status).containsOnly(Status.DONE);
  }
}
