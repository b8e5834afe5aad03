package com.securecart.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks where a Secrets Manager secret is read from (its ARN or name, its region, an endpoint in
 * place of the region's own), for every secret the settings name: the database's ({@link
 * DatabaseSecret}) and the SMTP login's ({@link MailSecret}). Messages name the caller's settings.
 */
final class SecretLocations {
  private static final Pattern ARN =
      Pattern.compile(
          "arn:aws(-[a-z]+)*:secretsmanager:(?<region>[a-z]{2}(-[a-z]+)+-\\d+):\\d{12}:secret:"
              + "[A-Za-z0-9/_+=.@-]{1,512}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

  private SecretLocations() {}

  /** The stripped secret id; fails unless it is a secret's ARN or name. */
  static String secretId(String secretId, String setting) {
    if (secretId == null || secretId.isBlank()) {
      throw new ConfigException(setting + " is required");
    }
    String id = secretId.strip();
    if (ARN.matcher(id).matches()) {
      return id;
    }
    if (id.startsWith("arn:")) {
      throw new ConfigException(
          setting
              + " must be a Secrets Manager secret's ARN"
              + " (arn:aws:secretsmanager:REGION:ACCOUNT:secret:NAME) or its name, got '"
              + id
              + "'");
    }
    if (!NAME.matcher(id).matches()) {
      throw new ConfigException(
          setting
              + " must be a secret's ARN or its name (letters, digits and"
              + " /_+=.@-, at most 512), got '"
              + id
              + "'");
    }
    return id;
  }

  /**
   * The secret's region: an ARN's own, whatever region the rest of the app runs in, else {@code
   * region} ({@code SECURECART_AWS_REGION}), required for a name.
   */
  static String region(String secretId, String region, String setting) {
    Matcher arn = ARN.matcher(secretId);
    if (arn.matches()) {
      return arn.group("region");
    }
    if (region == null || region.isBlank()) {
      throw new ConfigException(
          "SECURECART_AWS_REGION is required when "
              + setting
              + " is a secret's name rather than its ARN");
    }
    String stripped = region.strip();
    if (!REGION.matcher(stripped).matches()) {
      throw new ConfigException(
          "SECURECART_AWS_REGION must be an AWS region such as us-east-1, got '" + stripped + "'");
    }
    return stripped;
  }

  /** An http(s) endpoint in place of the region's own (a local stand-in); null when unset. */
  static URI endpoint(String text, String setting) {
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
        setting
            + " must be an http(s) URL such as http://127.0.0.1:5000, got '"
            + text.strip()
            + "'");
  }
}
