package com.securecart.app;

import com.securecart.outbox.Outbox;
import com.securecart.pipeline.PipelineRunner;
import com.securecart.pipeline.RetryPolicy;
import com.securecart.pipeline.Step;
import java.util.List;

/**
 * The order pipeline: its steps, the retry policy the runner applies to them (a state machine that
 * runs the same steps takes its Retry from it), the runner that drives them from outbox events, the
 * outbox, and the doorbell the outbox rings when a local transaction appended events.
 */
public record Pipeline(
    PipelineRunner runner, List<Step> steps, RetryPolicy retry, Outbox outbox, Doorbell doorbell) {
  public Pipeline {
    steps = List.copyOf(steps);
  }

  /**
   * The same outbox and doorbell, dispatched to {@code others} under {@code policy} instead of the
   * order steps: what a worker runs when the steps themselves run elsewhere (Step Functions), and
   * its steps only hand each event over.
   */
  public Pipeline withSteps(List<Step> others, RetryPolicy policy) {
    return new Pipeline(runner.withSteps(others, policy), others, policy, outbox, doorbell);
  }
}
