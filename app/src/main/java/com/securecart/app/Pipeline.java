package com.securecart.app;

import com.securecart.outbox.Outbox;
import com.securecart.pipeline.PipelineRunner;
import com.securecart.pipeline.Step;
import java.util.List;

/**
 * The order pipeline: its steps, the runner that drives them from outbox events, the outbox, and
 * the doorbell the outbox rings when a local transaction appended events.
 */
public record Pipeline(PipelineRunner runner, List<Step> steps, Outbox outbox, Doorbell doorbell) {
  public Pipeline {
    steps = List.copyOf(steps);
  }
}
