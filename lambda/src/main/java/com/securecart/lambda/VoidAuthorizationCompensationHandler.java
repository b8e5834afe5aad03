package com.securecart.lambda;

import com.securecart.app.Contexts;

/**
 * Function {@code securecart-void-authorization-compensate}: the core step has no compensation
 * (voiding is its own undo), so this applies none and answers the order's status; it exists so that
 * every orchestrated step has a Catch target.
 */
public final class VoidAuthorizationCompensationHandler extends CompensationHandler {
  static final String STEP = "void-authorization";

  /** The managed runtime's constructor: SecureCart wired once per execution environment. */
  public VoidAuthorizationCompensationHandler() {
    this(LambdaWiring.contexts());
  }

  public VoidAuthorizationCompensationHandler(Contexts contexts) {
    super(STEP, contexts);
  }
}
