package com.securecart.app;

import java.net.URI;

/**
 * The Secrets Manager secret that holds the SMTP login, {@code {"username": ..., "password": ...}}
 * ({@code SECURECART_SMTP_SECRET_ARN}): the Lambda notification function reads it once per cold
 * start instead of taking the login from its environment, where {@code
 * lambda:GetFunctionConfiguration} would show it. Amazon SES's SMTP credentials are derived from an
 * IAM user's key and change only when an operator issues new ones (then redeploys), so a value read
 * once per execution environment stays current.
 *
 * @param secretId the secret's ARN, or its name
 * @param region where the secret lives: an ARN's own region, else {@code SECURECART_AWS_REGION}
 * @param endpoint {@code SECURECART_SMTP_SECRET_ENDPOINT}, a Secrets Manager endpoint in place of
 *     the region's own (a local stand-in); null for the region's own
 */
public record MailSecret(String secretId, String region, URI endpoint) {
  private static final String SETTING = "SECURECART_SMTP_SECRET_ARN";

  public MailSecret {
    secretId = SecretLocations.secretId(secretId, SETTING);
    region = SecretLocations.region(secretId, region, SETTING);
  }

  /**
   * The secret from its settings; null when {@code SECURECART_SMTP_SECRET_ARN} is unset.
   *
   * @param secretId SECURECART_SMTP_SECRET_ARN
   * @param region SECURECART_AWS_REGION
   * @param endpoint SECURECART_SMTP_SECRET_ENDPOINT
   */
  public static MailSecret of(String secretId, String region, String endpoint) {
    if (secretId == null || secretId.isBlank()) {
      if (endpoint != null && !endpoint.isBlank()) {
        throw new ConfigException(
            "SECURECART_SMTP_SECRET_ENDPOINT is set but SECURECART_SMTP_SECRET_ARN is not");
      }
      return null;
    }
    return new MailSecret(
        secretId, region, SecretLocations.endpoint(endpoint, "SECURECART_SMTP_SECRET_ENDPOINT"));
  }
}
