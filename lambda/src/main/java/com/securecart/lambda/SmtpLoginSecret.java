package com.securecart.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.app.ConfigException;
import com.securecart.app.MailSecret;
import com.securecart.app.MailSettings;
import java.io.IOException;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Reads the SMTP login from its Secrets Manager secret ({@code SECURECART_SMTP_SECRET_ARN}, see
 * {@link MailSecret}) once per cold start, so that the password is never part of the function's
 * configuration, where {@code lambda:GetFunctionConfiguration} would show it.
 *
 * <p>Once is enough: SES's SMTP credentials are derived from an IAM user's key and change only when
 * an operator issues new ones, and the operator then redeploys. Under SnapStart the value read
 * during the snapshot's initialisation is restored with the snapshot, in every environment made
 * from it; that is acceptable for a secret that changes only with a redeploy, which takes a new
 * snapshot.
 */
final class SmtpLoginSecret {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final ObjectMapper JSON = new ObjectMapper();

  private SmtpLoginSecret() {}

  /** {@code mail} with its login read from its secret; {@code mail} itself when it names none. */
  static MailSettings read(MailSettings mail) {
    MailSecret secret = mail.secret();
    if (secret == null) {
      return mail;
    }
    String value = fetch(secret);
    JsonNode login;
    try {
      login = JSON.readTree(value);
    } catch (IOException e) {
      // Not the value, nor the parser's message, which may quote it.
      throw new ConfigException(
          "the secret in SECURECART_SMTP_SECRET_ARN must hold JSON {\"username\", \"password\"}");
    }
    if (login == null
        || !login.path("username").isTextual()
        || !login.path("password").isTextual()) {
      throw new ConfigException(
          "the secret in SECURECART_SMTP_SECRET_ARN must hold JSON {\"username\", \"password\"}");
    }
    return mail.withLoginFromSecret(login.get("username").asText(), login.get("password").asText());
  }

  /** The secret's current string, with the function's own credentials (the default chain). */
  private static String fetch(MailSecret secret) {
    try (SdkHttpClient http =
            UrlConnectionHttpClient.builder()
                .connectionTimeout(TIMEOUT)
                .socketTimeout(TIMEOUT)
                .build();
        SecretsManagerClient client = client(secret, http)) {
      String value =
          client
              .getSecretValue(GetSecretValueRequest.builder().secretId(secret.secretId()).build())
              .secretString();
      if (value == null) {
        throw new ConfigException(
            "the secret in SECURECART_SMTP_SECRET_ARN holds no string (a binary secret?)");
      }
      return value;
    } catch (SdkException e) {
      throw new IllegalStateException(
          "could not read the SMTP login from "
              + secret.secretId()
              + " in "
              + secret.region()
              + ": "
              + e.getMessage(),
          e);
    }
  }

  private static SecretsManagerClient client(MailSecret secret, SdkHttpClient http) {
    SecretsManagerClientBuilder builder =
        SecretsManagerClient.builder().httpClient(http).region(Region.of(secret.region()));
    if (secret.endpoint() != null) {
      builder.endpointOverride(secret.endpoint());
    }
    return builder.build();
  }
}
