package com.securecart.server.config;

import com.securecart.app.ConfigException;
import io.helidon.common.configurable.Resource;
import io.helidon.common.pki.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * An optional second listener that speaks HTTPS, for encryption from the load balancer to the
 * instance ({@code SECURECART_TLS_PORT}, {@code _CERT}, {@code _KEY}: PEM files). The plain
 * listener stays: health checks and loopback tools use it. An ALB does not verify a target's
 * certificate, so a certificate the instance makes for itself at boot is enough there.
 */
public record TlsListener(int port, Path certificate, Path privateKey) {
  public TlsListener {
    if (port < 0 || port > 65_535) {
      throw new ConfigException("SECURECART_TLS_PORT must be 0 to 65535, got " + port);
    }
    readable(certificate, "SECURECART_TLS_CERT");
    readable(privateKey, "SECURECART_TLS_KEY");
    // Read once here, so that a wrong file stops the start with a message naming the setting.
    check(pem(certificate, privateKey));
  }

  /** The private key from {@code SECURECART_TLS_KEY}. */
  public PrivateKey key() {
    return check(pem(certificate, privateKey)).privateKey().orElseThrow();
  }

  /** The certificate and its chain from {@code SECURECART_TLS_CERT}. */
  public List<X509Certificate> chain() {
    return check(pem(certificate, privateKey)).certChain();
  }

  private static Keys check(Keys keys) {
    if (keys.privateKey().isEmpty()) {
      throw new ConfigException("SECURECART_TLS_KEY holds no PEM private key");
    }
    if (keys.certChain().isEmpty()) {
      throw new ConfigException("SECURECART_TLS_CERT holds no PEM certificate");
    }
    return keys;
  }

  private static Keys pem(Path certificate, Path privateKey) {
    try {
      return Keys.builder()
          .pem(pem -> pem.key(Resource.create(privateKey)).certChain(Resource.create(certificate)))
          .build();
    } catch (RuntimeException e) {
      throw new ConfigException(
          "SECURECART_TLS_CERT / SECURECART_TLS_KEY are not PEM files Java can read: "
              + e.getMessage());
    }
  }

  /** The listener the settings ask for, or null: all three settings, or none. */
  public static TlsListener from(Map<String, String> values) {
    String port = values.get("SECURECART_TLS_PORT");
    String cert = values.get("SECURECART_TLS_CERT");
    String key = values.get("SECURECART_TLS_KEY");
    if (port == null && cert == null && key == null) {
      return null;
    }
    if (port == null || cert == null || key == null) {
      throw new ConfigException(
          "SECURECART_TLS_PORT, SECURECART_TLS_CERT and SECURECART_TLS_KEY go together: set all"
              + " three for the HTTPS listener, or none");
    }
    int number;
    try {
      number = Integer.parseInt(port.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException("SECURECART_TLS_PORT must be a number, got '" + port + "'");
    }
    return new TlsListener(number, Path.of(cert), Path.of(key));
  }

  private static void readable(Path file, String setting) {
    if (file == null || !Files.isReadable(file)) {
      throw new ConfigException(setting + " must name a readable PEM file, got " + file);
    }
  }
}
