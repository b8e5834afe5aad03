package com.securecart.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.securecart.app.Contexts;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A Lambda Task state's handler for one pipeline step: runs the step once for the input's order and
 * applies its effect in one transaction. It never retries (the state machine does), and answers the
 * order's status after the step and, when the step moved the order, the event its new status stands
 * for (what the state machine routes on next).
 *
 * <p>Errors: {@link TransientStepException} when the payment provider or the database was away,
 * {@link StepFailedException} when a business rule refused the step, {@link BadEventException} for
 * an unknown order or an event this step does not take (nothing is changed then).
 */
public abstract class StepHandler implements RequestStreamHandler {
  private final StepInvoker invoker;

  /**
   * @param stepName the core step's name, such as {@code authorize-payment}
   * @param contexts SecureCart as wired for this execution environment ({@link
   *     LambdaWiring#contexts()}), or a test's
   */
  protected StepHandler(String stepName, Contexts contexts) {
    this.invoker = new StepInvoker(contexts, stepName);
  }

  /**
   * The runtime's entry point: the event as JSON in ({@link StepInput}), a {@link StepOutput} as
   * JSON out. A malformed event is a {@link BadEventException}.
   */
  @Override
  public void handleRequest(InputStream event, OutputStream output, Context context) {
    EventJson.write(output, handle(EventJson.read(event, StepInput.class)));
  }

  /** Runs for one event already parsed (what the runtime entry point calls, and tests). */
  public StepOutput handle(StepInput input) {
    if (input == null) {
      throw new BadEventException("the event is empty");
    }
    return invoker.run(input.orderId(), input.event());
  }

  /** The core step this handler runs. */
  public String stepName() {
    return invoker.stepName();
  }
}
