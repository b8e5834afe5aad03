package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.ConfigException;
import com.securecart.app.MailSettings;
import com.securecart.server.testing.LocalSecretsManager;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notification function's SMTP login comes from its Secrets Manager secret at cold start
 * (moto's server standing in; without {@code moto_server} this skips, or fails when {@code
 * CI=true}), through the SDK client the function's jar ships.
 */
class SmtpLoginSecretIT {
  private static LocalSecretsManager secrets;

  @BeforeAll
  static void startSecretsManager() throws Exception {
    secrets = LocalSecretsManager.start();
    // The SDK client takes credentials from the default chain; moto accepts any.
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

  private static Map<String, String> env(String secretId) {
    Map<String, String> env = new HashMap<>();
    env.put("SECURECART_DB_URL", "jdbc:h2:mem:unused");
    env.put("SECURECART_SMTP_HOST", "email-smtp.us-east-1.amazonaws.com");
    env.put("SECURECART_SMTP_PORT", "587");
    env.put("SECURECART_SMTP_TLS", "starttls-required");
    env.put("SECURECART_SMTP_FROM", "orders@shop.example");
    env.put("SECURECART_SMTP_SECRET_ARN", secretId);
    env.put("SECURECART_SMTP_SECRET_ENDPOINT", secrets.endpoint().toString());
    // Lambda sets AWS_REGION: a secret's name takes the function's region.
    env.put("AWS_REGION", "us-east-1");
    return env;
  }

  @Test
  void theSmtpLoginIsReadFromTheSecretAtColdStart() {
    String arn = secrets.createLogin("securecart/ses-smtp-by-arn", "AKIA-smtp-user", "smtp-p4ss");

    MailSettings mail = NotificationHandler.requireSmtpWithTls(LambdaWiring.load(env(arn))).mail();

    assertThat(mail.user()).isEqualTo("AKIA-smtp-user");
    assertThat(mail.password()).isEqualTo("smtp-p4ss");
    assertThat(mail.secret()).as("the secret is spent once read").isNull();
    assertThat(mail.tls()).isEqualTo(MailSettings.Tls.STARTTLS_REQUIRED);
    assertThat(mail.host()).isEqualTo("email-smtp.us-east-1.amazonaws.com");
  }

  @Test
  void aSecretsNameIsReadInTheFunctionsRegion() {
    secrets.createLogin("securecart/ses-smtp-by-name", "AKIA-by-name", "by-name-p4ss");

    MailSettings mail = LambdaWiring.load(env("securecart/ses-smtp-by-name")).mail();

    assertThat(mail.user()).isEqualTo("AKIA-by-name");
    assertThat(mail.password()).isEqualTo("by-name-p4ss");
  }

  @Test
  void aMissingSecretFailsTheColdStartNamingIt() {
    assertThatThrownBy(() -> LambdaWiring.load(env("securecart/no-such-secret")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("could not read the SMTP login from securecart/no-such-secret");
  }

  @Test
  void aLoginInTheEnvironmentBesideTheSecretIsRefusedBeforeAnyCall() {
    Map<String, String> both = env("securecart/ses-smtp-by-arn");
    both.put("SECURECART_SMTP_PASSWORD", "from-the-environment");
    assertThatThrownBy(() -> LambdaWiring.load(both))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("must not be set with SECURECART_SMTP_SECRET_ARN");
  }
}
