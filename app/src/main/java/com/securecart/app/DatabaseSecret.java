package com.securecart.app;

import com.securecart.persistence.DbCredentials;
import java.net.URI;

/**
 * The Secrets Manager secret that holds the database login ({@code SECURECART_DB_SECRET_ARN}), for
 * passwords that are rotated: the pool reads it again whenever PostgreSQL refuses a login, so no
 * tier needs a restart after a rotation.
 *
 * @param secretId the secret's ARN, or its name
 * @param region where the secret lives: an ARN's own region, else {@code SECURECART_AWS_REGION}
 * @param endpoint {@code SECURECART_DB_SECRET_ENDPOINT}, a Secrets Manager endpoint in place of the
 *     region's own (a local stand-in); null for the region's own
 */
public record DatabaseSecret(String secretId, String region, URI endpoint) {
  private static final String SETTING = "SECURECART_DB_SECRET_ARN";

  public DatabaseSecret {
    if (secretId == null || secretId.isBlank()) {
      throw new ConfigException("SECURECART_DB_SECRET_ARN is required for a DatabaseSecret");
    }
    secretId = SecretLocations.secretId(secretId, SETTING);
    region = SecretLocations.region(secretId, region, SETTING);
  }

  /**
   * The secret from its settings; null when {@code SECURECART_DB_SECRET_ARN} is unset.
   *
   * @param secretId SECURECART_DB_SECRET_ARN
   * @param region SECURECART_AWS_REGION
   * @param endpoint SECURECART_DB_SECRET_ENDPOINT
   */
  public static DatabaseSecret of(String secretId, String region, String endpoint) {
    if (secretId == null || secretId.isBlank()) {
      if (endpoint != null && !endpoint.isBlank()) {
        throw new ConfigException(
            "SECURECART_DB_SECRET_ENDPOINT is set but SECURECART_DB_SECRET_ARN is not");
      }
      return null;
    }
    return new DatabaseSecret(
        secretId, region, SecretLocations.endpoint(endpoint, "SECURECART_DB_SECRET_ENDPOINT"));
  }

  DbCredentials credentials() {
    return new DbCredentials.FromSecret(secretId, region, endpoint);
  }
}
