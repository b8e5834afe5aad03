package com.securecart.server.web;

import com.securecart.app.PaymentSettings;

/**
 * How the pages take payment: with the sandbox's test cards (and a "test mode" banner on every
 * storefront page), or with Stripe's Payment Element, for which the pages load Stripe.js with the
 * publishable key and the Content-Security-Policy admits Stripe (checkout and order pages only).
 *
 * @param stripePublishableKey null unless payments go to Stripe
 */
public record WebPayments(boolean testMode, String stripePublishableKey) {
  public static final WebPayments SANDBOX = new WebPayments(true, null);

  public static WebPayments of(PaymentSettings settings) {
    return settings.provider() == PaymentSettings.Provider.STRIPE
        ? new WebPayments(false, settings.stripePublishableKey())
        : SANDBOX;
  }

  public boolean stripe() {
    return stripePublishableKey != null;
  }
}
