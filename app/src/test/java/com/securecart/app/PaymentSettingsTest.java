package com.securecart.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PaymentSettingsTest {
  private static PaymentSettings read(Map<String, String> env) {
    return SettingsReader.app(env, Path.of("target/data")).payments();
  }

  @Test
  void theDefaultIsTheSandboxInDevelopment() {
    PaymentSettings payments = read(Map.of());

    assertThat(payments.provider()).isEqualTo(PaymentSettings.Provider.SANDBOX);
    assertThat(payments.environment()).isEqualTo(PaymentSettings.Environment.DEVELOPMENT);
    assertThat(payments.testMode()).isTrue();
  }

  @Test
  void productionRefusesTheSandboxUnlessExplicitlyAllowed() {
    assertThatThrownBy(() -> read(Map.of("SECURECART_ENV", "production")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_PAYMENTS=stripe")
        .hasMessageContaining("SECURECART_ALLOW_SANDBOX_PAYMENTS=true");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "SECURECART_ENV", "production",
                        "SECURECART_ALLOW_SANDBOX_PAYMENTS", "yes")))
        .isInstanceOf(ConfigException.class);

    PaymentSettings allowed =
        read(Map.of("SECURECART_ENV", "production", "SECURECART_ALLOW_SANDBOX_PAYMENTS", "true"));
    assertThat(allowed.testMode()).isTrue();
  }

  @Test
  void stripeNeedsItsSecretKeyAndTheWebNeedsThePublishableKeyAndSigningSecret() {
    assertThatThrownBy(() -> read(Map.of("SECURECART_PAYMENTS", "stripe")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_STRIPE_SECRET_KEY is required");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "SECURECART_PAYMENTS", "stripe",
                        "SECURECART_STRIPE_SECRET_KEY", "pk_live_wrong_kind")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("SECURECART_STRIPE_SECRET_KEY must start with sk_")
        .hasMessageNotContaining("pk_live_wrong_kind");

    PaymentSettings workerOnly =
        read(
            Map.of(
                "SECURECART_PAYMENTS", "stripe",
                "SECURECART_ENV", "production",
                "SECURECART_STRIPE_SECRET_KEY", "sk_live_secret"));
    assertThat(workerOnly.testMode()).isFalse();
    assertThat(workerOnly.stripeApiBase()).isEqualTo(URI.create("https://api.stripe.com"));
    assertThatThrownBy(workerOnly::requireWebKeys)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_STRIPE_PUBLISHABLE_KEY");
    assertThat(workerOnly.toString()).doesNotContain("sk_live_secret");
  }

  @Test
  void unknownValuesAreRefusedByName() {
    assertThatThrownBy(() -> read(Map.of("SECURECART_PAYMENTS", "paypal")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_PAYMENTS must be sandbox or stripe");
    assertThatThrownBy(() -> read(Map.of("SECURECART_ENV", "prod")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_ENV must be development or production");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "SECURECART_PAYMENTS", "stripe",
                        "SECURECART_STRIPE_SECRET_KEY", "sk_test_x",
                        "SECURECART_STRIPE_API_BASE", "ftp://example")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_STRIPE_API_BASE");
  }
}
