package com.securecart.server.metrics;

import com.securecart.outbox.OutboxEvent;
import com.securecart.pipeline.PipelineObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** Each pipeline step's duration by outcome, and its retries and failures (after compensation). */
final class PipelineMeters implements PipelineObserver {
  private final MeterRegistry registry;

  PipelineMeters(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public StepRun started(String step, OutboxEvent event) {
    Timer.Sample sample = Timer.start(registry);
    return outcome -> {
      sample.stop(
          Timer.builder("securecart.pipeline.step.duration")
              .description("time one run of a pipeline step took, by outcome")
              .tag("step", step)
              .tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
              .serviceLevelObjectives(Metrics.LATENCY_BUCKETS)
              .register(registry));
      if (outcome == Outcome.RETRY) {
        counter(
                "securecart.pipeline.step.retries",
                "step runs that failed and will be retried",
                step)
            .increment();
      } else if (outcome == Outcome.FAILED) {
        counter("securecart.pipeline.step.failures", "step runs that failed for good", step)
            .increment();
      }
    };
  }

  private Counter counter(String name, String description, String step) {
    return Counter.builder(name).description(description).tag("step", step).register(registry);
  }
}
