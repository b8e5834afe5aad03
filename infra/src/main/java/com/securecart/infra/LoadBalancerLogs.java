package com.securecart.infra;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseLoadBalancer;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.IBucket;

/** Load balancer access logs into the foundation's bucket. */
final class LoadBalancerLogs {
  private LoadBalancerLogs() {}

  /**
   * Access logs into the foundation's bucket under {@code prefix}. The CDK's logAccessLogs needs a
   * concrete region (it looks up the region's ELB account); these stacks are region-agnostic, so
   * the attributes are set here and the bucket trusts the log delivery service principals (ALB:
   * logdelivery.elasticloadbalancing, NLB: delivery.logs). AWS documents the ALB principal for
   * regions opened from August 2022; older regions may still need the region's ELB account as the
   * principal, which only a deployment can confirm (named in docs/aws.md as unverified here).
   */
  static void enable(BaseLoadBalancer lb, IBucket bucket, String prefix) {
    lb.setAttribute("access_logs.s3.enabled", "true");
    lb.setAttribute("access_logs.s3.bucket", bucket.getBucketName());
    lb.setAttribute("access_logs.s3.prefix", prefix);
    String objects = bucket.arnForObjects(prefix + "/AWSLogs/" + Stack.of(lb).getAccount() + "/*");
    boolean application = lb instanceof ApplicationLoadBalancer;
    String service =
        application
            ? "logdelivery.elasticloadbalancing.amazonaws.com"
            : "delivery.logs.amazonaws.com";
    bucket.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .principals(List.of(new ServicePrincipal(service)))
            .actions(List.of("s3:PutObject"))
            .resources(List.of(objects))
            .conditions(thisAccount(lb))
            .build());
    if (!application) {
      bucket.addToResourcePolicy(
          PolicyStatement.Builder.create()
              .principals(List.of(new ServicePrincipal(service)))
              .actions(List.of("s3:GetBucketAcl"))
              .resources(List.of(bucket.getBucketArn()))
              .conditions(thisAccount(lb))
              .build());
    }
    lb.getNode().addDependency(bucket);
  }

  /** Log delivery on behalf of this account's load balancers only (no confused deputy). */
  private static java.util.Map<String, Object> thisAccount(software.constructs.IConstruct scope) {
    return java.util.Map.of(
        "StringEquals",
        java.util.Map.of("aws:SourceAccount", software.amazon.awscdk.Stack.of(scope).getAccount()));
  }
}
