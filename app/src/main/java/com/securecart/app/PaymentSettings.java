package com.securecart.app;

import java.net.URI;
import java.util.Locale;

/**
 * Which payment provider charges orders, and where SecureCart runs. The sandbox moves no money, so
 * in production it is refused unless explicitly allowed (a staging shop), and then every page says
 * so (a "test mode" banner).
 *
 * @param stripeSecretKey Stripe's secret API key ({@code sk_...} or a restricted {@code rk_...})
 * @param stripePublishableKey the key Stripe.js uses in the shopper's browser ({@code pk_...})
 * @param stripeWebhookSecret the signing secret of the webhook endpoint ({@code whsec_...})
 * @param stripeApiBase Stripe's API; only tests point it elsewhere (a local stub)
 */
public record PaymentSettings(
    Provider provider,
    Environment environment,
    boolean allowSandbox,
    String stripeSecretKey,
    String stripePublishableKey,
    String stripeWebhookSecret,
    URI stripeApiBase) {

  public static final URI STRIPE_API = URI.create("https://api.stripe.com");

  /** The sandbox in development: what {@code ./securecart run} and the tests start with. */
  public static final PaymentSettings SANDBOX =
      new PaymentSettings(
          Provider.SANDBOX, Environment.DEVELOPMENT, false, null, null, null, STRIPE_API);

  /** SECURECART_PAYMENTS. */
  public enum Provider {
    SANDBOX,
    STRIPE
  }

  /** SECURECART_ENV. */
  public enum Environment {
    DEVELOPMENT,
    PRODUCTION
  }

  public PaymentSettings {
    if (provider == null || environment == null) {
      throw new ConfigException("SECURECART_PAYMENTS and SECURECART_ENV are required");
    }
    stripeApiBase = stripeApiBase == null ? STRIPE_API : stripeApiBase;
    if (provider == Provider.SANDBOX && environment == Environment.PRODUCTION && !allowSandbox) {
      throw new ConfigException(
          "SECURECART_ENV=production with SECURECART_PAYMENTS=sandbox would confirm orders without"
              + " taking any money: set SECURECART_PAYMENTS=stripe (with the SECURECART_STRIPE_*"
              + " keys), or SECURECART_ALLOW_SANDBOX_PAYMENTS=true for a test shop");
    }
    if (provider == Provider.STRIPE) {
      key(stripeSecretKey, "SECURECART_STRIPE_SECRET_KEY", "sk_", "rk_");
    }
  }

  /** Whether no real money moves: every storefront page then shows the test-mode banner. */
  public boolean testMode() {
    return provider == Provider.SANDBOX;
  }

  /**
   * The browser and webhook keys, which only the instances that serve checkout pages and the
   * webhook need (a Lambda step function charges with the secret key alone).
   */
  public void requireWebKeys() {
    if (provider == Provider.STRIPE) {
      key(stripePublishableKey, "SECURECART_STRIPE_PUBLISHABLE_KEY", "pk_", "pk_");
      key(stripeWebhookSecret, "SECURECART_STRIPE_WEBHOOK_SECRET", "whsec_", "whsec_");
    }
  }

  private static void key(String value, String setting, String prefix, String otherPrefix) {
    if (value == null || value.isBlank()) {
      throw new ConfigException(setting + " is required with SECURECART_PAYMENTS=stripe");
    }
    if (!value.startsWith(prefix) && !value.startsWith(otherPrefix)) {
      // The value itself is a secret: only its expected shape is told.
      throw new ConfigException(setting + " must start with " + prefix);
    }
  }

  public static Provider provider(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "sandbox" -> Provider.SANDBOX;
      case "stripe" -> Provider.STRIPE;
      default ->
          throw new ConfigException(
              "SECURECART_PAYMENTS must be sandbox or stripe, got '" + text + "'");
    };
  }

  public static Environment environment(String text) {
    return switch (text.strip().toLowerCase(Locale.ROOT)) {
      case "development" -> Environment.DEVELOPMENT;
      case "production" -> Environment.PRODUCTION;
      default ->
          throw new ConfigException(
              "SECURECART_ENV must be development or production, got '" + text + "'");
    };
  }

  // Keys stay out of logs and error reports.
  @Override
  public String toString() {
    return "PaymentSettings[provider="
        + provider
        + ", environment="
        + environment
        + ", allowSandbox="
        + allowSandbox
        + ", stripeApiBase="
        + stripeApiBase
        + "]";
  }
}
