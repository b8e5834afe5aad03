package com.securecart.infra;

import software.constructs.Construct;

/**
 * The nightly analytics on AWS Batch: a managed Spot compute environment on Graviton, a job queue,
 * the job definition running {@code securecart batch nightly} from the container image (its vCPU
 * and memory the vertical scaling knob), started by EventBridge Scheduler.
 */
public final class AnalyticsStack extends SecureCartStack {
  public AnalyticsStack(
      Construct scope, String id, FoundationStack base, DataStack data, Settings settings) {
    super(scope, id, "SecureCart analytics: AWS Batch on Spot, EventBridge Scheduler");
    // PLACEHOLDER until this stack is written: an empty template is invalid.
    new software.amazon.awscdk.CfnWaitConditionHandle(this, "Placeholder");
  }
}
