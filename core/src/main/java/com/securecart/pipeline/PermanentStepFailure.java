package com.securecart.pipeline;

/** A step failure that retrying cannot fix; the runner compensates at once. */
public final class PermanentStepFailure extends RuntimeException {
  public PermanentStepFailure(String message) {
    super(message);
  }
}
