package com.securecart.pipeline;

import com.securecart.shared.OrderId;
import java.util.function.Supplier;

/**
 * One step of the order pipeline, triggered by one event type. {@link #run} must be idempotent: it
 * may be called again for the same event after a crash or a retry.
 */
public interface Step {
  String name();

  /** The outbox event type this step handles. */
  String trigger();

  /** Does the outside work and returns the writes to apply. Throws to ask for a retry. */
  default Effect run(OrderId order) {
    return prepare(order).get();
  }

  /**
   * {@link #run} in two halves, so that the steps of a claimed batch share transactions
   * (PipelineRunner#processAll): makes the step's database reads now, inside the batch's read
   * transaction, and returns the rest (the outside call, such as the payment provider or SMTP, and
   * building the effect), which runs with no transaction or connection held. Throws to ask for a
   * retry, as {@code run} does. A step that overrides only {@code run} reads outside the batch's
   * transaction, as before. Implement one of the two.
   */
  default Supplier<Effect> prepare(OrderId order) {
    return () -> run(order);
  }

  /**
   * Undoes what is needed when the step failed for good (retries exhausted or a permanent error).
   */
  default Effect compensate(OrderId order, String error) {
    return Effect.NONE;
  }

  /**
   * Whether the step tells the customer (an e-mail) rather than moves the order. Under Step
   * Functions such steps run from a queue instead of in the state machine.
   */
  default boolean notifies() {
    return false;
  }
}
