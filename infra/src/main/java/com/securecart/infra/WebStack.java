package com.securecart.infra;

import software.constructs.Construct;

/**
 * The EC2 tiers behind the public Application Load Balancer (HTTPS, WAF): the storefront and API
 * group (M-series Graviton, target tracking and predictive scaling), the checkout group (C-series,
 * scheduled actions from announced sales, a warm pool), the admin group (T4g, its own host name
 * behind an IP allow list); and the Network Load Balancer in front of the live stock and
 * order-status streams.
 */
public final class WebStack extends SecureCartStack {
  public WebStack(
      Construct scope,
      String id,
      FoundationStack base,
      DataStack data,
      PipelineStack pipeline,
      Settings settings) {
    super(scope, id, "SecureCart web: ALB, WAF, NLB, EC2 Auto Scaling groups");
    // PLACEHOLDER until this stack is written: an empty template is invalid.
    new software.amazon.awscdk.CfnWaitConditionHandle(this, "Placeholder");
  }
}
