package com.securecart.pipeline;

import com.securecart.shared.OrderId;

/**
 * One step of the order pipeline, triggered by one event type. {@link #run} must be idempotent: it
 * may be called again for the same event after a crash or a retry.
 */
public interface Step {
  String name();

  /** The outbox event type this step handles. */
  String trigger();

  /** Does the outside work and returns the writes to apply. Throws to ask for a retry. */
  Effect run(OrderId order);

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
