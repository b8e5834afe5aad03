package com.securecart.server.config;

import com.securecart.app.ConfigException;

/**
 * Metrics and traces: the bearer token {@code GET /metrics} requires, the OTLP/HTTP endpoint spans
 * go to (null: none leave), and what the server tells clients about its own timing.
 *
 * @param metricsToken the bearer token scrapers send; null: {@code /metrics} is closed (404) unless
 *     {@code metricsOpen}
 * @param metricsOpen with no token, serve {@code /metrics} to anyone (local use only; {@code
 *     SECURECART_METRICS_OPEN=true})
 * @param serverTiming send {@code Server-Timing} headers ({@code SECURECART_SERVER_TIMING=true};
 *     benchmarks read them, production need not tell anyone its timings)
 */
public record TelemetrySettings(
    String metricsToken, String otlpEndpoint, boolean metricsOpen, boolean serverTiming) {
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

  /** Metrics closed without a token, no Server-Timing. */
  public TelemetrySettings(String metricsToken, String otlpEndpoint) {
    this(metricsToken, otlpEndpoint, false, false);
  }

  public TelemetrySettings withMetricsOpen(boolean open) {
    return new TelemetrySettings(metricsToken, otlpEndpoint, open, serverTiming);
  }

  public TelemetrySettings withServerTiming(boolean on) {
    return new TelemetrySettings(metricsToken, otlpEndpoint, metricsOpen, on);
  }

  @Override
  public String toString() {
    return "Telemetry[metrics="
        + (metricsToken != null ? "token" : metricsOpen ? "open" : "closed")
        + ", otlp="
        + (otlpEndpoint == null ? "off" : otlpEndpoint)
        + ", serverTiming="
        + serverTiming
        + "]";
  }
}
