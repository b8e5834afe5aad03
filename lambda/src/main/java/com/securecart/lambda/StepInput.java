package com.securecart.lambda;

/**
 * What a step's Task state passes its handler: the order and the event that calls for the step (the
 * same event type that triggers the step in the in-process pipeline).
 */
public record StepInput(long orderId, String event) {
  public StepInput {
    if (orderId <= 0) {
      throw new BadEventException("orderId must be a positive number");
    }
    if (event == null || event.isBlank()) {
      throw new BadEventException("event is required");
    }
  }
}
