/**
 * Payments owns authorizations. A {@link com.securecart.payments.PaymentProvider} port hides the
 * card network; the only implementation so far is the {@link
 * com.securecart.payments.SandboxPaymentProvider}. Authorizations are keyed by order both here and
 * at the provider, so a retried step never authorizes twice.
 */
package com.securecart.payments;
