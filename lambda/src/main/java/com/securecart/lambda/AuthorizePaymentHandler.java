package com.securecart.lambda;

import com.securecart.app.Contexts;

/**
 * Function {@code securecart-authorize-payment}: holds the order's total on the card (on {@code
 * order.placed}).
 */
public final class AuthorizePaymentHandler extends StepHandler {
  static final String STEP = "authorize-payment";

  /** The managed runtime's constructor: SecureCart wired once per execution environment. */
  public AuthorizePaymentHandler() {
    this(LambdaWiring.contexts());
  }

  public AuthorizePaymentHandler(Contexts contexts) {
    super(STEP, contexts);
  }
}
