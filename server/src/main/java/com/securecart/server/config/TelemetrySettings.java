package com.securecart.server.config;

import com.securecart.app.ConfigException;

/**
 * Metrics and traces: the bearer token {@code GET /metrics} requires (null: open, as scrapers on a
 * private network expect) and the OTLP/HTTP endpoint spans go to (null: none leave).
 */
public record TelemetrySettings(String metricsToken, String otlpEndpoint) {
  public static final TelemetrySettings DEFAULTS = new TelemetrySettings(null, null);

  public TelemetrySettings {
    if (metricsToken != null && metricsToken.isBlank()) {
      metricsToken = null;
    }
    if (metricsToken != null && metricsToken.length() < 16) {
      throw new ConfigException("SECURECART_METRICS_TOKEN must be at least 16 characters");
    }
    if (otlpEndpoint != null && otlpEndpoint.isBlank()) {
      otlpEndpoint = null;
    }
    if (otlpEndpoint != null
        && !(otlpEndpoint.startsWith("http://") || otlpEndpoint.startsWith("https://"))) {
      throw new ConfigException(
          "SECURECART_OTLP_ENDPOINT must be an http(s) URL such as"
              + " http://localhost:4318/v1/traces");
    }
  }

  @Override
  public String toString() {
    return "Telemetry[metrics="
        + (metricsToken == null ? "open" : "token")
        + ", otlp="
        + (otlpEndpoint == null ? "off" : otlpEndpoint)
        + "]";
  }
}
