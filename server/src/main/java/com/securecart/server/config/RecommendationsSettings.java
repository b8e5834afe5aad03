package com.securecart.server.config;

import com.securecart.app.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where a storefront instance gets its recommendations: from the recommendations service at {@code
 * url} ({@code SECURECART_RECOMMENDATIONS_URL}) when it does not run that role itself, or from its
 * own model (null url, or the role runs here).
 *
 * @param url the service's base URL ({@code http://recommendations:8080}), or null
 * @param timeout how long a storefront waits for the service before it answers with the
 *     best-sellers ({@code SECURECART_RECOMMENDATIONS_TIMEOUT_MS}); an in-process answer takes a
 *     few milliseconds, so the default leaves room for a slow network without making a page wait
 *     long
 */
public record RecommendationsSettings(URI url, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(200);

  public static final RecommendationsSettings IN_PROCESS =
      new RecommendationsSettings(null, DEFAULT_TIMEOUT);

  public RecommendationsSettings {
    if (timeout == null
        || timeout.compareTo(Duration.ofMillis(10)) < 0
        || timeout.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new ConfigException(
          "SECURECART_RECOMMENDATIONS_TIMEOUT_MS must be 10 to 60000, got "
              + (timeout == null ? "nothing" : timeout.toMillis()));
    }
    if (url != null
        && (!("http".equals(url.getScheme()) || "https".equals(url.getScheme()))
            || url.getHost() == null
            || url.getRawQuery() != null
            || url.getRawFragment() != null
            || url.getRawUserInfo() != null)) {
      throw new ConfigException(
          "SECURECART_RECOMMENDATIONS_URL must be the service's http(s) base URL such as"
              + " http://recommendations:8080 (no query, fragment or credentials), got '"
              + url
              + "'");
    }
  }

  /** From the environment's text: a blank URL is none. */
  public static RecommendationsSettings parse(String url, int timeoutMillis) {
    Duration timeout = Duration.ofMillis(timeoutMillis);
    if (url == null || url.isBlank()) {
      return new RecommendationsSettings(null, timeout);
    }
    try {
      return new RecommendationsSettings(new URI(url.strip()), timeout);
    } catch (URISyntaxException e) {
      throw new ConfigException(
          "SECURECART_RECOMMENDATIONS_URL is not a URL ('" + url.strip() + "'): " + e.getReason());
    }
  }

  @Override
  public String toString() {
    return url == null ? "in-process" : url + " (timeout " + timeout.toMillis() + " ms)";
  }
}
