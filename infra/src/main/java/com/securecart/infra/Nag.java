package com.securecart.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.PCIDSS321Checks;
import io.github.cdklabs.cdknag.ServerlessChecks;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * cdk-nag's policy packs, run by the CDK's validation at synth: any finding not acknowledged here
 * fails the synth (and writes {@code validation-report.json}). Each acknowledgement carries its
 * reason; docs/aws.md lists them all, and a test keeps that list and the code in step.
 */
public final class Nag {
  private Nag() {}

  /** AwsSolutions, PCI DSS 3.2.1 and Serverless on every stack of the app. */
  public static void packs(App app) {
    Validations.of(app)
        .addPlugins(
            new AwsSolutionsChecks(app), new PCIDSS321Checks(app), new ServerlessChecks(app));
  }

  /**
   * Accepts a finding on a construct and everything below it.
   *
   * @param rule as the report names it, e.g. {@code AwsSolutions::AwsSolutions-IAM4}
   */
  public static void ack(IConstruct scope, String rule, String reason) {
    if (reason == null || reason.length() < 20) {
      throw new IllegalArgumentException("an acknowledgement needs a real reason: " + rule);
    }
    Validations.of(scope).acknowledge(Acknowledgment.builder().id(rule).reason(reason).build());
  }
}
