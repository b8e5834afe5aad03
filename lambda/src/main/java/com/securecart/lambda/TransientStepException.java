package com.securecart.lambda;

/**
 * A step failed in a way that may pass: the payment provider or the database was away. The state
 * machine retries it (its Retry on this type's name), with capped exponential backoff and jitter.
 * Step Functions matches it by this class's fully qualified name (the runtime client reports it as
 * the error type).
 */
public final class TransientStepException extends RuntimeException {
  public TransientStepException(String message) {
    super(message);
  }

  public TransientStepException(String message, Throwable cause) {
    super(message, cause);
  }
}
