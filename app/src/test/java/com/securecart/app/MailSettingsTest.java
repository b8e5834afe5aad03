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

  private static final String SECRET_ARN =
      "arn:aws:secretsmanager:eu-west-1:123456789012:secret:securecart/ses-smtp-AbCdEf";

  @Test
  void theLoginCanComeFromASecretReadByTheEntryPoint() {
    MailSettings mail =
        read(
            Map.of(
                "SECURECART_SMTP_TLS", "starttls-required",
                "SECURECART_SMTP_SECRET_ARN", SECRET_ARN,
                "SECURECART_SMTP_SECRET_ENDPOINT", "http://127.0.0.1:5000"));
    assertThat(mail.secret().secretId()).isEqualTo(SECRET_ARN);
    // The ARN's region, whatever SECURECART_AWS_REGION says.
    assertThat(mail.secret().region()).isEqualTo("eu-west-1");
    assertThat(mail.secret().endpoint()).hasToString("http://127.0.0.1:5000");
    assertThat(mail.user()).isNull();
    assertThat(mail.toString()).contains("login from Secrets Manager");

    MailSettings read = mail.withLoginFromSecret("AKIA-smtp-user", "smtp-secret");
    assertThat(read.secret()).isNull();
    assertThat(read.user()).isEqualTo("AKIA-smtp-user");
    assertThat(read.password()).isEqualTo("smtp-secret");
    assertThat(read.tls()).isEqualTo(MailSettings.Tls.STARTTLS_REQUIRED);
    assertThatThrownBy(() -> mail.withLoginFromSecret("AKIA-smtp-user", " "))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("non-empty username and password");
  }

  @Test
  void aSecretsNameTakesTheRegionSetting() {
    Map<String, String> byName = new HashMap<>();
    byName.put("SECURECART_SMTP_TLS", "implicit");
    byName.put("SECURECART_SMTP_SECRET_ARN", "securecart/ses-smtp");
    assertThatThrownBy(() -> read(byName))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_AWS_REGION is required when SECURECART_SMTP_SECRET_ARN");
    byName.put("SECURECART_AWS_REGION", "us-east-1");
    assertThat(read(byName).secret().region()).isEqualTo("us-east-1");
  }

  @Test
  void theSecretIsTheOneSourceOfTheLogin() {
    for (String setting : new String[] {"SECURECART_SMTP_USER", "SECURECART_SMTP_PASSWORD"}) {
      assertThatThrownBy(
              () ->
                  read(
                      Map.of(
                          "SECURECART_SMTP_TLS",
                          "starttls-required",
                          "SECURECART_SMTP_SECRET_ARN",
                          SECRET_ARN,
                          setting,
                          "from-the-environment")))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining(
              "SECURECART_SMTP_USER and SECURECART_SMTP_PASSWORD must not be set with"
                  + " SECURECART_SMTP_SECRET_ARN")
          .hasMessageContaining("one source");
    }
  }

  @Test
  void anEndpointWithoutASecretIsRefused() {
    assertThatThrownBy(
            () -> read(Map.of("SECURECART_SMTP_SECRET_ENDPOINT", "http://127.0.0.1:5000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "SECURECART_SMTP_SECRET_ENDPOINT is set but SECURECART_SMTP_SECRET_ARN is not");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "SECURECART_SMTP_TLS", "implicit",
                        "SECURECART_SMTP_SECRET_ARN", SECRET_ARN,
                        "SECURECART_SMTP_SECRET_ENDPOINT", "ftp://127.0.0.1")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_SMTP_SECRET_ENDPOINT must be an http(s) URL");
  }

  @Test
  void aSecretNeedsAHostAndTlsRequired() {
    Map<String, String> noHost =
        Map.of("SECURECART_SMTP_SECRET_ARN", SECRET_ARN, "SECURECART_SMTP_TLS", "implicit");
    assertThatThrownBy(() -> SettingsReader.app(noHost, Path.of("target/data")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_SMTP_HOST is not");
    assertThatThrownBy(
            () ->
                read(
                    Map.of(
                        "SECURECART_SMTP_TLS",
                        "starttls",
                        "SECURECART_SMTP_SECRET_ARN",
                        SECRET_ARN)))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_SMTP_SECRET_ARN is set")
        .hasMessageContaining("starttls-required or implicit");
  }

  @Test
  void thePerRecipientCapDefaultsToTenIsReadForTheLocalMailboxTooAndIsRangeChecked() {
    assertThat(read(Map.of()).perRecipientPerDay()).isEqualTo(10);
    assertThat(
            SettingsReader.app(
                    Map.of("SECURECART_MAIL_PER_RECIPIENT_PER_DAY", "2"), Path.of("target/data"))
                .mail()
                .perRecipientPerDay())
        .isEqualTo(2);
    assertThatThrownBy(() -> read(Map.of("SECURECART_MAIL_PER_RECIPIENT_PER_DAY", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_MAIL_PER_RECIPIENT_PER_DAY must be 1 to 1000");
  }
}
