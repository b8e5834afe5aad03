package com.securecart.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MailSettingsTest {
  private static MailSettings read(Map<String, String> values) {
    Map<String, String> env = new HashMap<>(values);
    env.put("SECURECART_SMTP_HOST", "email-smtp.us-east-1.amazonaws.com");
    return SettingsReader.app(env, Path.of("target/data")).mail();
  }

  @Test
  void sesSmtpWithImplicitTlsOrRequiredStartTls() {
    assertThat(read(Map.of("SECURECART_SMTP_TLS", "implicit", "SECURECART_SMTP_PORT", "465")).tls())
        .isEqualTo(MailSettings.Tls.IMPLICIT);
    assertThat(read(Map.of("SECURECART_SMTP_TLS", "STARTTLS-required")).tls())
        .isEqualTo(MailSettings.Tls.STARTTLS_REQUIRED);
    assertThat(MailSettings.Tls.IMPLICIT.required()).isTrue();
    assertThat(MailSettings.Tls.STARTTLS.required()).isFalse();
  }

  @Test
  void withoutTheNewSettingTheOlderStartTlsFlagDecidesAsBefore() {
    assertThat(read(Map.of()).tls()).isEqualTo(MailSettings.Tls.STARTTLS);
    assertThat(read(Map.of("SECURECART_SMTP_STARTTLS", "false")).tls())
        .isEqualTo(MailSettings.Tls.NONE);
  }

  @Test
  void anUnknownTlsModeNamesTheSetting() {
    assertThatThrownBy(() -> read(Map.of("SECURECART_SMTP_TLS", "yes")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_SMTP_TLS must be none, starttls");
  }

  @Test
  void credentialsNeverGoInClearText() {
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "SECURECART_SMTP_TLS", "none",
                        "SECURECART_SMTP_USER", "AKIA-smtp-user",
                        "SECURECART_SMTP_PASSWORD", "smtp-secret")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_SMTP_TLS must not be none");
  }

  @Test
  void credentialsNeedTlsRequiredNotOpportunisticStartTls() {
    Map<String, String> user =
        Map.of("SECURECART_SMTP_USER", "AKIA-smtp-user", "SECURECART_SMTP_PASSWORD", "smtp-secret");
    Map<String, String> starttls = new HashMap<>(user);
    starttls.put("SECURECART_SMTP_TLS", "starttls");
    assertThatThrownBy(() -> read(starttls))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_SMTP_TLS must be starttls-required or implicit");
    // Without SECURECART_SMTP_TLS the older flag's default is opportunistic STARTTLS: refused too.
    assertThatThrownBy(() -> read(user))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_SMTP_TLS");

    Map<String, String> required = new HashMap<>(user);
    required.put("SECURECART_SMTP_TLS", "starttls-required");
    assertThat(read(required).tls()).isEqualTo(MailSettings.Tls.STARTTLS_REQUIRED);
    // Without credentials opportunistic STARTTLS stays allowed (a relay that needs no login).
    assertThat(read(Map.of("SECURECART_SMTP_TLS", "starttls")).tls())
        .isEqualTo(MailSettings.Tls.STARTTLS);
  }
}
