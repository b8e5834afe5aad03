package com.securecart.infra;

import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;

/**
 * The web stack's acknowledged cdk-nag findings, each on the narrowest construct with its reason
 * (docs/aws.md lists them).
 */
final class WebNag {
  static final String MANAGED =
      "AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/";

  private WebNag() {}

  static void instanceRole(Role role) {
    Nag.ack(
        role,
        MANAGED + "AmazonSSMManagedInstanceCore]",
        "Session Manager replaces SSH and bastions; AmazonSSMManagedInstanceCore is the policy AWS"
            + " maintains for its agent, and it changes with the agent's needs.");
    Nag.ack(
        role,
        MANAGED + "CloudWatchAgentServerPolicy]",
        "The CloudWatch agent publishes mem_used_percent (alarms, Compute Optimizer) and logs;"
            + " CloudWatchAgentServerPolicy is the policy AWS maintains for the agent.");
  }

  static void instancePolicy(ManagedPolicy policy) {
    Nag.ack(
        policy,
        "AwsSolutions::AwsSolutions-IAM5[Resource::*]",
        "On * only what has no resource-level permissions or a name known at synth: the X-Ray"
            + " actions the CloudWatch agent forwards traces with, Auto Scaling's"
            + " DescribeAutoScalingInstances, and CompleteLifecycleAction limited by condition to"
            + " groups tagged application=securecart (a group's ARN holds an id CloudFormation"
            + " assigns). The bundle, secrets and key are named.");
  }

  static void group(WebTier tier) {
    Nag.ack(
        tier.group(),
        "AwsSolutions::AwsSolutions-AS3",
        "Scaling activity is in the group's activity history and metrics; the alarm topic carries"
            + " alarms (CPU, memory, p99, unhealthy hosts), not every launch and termination.");
  }

  /**
   * Only a group with Spot (a plan's {@code spot}): the rule cannot follow a launch template
   * through a mixed instances policy and throws instead of checking.
   */
  static void mixedInstances(WebTier tier) {
    Nag.ack(
        tier.group(),
        "AwsSolutions::AwsSolutions-EC26",
        "The rule cannot read the launch template through the mixed instances policy; that"
            + " template's only volume is the encrypted gp3 root (WebTier.encryptedRoot).");
  }

  static void loadBalancers(
      ApplicationLoadBalancer alb, SecurityGroup albGroup, SecurityGroup nlb) {
    Nag.ack(
        albGroup,
        "AwsSolutions::AwsSolutions-EC23",
        "The storefront is public: 443 (and 80, redirected to 443) from anywhere, behind WAF.");
    Nag.ack(
        nlb,
        "AwsSolutions::AwsSolutions-EC23",
        "The live stock and order-status streams are public: TLS on 443 from anywhere.");
    Nag.ack(
        alb.getNode().findChild("Redirect80To443"),
        "PCI.DSS.321::PCI.DSS.321-ELBv2ACMCertificateRequired",
        "Port 80 only answers a permanent redirect to HTTPS on 443; it forwards nothing.");
  }
}
