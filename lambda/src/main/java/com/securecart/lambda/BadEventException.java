package com.securecart.lambda;

/**
 * The event is malformed or names no order or step: the invocation fails at once, nothing is
 * changed, and nothing is retried. Step Functions matches it by this class's fully qualified name
 * (the runtime client reports it as the error type).
 */
public final class BadEventException extends RuntimeException {
  public BadEventException(String message) {
    super(message);
  }

  public BadEventException(String message, Throwable cause) {
    super(message, cause);
  }
}
