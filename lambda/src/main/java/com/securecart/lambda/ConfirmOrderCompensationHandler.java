package com.securecart.lambda;

import com.securecart.app.Contexts;

/**
 * Function {@code securecart-confirm-order-compensate}: voids the hold and fails an authorized
 * order that could not be confirmed, releasing its stock.
 */
public final class ConfirmOrderCompensationHandler extends CompensationHandler {
  static final String STEP = "confirm-order";

  /** The managed runtime's constructor: SecureCart wired once per execution environment. */
  public ConfirmOrderCompensationHandler() {
    this(LambdaWiring.contexts());
  }

  public ConfirmOrderCompensationHandler(Contexts contexts) {
    super(STEP, contexts);
  }
}
