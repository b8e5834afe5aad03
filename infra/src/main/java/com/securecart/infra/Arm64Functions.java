package com.securecart.infra;

import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.IAspect;
import software.constructs.IConstruct;

/**
 * Puts every Lambda function of a stack on arm64, including the ones the CDK writes for its own
 * custom resources (Node.js handlers that run on either architecture but default to x86_64).
 * SecureCart's own functions say arm64 themselves; this catches the rest, so that the seed's
 * Graviton practice holds for every function the app deploys (a cfn-guard rule checks it), but one
 * that says in its metadata why it cannot ({@link #EXEMPT}).
 */
final class Arm64Functions implements IAspect {
  /**
   * The template metadata key of a function that must keep its architecture, with the reason as its
   * value (the EKS kubectl handler runs x86_64 binaries); the cfn-guard rule reads it too.
   */
  static final String EXEMPT = "SecureCartArchitecture";

  @Override
  public void visit(IConstruct node) {
    if (node instanceof CfnResource resource
        && "AWS::Lambda::Function".equals(resource.getCfnResourceType())
        && resource.getMetadata(EXEMPT) == null) {
      resource.addPropertyOverride("Architectures", List.of("arm64"));
    }
  }
}
