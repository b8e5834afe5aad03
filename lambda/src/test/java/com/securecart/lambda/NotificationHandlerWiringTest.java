package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.ConfigException;
import com.securecart.app.MailSettings;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The notification function refuses at cold start to send mail anywhere but SMTP with TLS. */
class NotificationHandlerWiringTest {
  private static final Map<String, String> DB = Map.of("SECURECART_DB_URL", "jdbc:h2:mem:unused");

  private static Map<String, String> env(Map<String, String> mail) {
    Map<String, String> env = new HashMap<>(DB);
    env.putAll(mail);
    return env;
  }

  @Test
  void withoutAnSmtpHostTheLocalMailboxWouldSwallowTheMailSoItRefuses() {
    assertThatThrownBy(
            () -> NotificationHandler.requireSmtpWithTls(LambdaWiring.read(env(Map.of()))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_SMTP_HOST")
        .hasMessageContaining("local mailbox");
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "starttls", ""})
  void withoutTlsRequiredItRefuses(String tls) {
    Map<String, String> mail = new HashMap<>();
    mail.put("SECURECART_SMTP_HOST", "email-smtp.eu-west-1.amazonaws.com");
    mail.put("SECURECART_SMTP_TLS", tls);
    assertThatThrownBy(() -> NotificationHandler.requireSmtpWithTls(LambdaWiring.read(env(mail))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_SMTP_TLS=implicit")
        .hasMessageContaining("starttls-required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"implicit", "starttls-required"})
  void smtpWithTlsRequiredIsAccepted(String tls) {
    Map<String, String> mail =
        Map.of(
            "SECURECART_SMTP_HOST", "email-smtp.eu-west-1.amazonaws.com",
            "SECURECART_SMTP_TLS", tls,
            "SECURECART_SMTP_USER", "AKIA-smtp-user",
            "SECURECART_SMTP_PASSWORD", "smtp-secret");
    assertThat(NotificationHandler.requireSmtpWithTls(LambdaWiring.read(env(mail))).mail().tls())
        .isEqualTo(MailSettings.Tls.parse(tls));
  }
}
