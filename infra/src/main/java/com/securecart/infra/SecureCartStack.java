package com.securecart.infra;

import java.util.List;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.TagProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * The base of every SecureCart stack: environment-agnostic (no account, no region, no lookups), so
 * that a fresh clone synthesizes without credentials, yet over three availability zones. An
 * agnostic stack gets two from the CDK; three are chosen here with {@code Fn::GetAZs} at deploy
 * time, which every commercial region can satisfy.
 *
 * <p>Cross-stack references are CloudFormation exports (cdk.json sets {@code
 * defaultCrossStackReferences} to {@code strong}): the CDK's newer weak references use {@code
 * Fn::GetStackOutput}, which cfn-lint 1.51 cannot check, and exports make CloudFormation refuse to
 * delete what another stack still uses.
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
    // Not where cfn-lint's schema (1.51) does not know Tags yet.
    TagProps tagging =
        TagProps.builder()
            .excludeResourceTypes(
                List.of(
                    "AWS::ApplicationAutoScaling::ScalableTarget",
                    "AWS::ElasticLoadBalancingV2::Listener",
                    "AWS::ElasticLoadBalancingV2::ListenerRule"))
            .build();
    Tags.of(this).add("application", "securecart", tagging);
    Tags.of(this).add("stack", id, tagging);
    Aspects.of(this).add(new Arm64Functions());
  }

  @Override
  public List<String> getAvailabilityZones() {
    return List.of(Fn.select(0, Fn.getAzs()), Fn.select(1, Fn.getAzs()), Fn.select(2, Fn.getAzs()));
  }
}
