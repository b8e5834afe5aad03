package com.securecart.lambda;

import com.securecart.app.Contexts;

/**
 * Function {@code securecart-confirm-order}: confirms the order and commits its stock (on {@code
 * order.payment-authorized}).
 */
public final class ConfirmOrderHandler extends StepHandler {
  static final String STEP = "confirm-order";

  /** The managed runtime's constructor: SecureCart wired once per execution environment. */
  public ConfirmOrderHandler() {
    this(LambdaWiring.contexts());
  }

  public ConfirmOrderHandler(Contexts contexts) {
    super(STEP, contexts);
  }
}
