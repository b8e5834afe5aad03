package com.securecart.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;

/**
 * The pipeline's alarms, in two tiers: {@code pipeline} (the state machine and the step and
 * compensation functions) and {@code notifications} (the notification function, its queue's age
 * against the SLO, and its dead-letter queue).
 */
final class PipelineAlarms {
  private PipelineAlarms() {}

  static void add(PipelineStack stack, FoundationStack base, Settings settings) {
    TierAlarms pipeline = new TierAlarms(stack, "pipeline", base.alarms());
    MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).build();
    pipeline.atLeast(
        "executions-failed",
        stack.stateMachine().metricFailed(fiveMinutes),
        1,
        1,
        "An order pipeline execution failed after its compensations: see the execution history");
    pipeline.atLeast(
        "executions-timed-out",
        stack.stateMachine().metricTimedOut(fiveMinutes),
        1,
        1,
        "An order pipeline execution timed out");
    for (PipelineFunction step : stack.stepFunctions()) {
      step.alarms(
          pipeline, step.functionName().substring("securecart-".length()), settings.pipeline());
    }
    TierAlarms notify = new TierAlarms(stack, "notifications", base.alarms());
    stack.notifications().alarms(notify, "function", settings.pipeline());
    notify.above(
        "queue-age",
        stack.notificationQueue().metricApproximateAgeOfOldestMessage(fiveMinutes),
        settings.alarms().queueAgeSeconds(),
        1,
        "Customer e-mails are waiting longer than the SLO: the notification function is failing"
            + " or throttled");
    notify.atLeast(
        "dlq-depth",
        stack.deadLetterQueue().metricApproximateNumberOfMessagesVisible(fiveMinutes),
        1,
        1,
        "A notification reached the dead-letter queue: inspect it, then redrive (ADR 0017)");
  }
}
