package com.securecart.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.persistence.SecretStrings;
import java.io.IOException;
import java.net.URI;

/**
 * The Secrets Manager secret that holds the Stripe keys ({@code SECURECART_STRIPE_SECRET_ARN}),
 * {@code {"secretKey": "sk_...", "publishableKey": "pk_...", "webhookSecret": "whsec_..."}}: read
 * once when the settings are read, by every entry point (the server, the Lambda functions), so that
 * the keys are never part of an instance's env file or a function's configuration. Once is enough:
 * Stripe keys change only when an operator rolls them at Stripe and updates the secret, and then
 * restarts the tiers (docs/aws.md).
 *
 * @param secretId the secret's ARN, or its name
 * @param region where the secret lives: an ARN's own region, else {@code SECURECART_AWS_REGION}
 * @param endpoint {@code SECURECART_STRIPE_SECRET_ENDPOINT}, a Secrets Manager endpoint in place of
 *     the region's own (a local stand-in); null for the region's own
 */
public record PaymentSecret(String secretId, String region, URI endpoint) {
  static final String SETTING = "SECURECART_STRIPE_SECRET_ARN";
  private static final String SHAPE =
      "the secret in SECURECART_STRIPE_SECRET_ARN must hold JSON {\"secretKey\": \"sk_...\","
          + " \"publishableKey\": \"pk_...\", \"webhookSecret\": \"whsec_...\"}";
  private static final ObjectMapper JSON = new ObjectMapper();

  public PaymentSecret {
    secretId = SecretLocations.secretId(secretId, SETTING);
    region = SecretLocations.region(secretId, region, SETTING);
  }

  /**
   * The secret from its settings; null when {@code SECURECART_STRIPE_SECRET_ARN} is unset.
   *
   * @param secretId SECURECART_STRIPE_SECRET_ARN
   * @param region SECURECART_AWS_REGION
   * @param endpoint SECURECART_STRIPE_SECRET_ENDPOINT
   */
  public static PaymentSecret of(String secretId, String region, String endpoint) {
    if (secretId == null || secretId.isBlank()) {
      if (endpoint != null && !endpoint.isBlank()) {
        throw new ConfigException(
            "SECURECART_STRIPE_SECRET_ENDPOINT is set but SECURECART_STRIPE_SECRET_ARN is not");
      }
      return null;
    }
    return new PaymentSecret(
        secretId, region, SecretLocations.endpoint(endpoint, "SECURECART_STRIPE_SECRET_ENDPOINT"));
  }

  /**
   * The three keys; the browser and webhook keys may be null (a Lambda function needs neither, and
   * {@link PaymentSettings#requireWebKeys} asks for them where they are needed).
   */
  public record Keys(String secretKey, String publishableKey, String webhookSecret) {
    // The values stay out of logs and error reports.
    @Override
    public String toString() {
      return "Keys[redacted]";
    }
  }

  /** Reads the secret's current value, with the caller's own AWS credentials (default chain). */
  public Keys read() {
    String value;
    try {
      value = SecretStrings.read(secretId, region, endpoint);
    } catch (IllegalStateException e) {
      throw new ConfigException("SECURECART_STRIPE_SECRET_ARN: " + e.getMessage());
    }
    return keys(value);
  }

  /** The keys in a secret's value; a value without {@code secretKey} is refused. */
  static Keys keys(String value) {
    JsonNode node;
    try {
      node = JSON.readTree(value);
    } catch (IOException e) {
      // Neither the value nor the parser's message, which may quote it.
      throw new ConfigException(SHAPE);
    }
    if (node == null || !node.isObject() || !node.path("secretKey").isTextual()) {
      throw new ConfigException(SHAPE + ": secretKey is missing");
    }
    return new Keys(
        node.get("secretKey").asText(), text(node, "publishableKey"), text(node, "webhookSecret"));
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).isTextual() ? node.get(field).asText() : null;
  }
}
