package com.securecart.infra;

import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnLoadBalancer;
import software.amazon.awscdk.services.iam.Role;
import software.constructs.Construct;

/** The inspection's acknowledged cdk-nag findings, each with its reason. */
final class InspectionNag {
  private InspectionNag() {}

  static void appliances(Construct inspection, Role role, AutoScalingGroup group) {
    Nag.ack(
        role,
        WebNag.MANAGED + "AmazonSSMManagedInstanceCore]",
        "Session Manager replaces SSH and bastions; AmazonSSMManagedInstanceCore is the policy AWS"
            + " maintains for its agent.");
    Nag.ack(
        inspection.getNode().findChild("AppliancePolicy"),
        "AwsSolutions::AwsSolutions-IAM5[Resource::*]",
        "ec2:DescribeNetworkInterfaces has no resource-level permissions (the appliance reads the"
            + " Gateway Load Balancer's addresses with it), nor has cloudwatch:PutMetricData, which"
            + " a condition limits to the SecureCart/Inspection namespace.");
    Nag.ack(
        group,
        "AwsSolutions::AwsSolutions-AS3",
        "Scaling activity is in the group's activity history; the alarm topic carries alarms, not"
            + " every launch of an appliance.");
  }

  static void loadBalancer(CfnLoadBalancer gwlb) {
    for (String rule :
        new String[] {
          "AwsSolutions::AwsSolutions-ELB2", "PCI.DSS.321::PCI.DSS.321-ELBLoggingEnabled"
        }) {
      Nag.ack(
          gwlb,
          rule,
          "A Gateway Load Balancer has no access logs; the VPC's flow logs record its traffic.");
    }
  }

  static void listener(Construct listener) {
    Nag.ack(
        listener,
        "PCI.DSS.321::PCI.DSS.321-ELBv2ACMCertificateRequired",
        "A Gateway Load Balancer's listener carries GENEVE, which has no TLS or certificate; the"
            + " packets inside keep their own encryption.");
  }
}
