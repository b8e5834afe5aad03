package com.securecart.pipeline;

import com.securecart.outbox.OutboxEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Port through which the pipeline reports each step it runs, so that the server can time it, count
 * retries and failures and trace it, without the domain knowing any metrics or tracing library.
 */
public interface PipelineObserver {

  /** How one run of a step ended. */
  enum Outcome {
    /** The step's effect committed and the event is done. */
    DONE,
    /** The step failed and will be tried again. */
    RETRY,
    /** The step failed for good; it was compensated and the event is dead. */
    FAILED,
    /**
     * This worker's claim on the event was taken over (its lease ran out unrenewed): its effect
     * rolled back, and the worker that took the event over runs the step (ADR 2).
     */
    TAKEN_OVER
  }

  /**
   * Called on the worker's thread just before {@code step} runs for {@code event}; the returned run
   * is finished on the same thread once the outcome is known, whatever happens.
   */
  StepRun started(String step, OutboxEvent event);

  /** One step's run, from start to outcome. */
  interface StepRun {
    void finished(Outcome outcome);

    /**
     * Runs part of this step's run on another thread as if on the run's own: a batch commits the
     * step's effect on the batch's thread, and the events that effect appends must carry the step's
     * trace.
     */
    default void within(Runnable work) {
      work.run();
    }
  }

  /**
   * Tells each observer in turn; runs finish in the reverse order, so an observer that opens a
   * scope (a trace span) around the others closes it after them.
   */
  static PipelineObserver all(PipelineObserver... observers) {
    List<PipelineObserver> list = List.of(observers);
    return (step, event) -> {
      List<StepRun> runs = new ArrayList<>();
      list.forEach(o -> runs.add(o.started(step, event)));
      return new StepRun() {
        @Override
        public void finished(Outcome outcome) {
          for (int i = runs.size() - 1; i >= 0; i--) {
            runs.get(i).finished(outcome);
          }
        }

        @Override
        public void within(Runnable work) {
          Runnable nested = work;
          for (int i = runs.size() - 1; i >= 0; i--) {
            StepRun run = runs.get(i);
            Runnable inner = nested;
            nested = () -> run.within(inner);
          }
          nested.run();
        }
      };
    };
  }

  /** Observes nothing. */
  static PipelineObserver none() {
    return (step, event) -> outcome -> {};
  }
}
