package com.securecart.app;

import com.securecart.persistence.DbCredentials;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
  private static final Pattern ARN =
      Pattern.compile(
          "arn:aws(-[a-z]+)*:secretsmanager:(?<region>[a-z]{2}(-[a-z]+)+-\\d+):\\d{12}:secret:"
              + "[A-Za-z0-9/_+=.@-]{1,512}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  public DatabaseSecret {
    if (secretId == null || secretId.isBlank()) {
      throw new ConfigException("SECURECART_DB_SECRET_ARN is required for a DatabaseSecret");
    }
    secretId = secretId.strip();
    Matcher arn = ARN.matcher(secretId);
    if (arn.matches()) {
      // The ARN names the secret's region, whatever region the rest of the app runs in.
      region = arn.group("region");
    } else if (secretId.startsWith("arn:")) {
      throw new ConfigException(
          "SECURECART_DB_SECRET_ARN must be a Secrets Manager secret's ARN"
              + " (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME) or its name, got '"
              + secretId
              + "'");
    } else if (!NAME.matcher(secretId).matches()) {
      throw new ConfigException(
          "SECURECART_DB_SECRET_ARN must be a secret's ARN or its name (letters, digits and"
              + " /_+=.@-, at most 512), got '"
              + secretId
              + "'");
    } else if (region == null || region.isBlank()) {
      throw new ConfigException(
          "SECURECART_AWS_REGION is required when SECURECART_DB_SECRET_ARN is a secret's name"
              + " rather than its ARN");
    }
    region = region.strip();
    if (!REGION.matcher(region).matches()) {
      throw new ConfigException(
          "SECURECART_AWS_REGION must be an AWS region such as us-east-1, got '" + region + "'");
    }
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
    return new DatabaseSecret(secretId, region, endpoint(endpoint));
  }

  private static URI endpoint(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      URI uri = new URI(text.strip());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Told below.
    }
    throw new ConfigException(
        "SECURECART_DB_SECRET_ENDPOINT must be an http(s) URL such as http://127.0.0.1:5000,"
            + " got '"
            + text.strip()
            + "'");
  }

  DbCredentials credentials() {
    return new DbCredentials.FromSecret(secretId, region, endpoint);
  }
}
