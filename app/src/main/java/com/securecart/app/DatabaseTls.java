package com.securecart.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * TLS to PostgreSQL, applied to every PostgreSQL URL the app opens (the primary and the batch read
 * replica), so that a deployment states it once: {@code SECURECART_DB_SSLMODE} (pgjdbc's {@code
 * sslmode}) and {@code SECURECART_DB_SSLROOTCERT}, the certificate authorities to trust: a PEM
 * file, or {@value #AWS_RDS} for Amazon RDS's own, which ship inside the jar because RDS
 * certificates chain to no public root and a function or container has nowhere else to get them.
 *
 * <p>A URL that already names a different {@code sslmode} or {@code sslrootcert} is refused rather
 * than silently overridden: a deployment that asks for {@code verify-full} must get it.
 *
 * @param sslMode null: the URL's own (pgjdbc's default is {@code prefer})
 * @param rootCert null: pgjdbc's default ({@code ~/.postgresql/root.crt})
 */
public record DatabaseTls(String sslMode, String rootCert) {
  /** {@code SECURECART_DB_SSLROOTCERT} value for the Amazon RDS certificate authorities. */
  public static final String AWS_RDS = "aws-rds";

  private static final Set<String> MODES =
      Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
  private static final String BUNDLE = "tls/aws-rds-ca-bundle.pem";
  private static Path extracted;

  public DatabaseTls {
    sslMode = blankToNull(sslMode);
    rootCert = blankToNull(rootCert);
    if (sslMode != null && !MODES.contains(sslMode)) {
      throw new ConfigException(
          "SECURECART_DB_SSLMODE must be one of "
              + MODES.stream().sorted().collect(Collectors.joining(", "))
              + ", not "
              + sslMode);
    }
    if (rootCert != null && !rootCert.equals(AWS_RDS) && !Files.isReadable(Path.of(rootCert))) {
      throw new ConfigException(
          "SECURECART_DB_SSLROOTCERT must be a readable PEM file or " + AWS_RDS + ": " + rootCert);
    }
  }

  /** No TLS settings: URLs are used as given. */
  public static DatabaseTls asGiven() {
    return new DatabaseTls(null, null);
  }

  /** Whether the server's certificate and host name are both checked. */
  public boolean verifiesHost() {
    return "verify-full".equals(sslMode);
  }

  /** {@code url} with these settings; an H2 URL unchanged. */
  public String apply(String url, String setting) {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      return url;
    }
    String result = url;
    if (sslMode != null) {
      result = withParameter(result, "sslmode", sslMode, setting);
    }
    if (rootCert != null) {
      String path = rootCert.equals(AWS_RDS) ? awsRdsBundle().toString() : rootCert;
      result = withParameter(result, "sslrootcert", path, setting);
    }
    return result;
  }

  private static String withParameter(String url, String name, String value, String setting) {
    Matcher existing =
        Pattern.compile("[?&]" + name + "=([^&]*)", Pattern.CASE_INSENSITIVE).matcher(url);
    if (existing.find()) {
      String given = java.net.URLDecoder.decode(existing.group(1), StandardCharsets.UTF_8);
      if (given.toLowerCase(Locale.ROOT).equals(value.toLowerCase(Locale.ROOT))) {
        return url;
      }
      throw new ConfigException(
          setting
              + " names "
              + name
              + "="
              + given
              + " but SECURECART_DB_"
              + name.toUpperCase(Locale.ROOT)
              + " asks for "
              + value
              + ": set one or make them agree");
    }
    return url
        + (url.contains("?") ? "&" : "?")
        + name
        + "="
        + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * The bundled RDS authorities as a file, since pgjdbc reads {@code sslrootcert} from a path.
   * Written once per process into the temporary directory (the one writable place on Lambda and in
   * a read-only container).
   */
  static synchronized Path awsRdsBundle() {
    if (extracted != null && Files.isReadable(extracted)) {
      return extracted;
    }
    try (InputStream in = DatabaseTls.class.getResourceAsStream(BUNDLE)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + BUNDLE);
      }
      // The header comments go: only certificates reach the TLS library.
      String pem =
          new String(in.readAllBytes(), StandardCharsets.US_ASCII)
              .lines()
              .filter(line -> !line.startsWith("#"))
              .collect(Collectors.joining("\n", "", "\n"));
      Path file = Files.createTempFile("securecart-aws-rds-ca", ".pem");
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      file.toFile().deleteOnExit();
      extracted = file;
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the RDS certificate bundle", e);
    }
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
