package com.securecart.server.config;

import com.securecart.app.ConfigException;

/**
 * The HTTP side of an instance.
 *
 * @param port 0: any free port (tests, benchmarks)
 * @param maxBodyBytes the largest request body accepted; larger ones get 413
 * @param maxEventStreams how many live-update streams (SSE) an instance holds open at once
 * @param admission admission control and rate limits (ADR 11)
 */
public record HttpSettings(
    int port, long maxBodyBytes, int maxEventStreams, AdmissionConfig admission) {
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
  }

  public HttpSettings withPort(int next) {
    return new HttpSettings(next, maxBodyBytes, maxEventStreams, admission);
  }

  public HttpSettings withAdmission(AdmissionConfig next) {
    return new HttpSettings(port, maxBodyBytes, maxEventStreams, next);
  }
}
