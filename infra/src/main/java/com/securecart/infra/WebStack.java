package com.securecart.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListenerRule;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseNetworkListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.IListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCondition;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.NetworkTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.Protocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.shield.CfnProtection;
import software.constructs.Construct;

/**
 * The EC2 tiers behind the public Application Load Balancer (HTTPS, WAF): the storefront and API
 * group (M-series Graviton, target tracking and predictive scaling), the checkout group (C-series,
 * scheduled actions from announced sales, a warm pool), the admin group (T4g, its own host name
 * behind an IP allow list); and the Network Load Balancer in front of the live stock and
 * order-status streams. Listener rule priorities 1-99 and 200+ are this stack's; the services stack
 * adds its own in 100-199.
 */
public final class WebStack extends SecureCartStack {
  /** Staff only (the server's StaffOnly filter): served on the admin host name alone. */
  static final List<String> ADMIN_PATHS =
      List.of("/admin", "/admin/*", "/api/admin", "/api/admin/*");

  static final SslPolicy TLS = SslPolicy.RECOMMENDED_TLS;

  private final ApplicationLoadBalancer alb;
  private final SecurityGroup albSecurityGroup;
  private final ApplicationListener https;
  private final NetworkLoadBalancer nlb;
  private final WebTier web;
  private final WebTier checkout;
  private final WebTier admin;
  private NetworkTargetGroup streamTargets;

  public WebStack(
      Construct scope,
      String id,
      FoundationStack base,
      DataStack data,
      PipelineStack pipeline,
      String recommendationsUrl,
      Settings settings) {
    super(scope, id, "SecureCart web: ALB, WAF, NLB, EC2 Auto Scaling groups");
    var vpc = base.vpc();
    IListenerCertificate certificate = ListenerCertificate.fromArn(certificateArn(settings));

    albSecurityGroup = publicGroup(vpc, "AlbSecurityGroup", "Public ALB: HTTPS and the redirect");
    albSecurityGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP, redirected to HTTPS");
    alb =
        ApplicationLoadBalancer.Builder.create(this, "Alb")
            .vpc(vpc)
            .internetFacing(true)
            .vpcSubnets(base.subnets(FoundationStack.PUBLIC))
            .securityGroup(albSecurityGroup)
            .dropInvalidHeaderFields(true)
            .deletionProtection(true)
            .build();
    LoadBalancerLogs.enable(alb, base.accessLogs(), "alb");
    alb.addRedirect(); // 80 -> 443, permanent
    https =
        alb.addListener(
            "Https",
            BaseApplicationListenerProps.builder()
                .port(443)
                .protocol(ApplicationProtocol.HTTPS)
                .certificates(List.of(certificate))
                .sslPolicy(TLS)
                .open(false)
                .defaultAction(
                    ListenerAction.fixedResponse(
                        404,
                        software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions
                            .builder()
                            .contentType("text/plain")
                            .messageBody("not found")
                            .build()))
                .build());

    SecurityGroup nlbSecurityGroup =
        publicGroup(vpc, "NlbSecurityGroup", "Public NLB: event streams");
    nlb =
        NetworkLoadBalancer.Builder.create(this, "Nlb")
            .vpc(vpc)
            .internetFacing(true)
            .vpcSubnets(base.subnets(FoundationStack.PUBLIC))
            .securityGroups(List.of(nlbSecurityGroup))
            .crossZoneEnabled(true)
            .deletionProtection(true)
            .build();
    LoadBalancerLogs.enable(nlb, base.accessLogs(), "nlb");

    SecurityGroup instances =
        SecurityGroup.Builder.create(this, "Instances")
            .vpc(vpc)
            .description("SecureCart EC2 tiers: 8080 from the load balancers only")
            .allowAllOutbound(true)
            .build();
    instances.addIngressRule(albSecurityGroup, Port.tcp(WebTier.PORT), "from the ALB");
    instances.addIngressRule(nlbSecurityGroup, Port.tcp(WebTier.PORT), "from the NLB");
    albSecurityGroup.addEgressRule(instances, Port.tcp(WebTier.PORT), "to the EC2 tiers");
    nlbSecurityGroup.addEgressRule(instances, Port.tcp(WebTier.PORT), "to the web group");
    List<ISecurityGroup> groups = List.of(instances, data.clients());

    NodeRole node = new NodeRole(this, "Node", base, data, settings);
    Role role = node.role();
    Map<String, String> common = node.parameters();
    // Only the web group runs the workers, whose outbox relay hands orders to the state machine and
    // e-mails to the queue (ADR 16, 17): its role alone may do that.
    Role relayRole = new NodeRole(this, "WebNode", base, data, settings).role();
    ManagedPolicy.Builder.create(this, "PipelineAccess")
        .description("SecureCart web group: the outbox relay hands orders and e-mails over")
        .roles(List.of(relayRole))
        .statements(pipeline.startStatements())
        .build();
    common.putAll(pipeline.relayEnvironment());
    // The recommendations service on EKS (its internal ALB); the server falls back to popularity
    // when it is slow or down.
    common.put("SECURECART_RECOMMENDATIONS_URL", recommendationsUrl);

    Scaling webScaling = Scaling.web(settings, Scaling.synthTime(this));
    Scaling checkoutScaling = Scaling.checkout(settings, Scaling.synthTime(this));
    web =
        tier(
            "Web",
            settings.web().instanceType(),
            webScaling.spot(),
            settings.web().min(),
            settings.web().max(),
            "api,workers",
            base,
            groups,
            relayRole,
            common);
    checkout =
        tier(
            "Checkout",
            settings.checkout().instanceType(),
            checkoutScaling.spot(),
            settings.checkout().min(),
            settings.checkout().max(),
            "api",
            base,
            groups,
            role,
            common);
    admin =
        tier(
            "Admin",
            settings.admin().instanceType(),
            null,
            1,
            1,
            "api",
            base,
            groups,
            role,
            common);

    // Routing: checkout first, then the admin host, then everything else to the web group.
    rule(
        "CheckoutRule",
        10,
        checkout,
        ListenerCondition.pathPatterns(List.of("/api/checkout*", "/checkout*")));
    rule(
        "AdminRule",
        20,
        admin,
        ListenerCondition.hostHeaders(List.of(settings.admin().hostName())));
    // The staff pages and the staff API on any other host name are not served, so the WAF allow
    // list on the admin host cannot be bypassed through the public one.
    ApplicationListenerRule.Builder.create(this, "AdminElsewhere")
        .listener(https)
        .priority(30)
        .conditions(List.of(ListenerCondition.pathPatterns(ADMIN_PATHS)))
        .action(
            ListenerAction.fixedResponse(
                404,
                software.amazon.awscdk.services.elasticloadbalancingv2.FixedResponseOptions
                    .builder()
                    .contentType("text/plain")
                    .messageBody("not found")
                    .build()))
        .build();
    rule("WebRule", 1000, web, ListenerCondition.pathPatterns(List.of("/*")));

    ScalingPolicies.ec2(web, alb, settings.web().requestsPerTarget(), webScaling);
    ScalingPolicies.ec2(checkout, alb, settings.checkout().requestsPerTarget(), checkoutScaling);
    streams(base, certificate);

    WebAcl acl = new WebAcl(this, "Waf", settings, base.key());
    acl.associate("AlbAcl", alb.getLoadBalancerArn());
    if (settings.edge().shieldAdvanced()) {
      CfnProtection.Builder.create(this, "ShieldAlb")
          .name("securecart-alb")
          .resourceArn(alb.getLoadBalancerArn())
          .build();
      CfnProtection.Builder.create(this, "ShieldNlb")
          .name("securecart-nlb")
          .resourceArn(nlb.getLoadBalancerArn())
          .build();
    }
    new WebAlarms(this, "Alarms", base, settings, this);
    WebNag.loadBalancers(alb, albSecurityGroup, nlbSecurityGroup);
  }

  /**
   * The live stock and order-status streams (server-sent events, long-lived): TLS on the NLB, plain
   * TCP to the web group's 8080, whose api role serves them.
   */
  private void streams(FoundationStack base, IListenerCertificate certificate) {
    NetworkTargetGroup targets =
        NetworkTargetGroup.Builder.create(this, "StreamTargets")
            .vpc(base.vpc())
            .port(WebTier.PORT)
            .protocol(Protocol.TCP)
            .targetType(TargetType.INSTANCE)
            .deregistrationDelay(Duration.seconds(30))
            .healthCheck(
                software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
                    .protocol(Protocol.HTTP)
                    .path(WebTier.HEALTH)
                    .port(String.valueOf(WebTier.PORT))
                    .build())
            .build();
    web.group().attachToNetworkTargetGroup(targets);
    nlb.addListener(
        "Tls",
        BaseNetworkListenerProps.builder()
            .port(443)
            .protocol(Protocol.TLS)
            .certificates(List.of(certificate))
            .sslPolicy(TLS)
            .defaultTargetGroups(List.of(targets))
            .build());
    this.streamTargets = targets;
  }

  private SecurityGroup publicGroup(
      software.amazon.awscdk.services.ec2.IVpc vpc, String id, String description) {
    SecurityGroup group =
        SecurityGroup.Builder.create(this, id)
            .vpc(vpc)
            .description(description)
            // Out only to targets: the rules to this stack's instances are below; the services
            // stack's target wiring adds its own.
            .allowAllOutbound(false)
            .build();
    group.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from the internet");
    return group;
  }

  /** Blank in the settings: a stack parameter, filled at deploy time. */
  private String certificateArn(Settings settings) {
    if (!settings.edge().certificateArn().isBlank()) {
      return settings.edge().certificateArn();
    }
    return CfnParameter.Builder.create(this, "CertificateArn")
        .type("String")
        .description("ACM certificate ARN for " + settings.edge().domainName())
        .allowedPattern("arn:aws[a-z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+")
        .build()
        .getValueAsString();
  }

  private WebTier tier(
      String id,
      String type,
      Plan.Spot spot,
      int min,
      int max,
      String roles,
      FoundationStack base,
      List<ISecurityGroup> groups,
      Role role,
      Map<String, String> common) {
    Map<String, String> parameters = new LinkedHashMap<>(common);
    parameters.put("SECURECART_ROLES", roles);
    WebTier tier =
        new WebTier(
            this,
            id,
            new WebTier.Spec(
                type,
                spot,
                min,
                max,
                base.vpc(),
                base.subnets(FoundationStack.APP),
                groups,
                role,
                NodeScript.render("securecart-node.sh", parameters)));
    WebNag.group(tier);
    if (spot != null) {
      WebNag.mixedInstances(tier);
    }
    return tier;
  }

  private void rule(String id, int priority, WebTier tier, ListenerCondition condition) {
    ApplicationListenerRule.Builder.create(this, id)
        .listener(https)
        .priority(priority)
        .conditions(List.of(condition))
        .action(ListenerAction.forward(List.of(tier.targets())))
        .build();
  }

  /** The HTTPS listener; the services stack adds its rules (priorities 100-199) to it. */
  public ApplicationListener httpsListener() {
    return https;
  }

  public SecurityGroup albSecurityGroup() {
    return albSecurityGroup;
  }

  public ApplicationLoadBalancer loadBalancer() {
    return alb;
  }

  public NetworkLoadBalancer streamsLoadBalancer() {
    return nlb;
  }

  NetworkTargetGroup streamTargets() {
    return streamTargets;
  }

  public WebTier web() {
    return web;
  }

  public WebTier checkout() {
    return checkout;
  }

  public WebTier admin() {
    return admin;
  }
}
