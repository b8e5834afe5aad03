package com.securecart.server.config;

import com.securecart.app.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * The HTTP side of an instance.
 *
 * @param port 0: any free port (tests, benchmarks)
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param maxEventStreams how many live-update streams (SSE) an instance holds open at once
 * @param admission admission control and rate limits (ADR 11)
 * @param maxEventStreamsPerClient how many of those one client (its address, as the rate limiter
 *     sees it) may hold open; beyond it, 429
 * @param securityContact the {@code Contact} of {@code /.well-known/security.txt} ({@code mailto:}
 *     or {@code https:}); null: {@code mailto:security@} the request's host
 * @param publicUrl the shop's public base URL ({@code https://shop.example.com}), or null; when
 *     set, security.txt names its {@code Canonical} location under it
 * @param tls the HTTPS listener, or null
 * @param maxConnections the most TCP connections the instance holds open at once, or 0 for no cap
 *     ({@code SECURECART_MAX_CONNECTIONS}, issue 18 item 5): beyond it the listener stops
 *     accepting, so that an overload queues in the kernel and at the client, not as requests
 *     waiting inside the instance where admission control cannot see them; live-update streams
 *     count against it
 */
public record HttpSettings(
    int port,
    long maxBodyBytes,
    int maxEventStreams,
    AdmissionConfig admission,
    int maxEventStreamsPerClient,
    String securityContact,
    String publicUrl,
    TlsListener tls,
    int maxConnections) {
  public static final int DEFAULT_EVENT_STREAMS_PER_CLIENT = 4;

  /** No cap on connections. */
  public HttpSettings(
      int port,
      long maxBodyBytes,
      int maxEventStreams,
      AdmissionConfig admission,
      int maxEventStreamsPerClient,
      String securityContact,
      String publicUrl,
      TlsListener tls) {
    this(
        port,
        maxBodyBytes,
        maxEventStreams,
        admission,
        maxEventStreamsPerClient,
        securityContact,
        publicUrl,
        tls,
        0);
  }

  /** Without the HTTPS listener. */
  public HttpSettings(
      int port,
      long maxBodyBytes,
      int maxEventStreams,
      AdmissionConfig admission,
      int maxEventStreamsPerClient,
      String securityContact,
      String publicUrl) {
    this(
        port,
        maxBodyBytes,
        maxEventStreams,
        admission,
        maxEventStreamsPerClient,
        securityContact,
        publicUrl,
        null);
  }

  public HttpSettings {
    if (port < 0 || port > 65_535) {
      throw new ConfigException("SECURECART_PORT / --port must be 0 to 65535, got " + port);
    }
    if (maxBodyBytes < 1_024 || maxBodyBytes > 104_857_600) {
      throw new ConfigException(
          "SECURECART_MAX_BODY_BYTES must be 1024 to 104857600, got " + maxBodyBytes);
    }
    if (maxEventStreams < 1 || maxEventStreams > 100_000) {
      throw new ConfigException(
          "SECURECART_MAX_EVENT_STREAMS must be 1 to 100000, got " + maxEventStreams);
    }
    if (admission == null) {
      throw new ConfigException("admission settings are required");
    }
    if (maxConnections != 0 && (maxConnections < 8 || maxConnections > 1_000_000)) {
      throw new ConfigException(
          "SECURECART_MAX_CONNECTIONS must be 0 (no cap) or 8 to 1000000, got " + maxConnections);
    }
    if (maxEventStreamsPerClient < 1 || maxEventStreamsPerClient > 1_000) {
      throw new ConfigException(
          "SECURECART_MAX_EVENT_STREAMS_PER_CLIENT must be 1 to 1000, got "
              + maxEventStreamsPerClient);
    }
    securityContact = blankToNull(securityContact);
    if (securityContact != null
        && (!printable(securityContact)
            || !((securityContact.startsWith("mailto:") && securityContact.contains("@"))
                || securityContact.startsWith("https://")))) {
      throw new ConfigException(
          "SECURECART_SECURITY_CONTACT must be a mailto: or https:// URI, got '"
              + securityContact
              + "'");
    }
    publicUrl = blankToNull(publicUrl);
    if (publicUrl != null) {
      publicUrl =
          publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
      if (!publicUrl.startsWith("https://") || !printable(publicUrl) || !validUri(publicUrl)) {
        throw new ConfigException(
            "SECURECART_PUBLIC_URL must be an https:// URL such as https://shop.example.com, got '"
                + publicUrl
                + "'");
      }
    }
  }

  /** Four streams per client, no configured contact or public URL. */
  public HttpSettings(int port, long maxBodyBytes, int maxEventStreams, AdmissionConfig admission) {
    this(
        port,
        maxBodyBytes,
        maxEventStreams,
        admission,
        DEFAULT_EVENT_STREAMS_PER_CLIENT,
        null,
        null);
  }

  public HttpSettings withPort(int next) {
    return new HttpSettings(
        next,
        maxBodyBytes,
        maxEventStreams,
        admission,
        maxEventStreamsPerClient,
        securityContact,
        publicUrl,
        tls,
        maxConnections);
  }

  public HttpSettings withAdmission(AdmissionConfig next) {
    return new HttpSettings(
        port,
        maxBodyBytes,
        maxEventStreams,
        next,
        maxEventStreamsPerClient,
        securityContact,
        publicUrl,
        tls,
        maxConnections);
  }

  public HttpSettings withEventStreamsPerClient(int next) {
    return new HttpSettings(
        port,
        maxBodyBytes,
        maxEventStreams,
        admission,
        next,
        securityContact,
        publicUrl,
        tls,
        maxConnections);
  }

  public HttpSettings withSite(String contact, String url) {
    return new HttpSettings(
        port,
        maxBodyBytes,
        maxEventStreams,
        admission,
        maxEventStreamsPerClient,
        contact,
        url,
        tls,
        maxConnections);
  }

  public HttpSettings withMaxConnections(int next) {
    return new HttpSettings(
        port,
        maxBodyBytes,
        maxEventStreams,
        admission,
        maxEventStreamsPerClient,
        securityContact,
        publicUrl,
        tls,
        next);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static boolean printable(String s) {
    return s.chars().allMatch(c -> c > ' ' && c < 0x7f);
  }

  private static boolean validUri(String s) {
    try {
      URI uri = new URI(s);
      return uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
