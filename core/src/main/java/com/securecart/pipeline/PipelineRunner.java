package com.securecart.pipeline;

import com.securecart.outbox.Continuation;
import com.securecart.outbox.Outbox;
import com.securecart.outbox.OutboxEvent;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.shared.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
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

  /**
   * Handles a claimed batch with the outcomes {@link #process} gives each event, in fewer
   * transactions: the steps' reads ({@link Step#prepare}) share one transaction, their outside
   * calls run side by side on virtual threads with no transaction open, and all the effects commit
   * with their events' completions in one more, each completion conditional on its own claim. If
   * that commit fails (an effect throws, a claim was lost, a conflict), it rolls back whole, and
   * each event's effect commits on its own as {@code process} commits it, so that retry, give-up
   * and a lost claim touch that event alone. A batch of one commits as {@code process} does. It
   * throws only where {@code process} would: when the database cannot record an outcome (the events
   * are then claimed again once their leases run out).
   */
  public void processAll(List<OutboxEvent> events) {
    List<Item> items = new ArrayList<>();
    for (OutboxEvent event : events) {
      Step step = steps.get(event.type());
      OrderId order = step == null ? null : orderOf(event);
      // An event whose aggregate is not an order is parked by process, on its own.
      items.add(new Item(event, step, order, step != null && order == null));
    }
    prepareAll(items);
    try (ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor()) {
      for (Item item : items) {
        calls.submit(() -> call(item));
      }
      try {
        commitAll(items);
      } finally {
        // Whatever happened here, no caller waits forever.
        items.forEach(i -> i.outcome.completeExceptionally(new IllegalStateException("aborted")));
      }
    }
  }

  /**
   * The reads of every step in one transaction. The first read that throws ends it (on PostgreSQL
   * the transaction is aborted by then): that event and those after it run alone, as {@link
   * #process} runs them, reading again outside it.
   */
  private void prepareAll(List<Item> items) {
    if (items.stream().noneMatch(i -> i.step != null && !i.alone)) {
      return;
    }
    int[] next = {0};
    try {
      transactions.run(
          () -> {
            for (Item item : items) {
              if (item.step != null && !item.alone) {
                item.call = item.step.prepare(item.order);
              }
              next[0]++;
            }
          });
    } catch (RuntimeException e) {
      for (int i = next[0]; i < items.size(); i++) {
        items.get(i).alone = true;
      }
    }
  }

  /**
   * On the event's own thread: the step's outside call, then waits for the batch's commit, so that
   * the observer sees the run start and finish on one thread, as under {@link #process}.
   */
  private void call(Item item) {
    try {
      if (item.alone) {
        process(item.event);
      } else if (item.step == null) {
        // Not a pipeline event: only marked done, with the batch.
        item.effect.complete(Effect.NONE);
      } else {
        observed(item);
      }
    } finally {
      item.effect.complete(null);
    }
  }

  private void observed(Item item) {
    PipelineObserver.StepRun run = observer.started(item.step.name(), item.event);
    item.run = run;
    PipelineObserver.Outcome outcome = PipelineObserver.Outcome.FAILED;
    try {
      Effect effect;
      try {
        effect = item.call.get();
      } catch (RuntimeException e) {
        outcome = failed(item.step, item.event, item.order, e);
        return;
      }
      item.effect.complete(effect);
      outcome = item.outcome.join();
    } finally {
      run.finished(outcome);
    }
  }

  /**
   * Once every call has returned: the effects, in order id order (so that two batches lock order
   * rows in one order), and the completions in one transaction, or each alone if that fails.
   */
  private void commitAll(List<Item> items) {
    List<Item> ready = new ArrayList<>();
    for (Item item : items) {
      Effect effect = item.effect.join();
      if (effect != null) {
        item.applied = effect;
        ready.add(item);
      }
    }
    ready.sort(
        Comparator.comparingLong((Item i) -> i.order == null ? Long.MIN_VALUE : i.order.value()));
    if (ready.size() > 1) {
      try {
        Instant now = clock.instant();
        List<OutboxEvent> done = ready.stream().map(i -> i.event).toList();
        transactions.run(
            () -> {
              for (Item item : ready) {
                within(item, () -> applyContinuing(item.event, item.applied));
              }
              // The completions in one statement: a claim lost meanwhile rolls the batch back,
              // and each event commits alone below, where a lost claim touches only its own.
              finished(outbox.markAllDone(done, now) == done.size());
            });
        ready.forEach(i -> i.outcome.complete(PipelineObserver.Outcome.DONE));
        return;
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.INFO,
            "a batch of {0} effects rolled back ({1}); committing each alone",
            ready.size(),
            describe(e));
      }
    }
    for (Item item : ready) {
      if (item.step == null) {
        try {
          transactions.run(() -> outbox.markDone(item.event, clock.instant()));
        } catch (RuntimeException e) {
          // As under process: the lease runs out and the event is claimed again.
          LOG.log(System.Logger.Level.WARNING, "could not mark event done: " + describe(e));
        }
      } else {
        within(
            item,
            () -> item.outcome.complete(commit(item.step, item.event, item.order, item.applied)));
      }
    }
  }

  /**
   * The events an effect appends continue its event's order: due as of that event, so that they are
   * dispatched ahead of orders that arrived since ({@link Continuation}).
   */
  private static void applyContinuing(OutboxEvent event, Effect effect) {
    Continuation.of(event.createdAt(), effect::apply);
  }

  /** Runs {@code work} as part of the item's observed run (its trace), if it has one. */
  private static void within(Item item, Runnable work) {
    PipelineObserver.StepRun run = item.run;
    if (run == null) {
      work.run();
    } else {
      run.within(work);
    }
  }

  /** One event of a batch, handed from phase to phase. */
  private static final class Item {
    final OutboxEvent event;
    final Step step;
    final OrderId order;
    volatile boolean alone;
    volatile Supplier<Effect> call;

    /** The observer's run of the step, once started: the batch commits the effect within it. */
    volatile PipelineObserver.StepRun run;

    Effect applied;

    /** The effect to commit with the batch, or null when the event was finished otherwise. */
    final CompletableFuture<Effect> effect = new CompletableFuture<>();

    final CompletableFuture<PipelineObserver.Outcome> outcome = new CompletableFuture<>();

    Item(OutboxEvent event, Step step, OrderId order, boolean alone) {
      this.event = event;
      this.step = step;
      this.order = order;
      this.alone = alone;
    }
  }

  private static OrderId orderOf(OutboxEvent event) {
    try {
      return new OrderId(Long.parseLong(event.aggregateId()));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private PipelineObserver.Outcome runStep(Step step, OutboxEvent event, OrderId order) {
    Effect effect;
    try {
      effect = step.run(order);
    } catch (RuntimeException e) {
      return failed(step, event, order, e);
    }
    return commit(step, event, order, effect);
  }

  /** The effect and the event's completion in one transaction of their own. */
  private PipelineObserver.Outcome commit(
      Step step, OutboxEvent event, OrderId order, Effect effect) {
    try {
      transactions.run(
          () -> {
            applyContinuing(event, effect);
            finished(outbox.markDone(event, clock.instant()));
          });
      return PipelineObserver.Outcome.DONE;
    } catch (RuntimeException e) {
      return failed(step, event, order, e);
    }
  }

  /** A step that threw (in its run or its effect): retried, given up, or taken over. */
  private PipelineObserver.Outcome failed(
      Step step, OutboxEvent event, OrderId order, RuntimeException e) {
    if (e instanceof ClaimLost) {
      return takenOver(step, order);
    }
    if (e instanceof PermanentStepFailure || e instanceof DomainException) {
      giveUp(step, event, order, describe(e));
      return PipelineObserver.Outcome.FAILED;
    }
    String error = describe(e);
    if (retryPolicy.exhausted(event.attempts())) {
      giveUp(step, event, order, error);
      return PipelineObserver.Outcome.FAILED;
    }
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
            applyContinuing(event, compensation);
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
