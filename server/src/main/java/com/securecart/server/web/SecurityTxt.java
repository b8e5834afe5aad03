package com.securecart.server.web;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * {@code GET /.well-known/security.txt} (RFC 9116): where to report a vulnerability. {@code
 * Contact} is {@code SECURECART_SECURITY_CONTACT}, else {@code mailto:security@} the shop's host
 * (the public URL's, else the request's); {@code Expires} is always 180 days from now (the RFC asks
 * for less than a year), so that the file never goes stale; {@code Canonical} only when the public
 * URL is configured (a request's own Host header is not to be believed for it).
 */
public final class SecurityTxt implements Handler {
  static final Duration VALIDITY = Duration.ofDays(180);
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}");

  private final String contact;
  private final String publicUrl;
  private final Clock clock;

  /**
   * @param contact a {@code mailto:} or {@code https:} URI, or null for the default
   * @param publicUrl the shop's public base URL, or null
   */
  public SecurityTxt(String contact, String publicUrl, Clock clock) {
    this.contact = contact;
    this.publicUrl = publicUrl;
    this.clock = clock;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    StringBuilder text = new StringBuilder();
    text.append("Contact: ").append(contact(req)).append('\n');
    Instant expires = clock.instant().plus(VALIDITY).truncatedTo(ChronoUnit.SECONDS);
    text.append("Expires: ").append(expires).append('\n');
    text.append("Preferred-Languages: en\n");
    if (publicUrl != null) {
      text.append("Canonical: ").append(publicUrl).append("/.well-known/security.txt\n");
    }
    res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "max-age=86400");
    res.send(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private String contact(ServerRequest req) {
    if (contact != null) {
      return contact;
    }
    String host;
    if (publicUrl != null) {
      host = java.net.URI.create(publicUrl).getHost();
    } else {
      host = req.authority().split(":", 2)[0];
      if (!HOST.matcher(host).matches()) {
        host = "localhost";
      }
    }
    return "mailto:security@" + host.toLowerCase(Locale.ROOT);
  }
}
