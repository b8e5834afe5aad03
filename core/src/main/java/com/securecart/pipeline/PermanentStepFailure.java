package com.securecart.pipeline;

/** A step failure that retrying cannot fix; the runner compensates at once. */
final class PermanentStepFailure extends RuntimeException {
  PermanentStepFailure(String message) {
    super(message);
  }
}
