package com.securecart.lambda;

/**
 * A step failed for good (a business rule refused it, or the order moved on). The state machine
 * does not retry it: its Catch runs the step's compensation. Step Functions matches it by this
 * class's fully qualified name (the runtime client reports it as the error type).
 */
public final class StepFailedException extends RuntimeException {
  public StepFailedException(String message) {
    super(message);
  }

  public StepFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
