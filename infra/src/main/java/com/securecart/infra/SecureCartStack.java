package com.securecart.infra;

import java.util.List;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * The base of every SecureCart stack: environment-agnostic (no account, no region, no lookups), so
 * that a fresh clone synthesizes without credentials, yet over three availability zones. An
 * agnostic stack gets two from the CDK; three are chosen here with {@code Fn::GetAZs} at deploy
 * time, which every commercial region can satisfy.
 */
public abstract class SecureCartStack extends Stack {
  static final int ZONES = 3;

  protected SecureCartStack(Construct scope, String id, String description) {
    super(
        scope,
        id,
        StackProps.builder()
            .description(description)
            .terminationProtection(true)
            .crossRegionReferences(false)
            .build());
    Tags.of(this).add("application", "securecart");
    Tags.of(this).add("stack", id);
  }

  @Override
  public List<String> getAvailabilityZones() {
    return List.of(Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs()), Fn.select(2, Fn.getAzs()));
  }
}
