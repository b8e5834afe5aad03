package com.securecart.lambda.testing;

import java.util.Objects;

/**
 * What a Lambda invocation answers: a JSON result, or a function error in the Lambda runtime's
 * shape ({@code errorType}, {@code errorMessage}). Step Functions matches a Task's {@code
 * ErrorEquals} on the {@code errorType}.
 */
public sealed interface TaskResult {

  /** A successful invocation; {@code json} is the function's JSON result (any JSON value). */
  record Success(String json) implements TaskResult {
    public Success {
      Objects.requireNonNull(json, "json");
    }
  }

  /** A function error, as the Lambda runtime reports it. */
  record Failure(String errorType, String errorMessage) implements TaskResult {
    public Failure {
      if (errorType == null || errorType.isBlank()) {
        throw new IllegalArgumentException("errorType must not be blank");
      }
      errorMessage = errorMessage == null ? "" : errorMessage;
    }
  }

  static TaskResult success(String json) {
    return new Success(json);
  }

  static TaskResult failure(String errorType, String errorMessage) {
    return new Failure(errorType, errorMessage);
  }

  /**
   * The error the Lambda runtime interface client reports for an exception a handler throws: its
   * fully qualified class name and its message.
   */
  static TaskResult failure(Throwable thrown) {
    return new Failure(thrown.getClass().getName(), thrown.getMessage());
  }
}
