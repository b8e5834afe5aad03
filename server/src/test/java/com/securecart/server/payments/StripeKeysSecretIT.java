package com.securecart.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.securecart.app.ConfigException;
import com.securecart.app.PaymentSettings;
import com.securecart.app.SettingsReader;
import com.securecart.server.config.ConfigLoader;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.LocalSecretsManager;
import com.securecart.server.testing.LocalStripeApi;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.testing.WebClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On AWS the Stripe keys live in a Secrets Manager secret ({@code SECURECART_STRIPE_SECRET_ARN},
 * moto's server standing in; without {@code moto_server} this skips, or fails when {@code
 * CI=true}), read once at start where the settings are read: a shop configured only with the
 * secret's ARN charges with the secret key and shows the browser key, and the keys appear in no
 * settings' text.
 */
class StripeKeysSecretIT {
  private static final String PUBLISHABLE = "pk_test_from_the_secret";

  private static LocalSecretsManager secrets;
  private static LocalStripeApi stripe;

  @BeforeAll
  static void start() throws Exception {
    secrets = LocalSecretsManager.start();
    // The SDK client takes credentials from the default chain; moto accepts any.
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
    stripe = LocalStripeApi.start();
  }

  @AfterAll
  static void stop() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (stripe != null) {
      stripe.close();
    }
    if (secrets != null) {
      secrets.close();
    }
  }

  /** What a deployment sets: production, Stripe, and where the keys are; no key itself. */
  private static Map<String, String> env(String secretId) {
    Map<String, String> env = new HashMap<>();
    env.put("SECURECART_ENV", "production");
    env.put("SECURECART_PAYMENTS", "stripe");
    env.put("SECURECART_STRIPE_SECRET_ARN", secretId);
    env.put("SECURECART_STRIPE_SECRET_ENDPOINT", secrets.endpoint().toString());
    env.put("SECURECART_AWS_REGION", "us-east-1");
    env.put("SECURECART_STRIPE_API_BASE", stripe.uri().toString());
    return env;
  }

  private static String keys(String secretKey, String publishable, String webhook) {
    return "{\"secretKey\":\""
        + secretKey
        + "\",\"publishableKey\":\""
        + publishable
        + "\",\"webhookSecret\":\""
        + webhook
        + "\"}";
  }

  @Test
  void aShopConfiguredWithTheSecretAloneChargesWithItsKeys() {
    String arn =
        secrets.createSecret(
            "securecart/payment-provider",
            keys(LocalStripeApi.SECRET_KEY, PUBLISHABLE, LocalStripeApi.WEBHOOK_SECRET));
    PaymentSettings payments = SettingsReader.payments(env(arn));
    assertThat(payments.toString())
        .doesNotContain(LocalStripeApi.SECRET_KEY, PUBLISHABLE, LocalStripeApi.WEBHOOK_SECRET);

    try (TestApp app = TestApp.start(Engine.H2, c -> c.withApp(c.app().withPayments(payments)))) {
      Api api = app.api();
      long product = api.createProduct(app.adminToken(), "SECRET-KEYS-1", 1_500, 10);

      // The checkout page mounts Stripe's element with the browser key from the secret.
      WebClient web = new WebClient(api.base());
      web.submit(
          web.get("/products/" + product),
          "/cart/items",
          Map.of("productId", String.valueOf(product), "quantity", "1"));
      assertThat(web.get("/checkout").body())
          .contains("data-stripe-key=\"" + PUBLISHABLE + "\"")
          .doesNotContain("Test mode");

      // The stub answers only the secret key from the secret (401 otherwise): the order is paid.
      Api.Response placed = api.checkout(api.cartWith(product, 1), "pm_card_visa");
      assertThat(placed.status()).isEqualTo(201);
      long id = placed.json().get("orderId").asLong();
      String token = placed.json().get("accessToken").asText();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "CONFIRMED"
                      .equals(
                          api.get("/api/orders/" + id, "X-Order-Token", token)
                              .json()
                              .get("status")
                              .asText()));
    }
  }

  @Test
  void theServerRefusesASecretWithoutTheSecretKeyAndQuotesNothing() {
    String arn =
        secrets.createSecret(
            "securecart/payment-provider-incomplete",
            "{\"publishableKey\":\"pk_live_must_not_be_quoted\"}");

    assertThatThrownBy(() -> ConfigLoader.load(new String[0], env(arn)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("secretKey is missing")
        .hasMessageNotContaining("pk_live_must_not_be_quoted");
  }

  @Test
  void theServerRefusesTheSecretBesideThePlainKeys() {
    String arn =
        secrets.createSecret(
            "securecart/payment-provider-twice",
            keys(LocalStripeApi.SECRET_KEY, PUBLISHABLE, LocalStripeApi.WEBHOOK_SECRET));
    Map<String, String> env = env(arn);
    env.put("SECURECART_STRIPE_SECRET_KEY", "sk_live_plain");

    assertThatThrownBy(() -> ConfigLoader.load(new String[0], env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("both set")
        .hasMessageNotContaining("sk_live_plain");
  }
}
