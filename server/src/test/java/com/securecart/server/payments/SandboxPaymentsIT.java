package com.securecart.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.ConfigException;
import com.securecart.app.PaymentSettings;
import com.securecart.server.config.ConfigLoader;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.LocalStripeApi;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sandbox moves no money: production refuses to start with it unless allowed, and wherever it
 * runs every storefront page says "Test mode"; Stripe's webhook and CSP are not there.
 */
class SandboxPaymentsIT {
  private static final String BANNER = "Test mode: no real payments.";

  @Test
  void productionRefusesToStartWithTheSandbox() {
    assertThatThrownBy(
            () -> ConfigLoader.load(new String[0], Map.of("SECURECART_ENV", "production")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_ALLOW_SANDBOX_PAYMENTS=true");
  }

  @Test
  void theSandboxShowsTheTestModeBannerAndHasNoStripeWebhook() {
    try (TestApp app = TestApp.start(Engine.H2)) {
      Api api = app.api();

      Api.Response home = api.get("/", "Accept", "text/html");
      assertThat(home.body()).contains("id=\"test-mode-banner\" role=\"note\"").contains(BANNER);
      assertThat(api.get("/cart", "Accept", "text/html").body()).contains(BANNER);
      assertThat(api.get("/checkout", "Accept", "text/html").header("Content-Security-Policy"))
          .doesNotContain("stripe.com");

      try (LocalStripeApi stripe = LocalStripeApi.start()) {
        LocalStripeApi.SignedEvent event =
            stripe.event("payment_intent.canceled", Map.of("id", "pi_1"));
        assertThat(
                api.post(
                        "/api/payments/stripe/webhook",
                        event.payload(),
                        "Stripe-Signature",
                        event.signature())
                    .status())
            .isEqualTo(404);
      }
    }
  }

  @Test
  void anAllowedSandboxInProductionStillShowsTheBanner() {
    try (TestApp app =
        TestApp.start(
            Engine.H2,
            c ->
                c.withApp(
                    c.app()
                        .withPayments(
                            new PaymentSettings(
                                PaymentSettings.Provider.SANDBOX,
                                PaymentSettings.Environment.PRODUCTION,
                                true,
                                null,
                                null,
                                null,
                                null))))) {
      assertThat(app.api().get("/", "Accept", "text/html").body()).contains(BANNER);
    }
  }
}
