package com.securecart.infra;

import software.constructs.Construct;

/**
 * The catalog, search and cart roles as ECS services on Fargate (ARM64), path-routed from the
 * public ALB, scaled on requests and CPU, part of the capacity on Fargate Spot.
 */
public final class ServicesStack extends SecureCartStack {
  public ServicesStack(
      Construct scope,
      String id,
      FoundationStack base,
      DataStack data,
      WebStack web,
      Settings settings) {
    super(scope, id, "SecureCart services: catalog, search and cart on ECS Fargate");
    // PLACEHOLDER until this stack is written: an empty template is invalid.
    new software.amazon.awscdk.CfnWaitConditionHandle(this, "Placeholder");
  }
}
