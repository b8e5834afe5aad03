package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.app.PaymentSettings;
import com.securecart.server.testing.LocalSecretsManager;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A pipeline function configured as the CDK app configures it (production, Stripe, the keys' secret
 * by name, the function's region) takes the secret key from the secret at cold start (moto's server
 * standing in; without {@code moto_server} this skips, or fails when {@code CI=true}). A function's
 * secret may hold the secret key alone.
 */
class StripeKeysSecretIT {
  private static LocalSecretsManager secrets;

  @BeforeAll
  static void startSecretsManager() throws Exception {
    secrets = LocalSecretsManager.start();
    System.setProperty("aws.accessKeyId", "test");
    System.setProperty("aws.secretAccessKey", "test");
  }

  @AfterAll
  static void stopSecretsManager() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (secrets != null) {
      secrets.close();
    }
  }

  @Test
  void theStripeSecretKeyIsReadFromTheSecretAtColdStart() {
    secrets.createSecret("securecart/payment-provider", "{\"secretKey\":\"sk_test_from_secret\"}");
    Map<String, String> env = new HashMap<>();
    env.put("SECURECART_DB_URL", "jdbc:h2:mem:unused");
    env.put("SECURECART_ENV", "production");
    env.put("SECURECART_PAYMENTS", "stripe");
    env.put("SECURECART_STRIPE_SECRET_ARN", "securecart/payment-provider");
    env.put("SECURECART_STRIPE_SECRET_ENDPOINT", secrets.endpoint().toString());
    // Lambda sets AWS_REGION: a secret's name takes the function's region.
    env.put("AWS_REGION", "us-east-1");

    PaymentSettings payments = LambdaWiring.load(env).payments();

    assertThat(payments.provider()).isEqualTo(PaymentSettings.Provider.STRIPE);
    assertThat(payments.environment()).isEqualTo(PaymentSettings.Environment.PRODUCTION);
    assertThat(payments.stripeSecretKey()).isEqualTo("sk_test_from_secret");
    assertThat(payments.stripeWebhookSecret()).isNull();
  }
}
