package com.securecart.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.securecart.app.Contexts;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A compensation state's handler: the step failed for good (the state machine's retries ran out or
 * it failed permanently), so run the step's compensation (void the hold, release the stock, fail
 * the order, as the core step says) and apply it in one transaction. Errors as in {@link
 * StepHandler}; a transient one is retried by the state machine.
 */
public abstract class CompensationHandler implements RequestStreamHandler {
  private final StepInvoker invoker;

  /**
   * @param stepName the core step whose compensation this runs, such as {@code authorize-payment}
   * @param contexts SecureCart as wired for this execution environment, or a test's
   */
  protected CompensationHandler(String stepName, Contexts contexts) {
    this.invoker = new StepInvoker(contexts, stepName);
  }

  /**
   * The runtime's entry point: the event as JSON in ({@link CompensationInput}), a {@link
   * StepOutput} as JSON out. A malformed event is a {@link BadEventException}.
   */
  @Override
  public void handleRequest(InputStream event, OutputStream output, Context context) {
    EventJson.write(output, handle(EventJson.read(event, CompensationInput.class)));
  }

  /** Runs for one event already parsed (what the runtime entry point calls, and tests). */
  public StepOutput handle(CompensationInput input) {
    if (input == null) {
      throw new BadEventException("the event is empty");
    }
    return invoker.compensate(input.orderId(), input.event(), input.error());
  }

  /** The core step whose compensation this handler runs. */
  public String stepName() {
    return invoker.stepName();
  }
}
