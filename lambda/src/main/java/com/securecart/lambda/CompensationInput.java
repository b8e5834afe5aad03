package com.securecart.lambda;

/**
 * What a step's compensation state passes its handler: the order, the event that called for the
 * step, and the error the step failed with for good (the state machine's {@code $.error.Error}).
 */
public record CompensationInput(long orderId, String event, String error) {
  public CompensationInput {
    if (orderId <= 0) {
      throw new BadEventException("orderId must be a positive number");
    }
    if (event == null || event.isBlank()) {
      throw new BadEventException("event is required");
    }
    if (error == null || error.isBlank()) {
      throw new BadEventException("error is required");
    }
  }
}
