package com.securecart.server.metrics;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * {@code GET /metrics}: the Prometheus text exposition for scrapers, only with {@code
 * Authorization: Bearer <token>} (compared in constant time). Without a configured token it is
 * closed (the 404 of a path that does not exist) unless explicitly opened for local use ({@code
 * SECURECART_METRICS_OPEN=true}).
 */
public final class ScrapeEndpoint implements Handler {
  private final Metrics metrics;
  private final byte[] expected;
  private final boolean open;

  /**
   * @param token the bearer token scrapers must send, or null for none
   * @param open without a token, serve anyone; otherwise, without a token, answer 404
   */
  public ScrapeEndpoint(Metrics metrics, String token, boolean open) {
    this.metrics = metrics;
    this.expected = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.open = open;
  }

  @Override
  public void handle(ServerRequest req, ServerResponse res) {
    if (expected == null && !open) {
      // On to the unknown-path fallback: the same 404 as a path that does not exist.
      res.next();
      return;
    }
    if (expected != null) {
      byte[] given =
          req.headers()
              .first(HeaderNames.AUTHORIZATION)
              .orElse("")
              .getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(expected, given)) {
        res.status(Status.UNAUTHORIZED_401)
            .header(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"metrics\""))
            .send();
        return;
      }
    }
    send(metrics, res);
  }

  /** Sends the exposition (also for the admins' {@code /admin/metrics}). */
  public static void send(Metrics metrics, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
  }
}
