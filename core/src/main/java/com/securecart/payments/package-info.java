/**
 * Payments owns authorizations. A {@link com.securecart.payments.PaymentProvider} port hides the
 * card network: the {@link com.securecart.payments.SandboxPaymentProvider} here, or Stripe (app's
 * adapter, docs/payments.md). Provider calls are keyed by order both here and at the provider, so a
 * retried step never authorizes, captures or cancels twice; provider events are recorded by id, so
 * a redelivered webhook is applied once.
 */
package com.securecart.payments;
