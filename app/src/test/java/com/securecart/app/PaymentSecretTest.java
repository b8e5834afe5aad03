package com.securecart.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Stripe keys' secret: its settings and its shape (reading it: PaymentSecretIT in server). */
class PaymentSecretTest {
  private static final String ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:securecart/payment-provider-AbCdEf";

  private static PaymentSettings read(Map<String, String> env) {
    return SettingsReader.app(env, Path.of("target/data")).payments();
  }

  @Test
  void theSecretAndThePlainKeysAreNotBothTaken() {
    for (String plain :
        new String[] {
          "SECURECART_STRIPE_SECRET_KEY",
          "SECURECART_STRIPE_PUBLISHABLE_KEY",
          "SECURECART_STRIPE_WEBHOOK_SECRET"
        }) {
      Map<String, String> env = new HashMap<>();
      env.put("SECURECART_PAYMENTS", "stripe");
      env.put("SECURECART_STRIPE_SECRET_ARN", ARN);
      env.put(plain, "sk_test_plain");
      assertThatThrownBy(() -> read(env))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("SECURECART_STRIPE_SECRET_ARN and " + plain + " are both set")
          .hasMessageNotContaining("sk_test_plain");
    }
  }

  @Test
  void aSecretWithTheSandboxIsRefused() {
    assertThatThrownBy(() -> read(Map.of("SECURECART_STRIPE_SECRET_ARN", ARN)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_PAYMENTS is not stripe");
  }

  @Test
  void anEndpointWithoutASecretIsRefused() {
    assertThatThrownBy(
            () -> read(Map.of("SECURECART_STRIPE_SECRET_ENDPOINT", "http://127.0.0.1:5000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_STRIPE_SECRET_ARN is not");
  }

  @Test
  void aSecretsNameNeedsARegionAndAnArnBringsItsOwn() {
    assertThatThrownBy(() -> PaymentSecret.of("securecart/payment-provider", null, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_AWS_REGION is required");
    assertThat(PaymentSecret.of(ARN, "us-east-1", null).region()).isEqualTo("eu-west-1");
  }

  @Test
  void aSecretWithoutTheSecretKeyIsAClearErrorThatQuotesNothing() {
    assertThatThrownBy(
            () -> PaymentSecret.keys("{\"publishableKey\":\"pk_live_quoted\",\"secretKey\":7}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("secretKey is missing")
        .hasMessageNotContaining("pk_live_quoted");
    assertThatThrownBy(() -> PaymentSecret.keys("sk_live_not_json"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must hold JSON")
        .hasMessageNotContaining("sk_live_not_json");
  }

  @Test
  void theKeysAreReadAndNeverPrinted() {
    PaymentSecret.Keys keys =
        PaymentSecret.keys(
            "{\"secretKey\":\"sk_live_abc\",\"publishableKey\":\"pk_live_def\","
                + "\"webhookSecret\":\"whsec_ghi\"}");

    assertThat(keys.secretKey()).isEqualTo("sk_live_abc");
    assertThat(keys.publishableKey()).isEqualTo("pk_live_def");
    assertThat(keys.webhookSecret()).isEqualTo("whsec_ghi");
    assertThat(keys.toString()).doesNotContain("sk_live", "pk_live", "whsec_ghi");
    // A Lambda function's secret may hold the secret key alone.
    assertThat(PaymentSecret.keys("{\"secretKey\":\"sk_live_abc\"}").webhookSecret()).isNull();
  }
}
