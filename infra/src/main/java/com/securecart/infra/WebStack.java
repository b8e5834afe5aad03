package com.securecart.infra;

import java.util.List;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.constructs.Construct;

/**
 * The EC2 tiers behind the public Application Load Balancer (HTTPS, WAF): the storefront and API
 * group (M-series Graviton, target tracking and predictive scaling), the checkout group (C-series,
 * scheduled actions from announced sales, a warm pool), the admin group (T4g, its own host name
 * behind an IP allow list); and the Network Load Balancer in front of the live stock and
 * order-status streams.
 *
 * <p>STUB FOR THE SERVICES HELPER: only a public ALB with an HTTPS listener (fixed 404 by default)
 * and the three accessors the ServicesStack uses. The real WebStack replaces this file and keeps
 * {@link #httpsListener()}, {@link #albSecurityGroup()} and {@link #loadBalancer()}.
 */
public final class WebStack extends SecureCartStack {
  private final ApplicationLoadBalancer loadBalancer;
  private final ApplicationListener httpsListener;

  public WebStack(
      Construct scope,
      String id,
      FoundationStack base,
      DataStack data,
      PipelineStack pipeline,
      Settings settings) {
    super(scope, id, "SecureCart web: ALB, WAF, NLB, EC2 Auto Scaling groups");
    CfnParameter certificate =
        CfnParameter.Builder.create(this, "CertificateArn")
            .type("String")
            .description("stub: the ALB's ACM certificate")
            .build();
    loadBalancer =
        ApplicationLoadBalancer.Builder.create(this, "Alb")
            .vpc(base.vpc())
            .internetFacing(true)
            .vpcSubnets(base.subnets(FoundationStack.PUBLIC))
            .dropInvalidHeaderFields(true)
            .build();
    httpsListener =
        loadBalancer.addListener(
            "Https",
            BaseApplicationListenerProps.builder()
                .port(443)
                .protocol(ApplicationProtocol.HTTPS)
                .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                .certificates(List.of(ListenerCertificate.fromArn(certificate.getValueAsString())))
                .defaultAction(
                    ListenerAction.fixedResponse(
                        404,
                        FixedResponseOptions.builder()
                            .contentType("text/plain")
                            .messageBody("not found")
                            .build()))
                .build());
    // stub: the real WebStack has access logs, the web ACL and its own findings handled.
    for (String rule :
        List.of(
            "AwsSolutions::AwsSolutions-ELB2",
            "AwsSolutions::AwsSolutions-EC23",
            "PCI.DSS.321::PCI.DSS.321-ELBLoggingEnabled",
            "PCI.DSS.321::PCI.DSS.321-ALBWAFEnabled",
            "PCI.DSS.321::PCI.DSS.321-EC2RestrictedCommonPorts",
            "PCI.DSS.321::PCI.DSS.321-EC2RestrictedSSH",
            "PCI.DSS.321::PCI.DSS.321-ELBv2ACMCertificateRequired",
            "PCI.DSS.321::PCI.DSS.321-ELBDeletionProtectionEnabled")) {
      Nag.ack(this, rule, "stub for the services helper; the real WebStack replaces it");
    }
  }

  /** The HTTPS listener; other stacks add their path rules to it. */
  public ApplicationListener httpsListener() {
    return httpsListener;
  }

  /** The ALB's security group: targets allow their port from it. */
  public ISecurityGroup albSecurityGroup() {
    return loadBalancer.getConnections().getSecurityGroups().get(0);
  }

  public ApplicationLoadBalancer loadBalancer() {
    return loadBalancer;
  }
}
