package com.securecart.infra;

import java.util.List;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.IAspect;
import software.constructs.IConstruct;

/**
 * Puts every Lambda function of a stack on arm64, including the ones the CDK writes for its own
 * custom resources (Node.js handlers that run on either architecture but default to x86_64).
 * SecureCart's own functions say arm64 themselves; this catches the rest, so that the seed's
 * Graviton practice holds for every function the app deploys (a cfn-guard rule checks it).
 */
final class Arm64Functions implements IAspect {
  @Override
  public void visit(IConstruct node) {
    if (node instanceof CfnResource resource
        && "AWS::Lambda::Function".equals(resource.getCfnResourceType())) {
      resource.addPropertyOverride("Architectures", List.of("arm64"));
    }
  }
}
