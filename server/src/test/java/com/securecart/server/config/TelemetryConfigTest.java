package com.securecart.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TelemetryConfigTest {
  private static final String[] NO_FLAGS = {};

  @Test
  void metricsAreOpenAndNothingIsExportedByDefault() {
    Config config = ConfigLoader.load(NO_FLAGS, Map.of());

    assertThat(config.telemetry().metricsToken()).isNull();
    assertThat(config.telemetry().otlpEndpoint()).isNull();
  }

  @Test
  void aTokenAndAnEndpointAreReadFromTheEnvironmentAndTheTokenIsNeverPrinted() {
    Config config =
        ConfigLoader.load(
            NO_FLAGS,
            Map.of(
                "SECURECART_METRICS_TOKEN", "a-long-scrape-token-42",
                "SECURECART_OTLP_ENDPOINT", "http://collector:4318/v1/traces"));

    assertThat(config.telemetry().metricsToken()).isEqualTo("a-long-scrape-token-42");
    assertThat(config.telemetry().otlpEndpoint()).isEqualTo("http://collector:4318/v1/traces");
    assertThat(config.toString()).doesNotContain("a-long-scrape-token-42").contains("collector");
  }

  @Test
  void aShortTokenOrANonHttpEndpointStopsStartUpNamingTheSetting() {
    assertThatThrownBy(
            () -> ConfigLoader.load(NO_FLAGS, Map.of("SECURECART_METRICS_TOKEN", "short")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_METRICS_TOKEN");
    assertThatThrownBy(
            () -> ConfigLoader.load(NO_FLAGS, Map.of("SECURECART_OTLP_ENDPOINT", "collector:4317")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SECURECART_OTLP_ENDPOINT");
  }
}
