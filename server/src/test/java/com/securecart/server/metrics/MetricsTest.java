package com.securecart.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.outbox.Outbox;
import com.securecart.outbox.OutboxEvent;
import com.securecart.pipeline.PipelineObserver;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private final Instant now = Instant.parse("2026-01-01T12:00:00Z");
  private final Metrics metrics = new Metrics(Clock.fixed(now, ZoneOffset.UTC));

  @Test
  void theOldestPendingEventsAgeIsAGaugeInSeconds() {
    metrics.watchOutbox(() -> new Outbox.Backlog(3, Optional.of(now.minusSeconds(90))));

    assertThat(metrics.scrape())
        .contains("securecart_outbox_backlog 3.0")
        .contains("securecart_outbox_oldest_age_seconds 90.0");
  }

  @Test
  void anEmptyOutboxHasNoAge() {
    metrics.watchOutbox(() -> new Outbox.Backlog(0, Optional.empty()));

    assertThat(metrics.scrape()).contains("securecart_outbox_oldest_age_seconds 0.0");
  }

  @Test
  void pipelineRetriesAndFailuresAreCountedPerStep() {
    PipelineObserver observer = metrics.pipelineObserver();
    OutboxEvent event = new OutboxEvent(1, "order.placed", "7", Map.of(), 1, now);

    observer.started("authorize-payment", event).finished(PipelineObserver.Outcome.RETRY);
    observer.started("authorize-payment", event).finished(PipelineObserver.Outcome.RETRY);
    observer.started("authorize-payment", event).finished(PipelineObserver.Outcome.FAILED);

    assertThat(metrics.scrape())
        .contains("securecart_pipeline_step_retries_total{step=\"authorize-payment\"} 2.0")
        .contains("securecart_pipeline_step_failures_total{step=\"authorize-payment\"} 1.0")
        .contains(
            "securecart_pipeline_step_duration_seconds_count{outcome=\"retry\","
                + "step=\"authorize-payment\"} 2");
  }
}
