package com.securecart.lambda;

import com.securecart.app.Contexts;

/**
 * Function {@code securecart-authorize-payment-compensate}: voids any hold and fails an order still
 * waiting for payment, returning its stock.
 */
public final class AuthorizePaymentCompensationHandler extends CompensationHandler {
  static final String STEP = "authorize-payment";

  /** The managed runtime's constructor: SecureCart wired once per execution environment. */
  public AuthorizePaymentCompensationHandler() {
    this(LambdaWiring.contexts());
  }

  public AuthorizePaymentCompensationHandler(Contexts contexts) {
    super(STEP, contexts);
  }
}
