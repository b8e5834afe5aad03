package com.securecart.lambda;

import com.securecart.app.Contexts;

/**
 * Function {@code securecart-void-authorization}: releases the hold of a cancelled or expired order
 * (on {@code order.cancelled} or {@code order.expired}).
 */
public final class VoidAuthorizationHandler extends StepHandler {
  static final String STEP = "void-authorization";

  /** The managed runtime's constructor: SecureCart wired once per execution environment. */
  public VoidAuthorizationHandler() {
    this(LambdaWiring.contexts());
  }

  public VoidAuthorizationHandler(Contexts contexts) {
    super(STEP, contexts);
  }
}
