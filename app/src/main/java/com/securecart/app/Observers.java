package com.securecart.app;

import com.securecart.pipeline.PipelineObserver;
import java.util.function.Supplier;

/**
 * What the entry point watches the contexts with: the pipeline's steps (metrics, spans) and the
 * trace context stored with each outbox event, so that a step continues the request's trace.
 */
public record Observers(PipelineObserver pipeline, Supplier<String> traceParent) {
  public static Observers none() {
    return new Observers(PipelineObserver.none(), () -> null);
  }
}
