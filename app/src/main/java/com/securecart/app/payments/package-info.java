/**
 * Stripe, the real payment provider behind core's {@code PaymentProvider} port ({@link
 * com.securecart.app.payments.StripePaymentProvider}) and its webhook verification ({@link
 * com.securecart.app.payments.StripeWebhooks}). Chosen with {@code SECURECART_PAYMENTS=stripe}; see
 * docs/payments.md.
 */
package com.securecart.app.payments;
