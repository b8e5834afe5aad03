package com.securecart.persistence;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Reads a Secrets Manager secret's string once, with the caller's own AWS credentials (the default
 * chain), for settings that are read at start (the Stripe keys). It sits beside {@link
 * DbCredentials.FromSecret}, the other secret this module reads, so that the composition root
 * (com.securecart.app) stays free of cloud classes.
 */
public final class SecretStrings {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private SecretStrings() {}

  /**
   * The secret's current string.
   *
   * @param endpoint a Secrets Manager endpoint in place of the region's own (a local stand-in), or
   *     null
   * @throws IllegalStateException when it cannot be read, or holds no string; the message names the
   *     secret, never a value
   */
  public static String read(String secretId, String region, URI endpoint) {
    try (SdkHttpClient http =
            UrlConnectionHttpClient.builder()
                .connectionTimeout(TIMEOUT)
                .socketTimeout(TIMEOUT)
                .build();
        SecretsManagerClient client = client(region, endpoint, http)) {
      String value =
          client
              .getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build())
              .secretString();
      if (value == null) {
        throw new IllegalStateException(secretId + " holds no string (a binary secret?)");
      }
      return value;
    } catch (SdkException e) {
      throw new IllegalStateException(
          "could not read " + secretId + " in " + region + ": " + e.getMessage(), e);
    }
  }

  private static SecretsManagerClient client(String region, URI endpoint, SdkHttpClient http) {
    SecretsManagerClientBuilder builder =
        SecretsManagerClient.builder().httpClient(http).region(Region.of(region));
    if (endpoint != null) {
      builder.endpointOverride(endpoint);
    }
    return builder.build();
  }
}
