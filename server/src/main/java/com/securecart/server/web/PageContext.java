package com.securecart.server.web;

/**
 * What the layout of every page needs: the title, who is signed in, the CSRF token for its forms,
 * the static files' versioned URLs, the search text to keep in the header's search box, and how
 * payments are taken (the test-mode banner, Stripe's publishable key).
 */
public record PageContext(
    String title,
    String userEmail,
    boolean admin,
    String csrf,
    Assets assets,
    String query,
    WebPayments payments) {

  public boolean signedIn() {
    return userEmail != null;
  }

  public String asset(String name) {
    return assets.url(name);
  }

  /** Whether no real money moves (the sandbox): every storefront page then says so. */
  public boolean testMode() {
    return payments.testMode();
  }

  /** Stripe's publishable key in Stripe mode, else null (no Stripe.js is loaded). */
  public String stripeKey() {
    return payments.stripePublishableKey();
  }

  public PageContext withQuery(String text) {
    return new PageContext(title, userEmail, admin, csrf, assets, text, payments);
  }
}
