package com.securecart.pipeline;

import com.securecart.outbox.Outbox;
import com.securecart.outbox.OutboxEvent;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.shared.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Dispatches claimed outbox events to the steps that handle them. A step's effect and the event's
 * completion commit together, so a crash at any point leaves the event to be dispatched again, and
 * the step's idempotence makes that second dispatch harmless.
 */
public final class PipelineRunner {
  private static final System.Logger LOG = System.getLogger(PipelineRunner.class.getName());

  private final Map<String, Step> steps;
  private final Outbox outbox;
  private final Transactions transactions;
  private final RetryPolicy retryPolicy;
  private final Clock clock;
  private final RandomGenerator random;
  private final PipelineObserver observer;

  /**
   * @param observer told of every step run and its outcome (metrics, traces)
   */
  public PipelineRunner(
      List<Step> steps,
      Outbox outbox,
      Transactions transactions,
      RetryPolicy retryPolicy,
      Clock clock,
      RandomGenerator random,
      PipelineObserver observer) {
    this.observer = observer;
    this.steps = steps.stream().collect(Collectors.toMap(Step::trigger, Function.identity()));
    this.outbox = outbox;
    this.transactions = transactions;
    this.retryPolicy = retryPolicy;
    this.clock = clock;
    this.random = random;
  }

  /**
   * A runner over the same outbox, transactions, clock and observer that dispatches to {@code
   * others} under {@code policy} instead: the outbox relay of the stepfunctions mode runs its
   * hand-over steps this way, so that they are claimed, retried and recorded as the steps are.
   */
  public PipelineRunner withSteps(List<Step> others, RetryPolicy policy) {
    return new PipelineRunner(others, outbox, transactions, policy, clock, random, observer);
  }

  /**
   * Handles one claimed event: done, scheduled for retry, or compensated and dead. Never throws.
   */
  public void process(OutboxEvent event) {
    Step step = steps.get(event.type());
    if (step == null) {
      // Not a pipeline event (catalog changes, stock changes): nothing to do here yet.
      transactions.run(() -> outbox.markDone(event, clock.instant()));
      return;
    }
    OrderId order;
    try {
      order = new OrderId(Long.parseLong(event.aggregateId()));
    } catch (RuntimeException e) {
      // Not an order id: no retry can fix it, so park it where an operator can see it.
      transactions.run(() -> outbox.markDead(event, clock.instant(), "not an order id"));
      return;
    }
    PipelineObserver.StepRun run = observer.started(step.name(), event);
    PipelineObserver.Outcome outcome = PipelineObserver.Outcome.FAILED;
    try {
      outcome = runStep(step, event, order);
    } finally {
      run.finished(outcome);
    }
  }

  private PipelineObserver.Outcome runStep(Step step, OutboxEvent event, OrderId order) {
    try {
      Effect effect = step.run(order);
      transactions.run(
          () -> {
            effect.apply();
            finished(outbox.markDone(event, clock.instant()));
          });
      return PipelineObserver.Outcome.DONE;
    } catch (ClaimLost e) {
      return takenOver(step, order);
    } catch (PermanentStepFailure | DomainException e) {
      giveUp(step, event, order, describe(e));
      return PipelineObserver.Outcome.FAILED;
    } catch (RuntimeException e) {
      String error = describe(e);
      if (retryPolicy.exhausted(event.attempts())) {
        giveUp(step, event, order, error);
        return PipelineObserver.Outcome.FAILED;
      } else {
        Instant when = clock.instant().plus(retryPolicy.delay(event.attempts(), random));
        LOG.log(
            System.Logger.Level.INFO,
            "step {0} for order {1} failed (attempt {2}), retry at {3}: {4}",
            step.name(),
            order,
            event.attempts(),
            when,
            error);
        // Unconditional on the result: a claim lost by now leaves the new owner's lease alone.
        transactions.run(() -> outbox.retryAt(event, when, error));
        return PipelineObserver.Outcome.RETRY;
      }
    }
  }

  private void giveUp(Step step, OutboxEvent event, OrderId order, String error) {
    LOG.log(
        System.Logger.Level.WARNING,
        "step {0} for order {1} failed for good after {2} attempt(s), compensating: {3}",
        step.name(),
        order,
        event.attempts(),
        error);
    try {
      Effect compensation = step.compensate(order, error);
      transactions.run(
          () -> {
            compensation.apply();
            finished(outbox.markDead(event, clock.instant(), error));
          });
    } catch (ClaimLost e) {
      takenOver(step, order);
    } catch (RuntimeException e) {
      // The compensation itself failed: leave the event to be claimed again when its lease runs
      // out.
      LOG.log(System.Logger.Level.ERROR, "compensation of " + step.name() + " failed", e);
    }
  }

  /**
   * Inside the step's transaction: if the event's claim was taken over while the step ran (it ran
   * past a lease it failed to renew), roll its effect back, so that only the new owner's commits.
   */
  private static void finished(boolean claimHeld) {
    if (!claimHeld) {
      throw new ClaimLost();
    }
  }

  private static PipelineObserver.Outcome takenOver(Step step, OrderId order) {
    LOG.log(
        System.Logger.Level.WARNING,
        "step {0} for order {1} lost its claim to another worker; its effect rolled back",
        step.name(),
        order);
    return PipelineObserver.Outcome.TAKEN_OVER;
  }

  /** This worker's claim on an event was taken over before its step committed. */
  private static final class ClaimLost extends RuntimeException {
    ClaimLost() {
      super("outbox claim taken over", null, false, false);
    }
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
