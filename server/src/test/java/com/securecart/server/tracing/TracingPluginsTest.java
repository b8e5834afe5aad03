package com.securecart.server.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Statement spans only where spans go somewhere (issue 18: they cost CPU on every statement). */
class TracingPluginsTest {

  @Test
  void withNoEndpointThereAreNoStatementSpans() {
    try (Tracing tracing = Tracing.create(null)) {
      assertThat(tracing.jdbiPlugins()).isEmpty();
    }
  }

  @Test
  void withACollectorEveryStatementGetsASpan() {
    try (Tracing tracing =
        new Tracing(List.of(SimpleSpanProcessor.create(InMemorySpanExporter.create())))) {
      assertThat(tracing.jdbiPlugins()).hasSize(1);
    }
  }
}
