package com.securecart.outbox;

import java.time.Instant;
import java.util.Optional;

/**
 * Events appended while a pipeline step's effect commits continue an order that is already in the
 * pipeline. They are due as of the event that led to them, not as of now, so that they queue ahead
 * of orders that arrived since and a worker finishes the orders it started before it starts new
 * ones. Without it each step of an order waited behind the whole backlog again, and an order was
 * confirmed after twice the backlog's age (issue 18). Besides the dispatch order, only checkout
 * backpressure reads the due time (the oldest unclaimed event's), which so measures how long the
 * oldest order has waited in the pipeline.
 */
public final class Continuation {
  private static final ThreadLocal<Instant> DUE_AS_OF = new ThreadLocal<>();

  private Continuation() {}

  /** Runs {@code work}; events it appends on this thread are due as of {@code dueAsOf}. */
  public static void of(Instant dueAsOf, Runnable work) {
    Instant outer = DUE_AS_OF.get();
    DUE_AS_OF.set(dueAsOf);
    try {
      work.run();
    } finally {
      if (outer == null) {
        DUE_AS_OF.remove();
      } else {
        DUE_AS_OF.set(outer);
      }
    }
  }

  /** When an event appended now is due, if it continues an order; empty for a new one (due now). */
  public static Optional<Instant> dueAsOf() {
    return Optional.ofNullable(DUE_AS_OF.get());
  }
}
