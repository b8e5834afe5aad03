package com.securecart.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthCheckType;
import software.amazon.awscdk.services.autoscaling.AdditionalHealthChecksOptions;
import software.amazon.awscdk.services.autoscaling.AutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.CfnAutoScalingGroup;
import software.amazon.awscdk.services.autoscaling.HealthChecks;
import software.amazon.awscdk.services.ec2.CfnGatewayRouteTableAssociation;
import software.amazon.awscdk.services.ec2.CfnRoute;
import software.amazon.awscdk.services.ec2.CfnRouteTable;
import software.amazon.awscdk.services.ec2.CfnVPCEndpoint;
import software.amazon.awscdk.services.ec2.CfnVPCEndpointService;
import software.amazon.awscdk.services.ec2.ISubnet;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpoint;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.LaunchTemplate;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.CfnTargetGroup;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * Intrusion detection for internet traffic: a Gateway Load Balancer in front of a group of
 * inspection appliances, its endpoints in the {@code edge} subnets, and ingress routing that sends
 * traffic between the internet gateway and the {@code public} subnets through them.
 *
 * <p>Both directions pass the endpoint of the public subnet's zone: the internet gateway's edge
 * route table sends each public subnet's range to it, and each public subnet's default route points
 * at it instead of the internet gateway. The {@code edge} subnets keep the gateway as their route.
 *
 * <p>Cross-zone load balancing is on, and every appliance returns GENEVE to each of the load
 * balancer's interfaces (one per zone): a zone whose appliance is being replaced, or that has none
 * (fewer appliances than zones), is served by the others instead of losing its traffic.
 */
public final class Inspection extends Construct {
  static final String NAME = "securecart-inspection";
  static final int GENEVE = 6081;
  static final int HEALTH_PORT = 80;
  static final String METRIC_NAMESPACE = "SecureCart/Inspection";

  private final CfnLoadBalancer loadBalancer;
  private final AutoScalingGroup appliances;
  private final List<CfnVPCEndpoint> endpoints = new ArrayList<>();

  public Inspection(Construct scope, String id, Vpc vpc, Settings.Inspection settings) {
    super(scope, id);
    SubnetSelection app = SubnetSelection.builder().subnetGroupName(FoundationStack.APP).build();
    loadBalancer =
        CfnLoadBalancer.Builder.create(this, "Gwlb")
            .name(NAME)
            .type("gateway")
            .subnets(vpc.selectSubnets(app).getSubnetIds())
            .loadBalancerAttributes(
                List.of(
                    attribute("deletion_protection.enabled", "true"),
                    attribute("load_balancing.cross_zone.enabled", "true")))
            .build();
    CfnTargetGroup targets =
        CfnTargetGroup.Builder.create(this, "Targets")
            .vpcId(vpc.getVpcId())
            .protocol("GENEVE")
            .port(GENEVE)
            .targetType("instance")
            .healthCheckProtocol("HTTP")
            .healthCheckPort(String.valueOf(HEALTH_PORT))
            .healthCheckPath("/")
            .healthCheckIntervalSeconds(10)
            .build();
    CfnListener listener =
        CfnListener.Builder.create(this, "Listener")
            .loadBalancerArn(loadBalancer.getRef())
            .defaultActions(
                List.of(
                    CfnListener.ActionProperty.builder()
                        .type("forward")
                        .targetGroupArn(targets.getRef())
                        .build()))
            .build();
    InspectionNag.listener(listener);
    List<ISubnet> appSubnets = vpc.selectSubnets(app).getSubnets();
    appliances = appliances(vpc, app, appSubnets, settings);
    // The appliances look up the load balancer's interfaces when they boot: create it first.
    appliances.getNode().addDependency(listener);
    // The L2 group has no method for a GENEVE target group: set its ARN on the L1.
    ((CfnAutoScalingGroup) appliances.getNode().getDefaultChild())
        .setTargetGroupArns(List.of(targets.getRef()));

    CfnVPCEndpointService service =
        CfnVPCEndpointService.Builder.create(this, "Service")
            .gatewayLoadBalancerArns(List.of(loadBalancer.getRef()))
            .acceptanceRequired(false)
            .build();
    String serviceName =
        Fn.join(
            "", List.of("com.amazonaws.vpce.", Stack.of(this).getRegion(), ".", service.getRef()));
    List<ISubnet> edge =
        vpc.selectSubnets(SubnetSelection.builder().subnetGroupName(FoundationStack.EDGE).build())
            .getSubnets();
    for (int zone = 0; zone < edge.size(); zone++) {
      endpoints.add(
          CfnVPCEndpoint.Builder.create(this, "Endpoint" + (zone + 1))
              .vpcId(vpc.getVpcId())
              .vpcEndpointType("GatewayLoadBalancer")
              .serviceName(serviceName)
              .subnetIds(List.of(edge.get(zone).getSubnetId()))
              .build());
    }
    ingressRouting(vpc);
    InspectionNag.loadBalancer(loadBalancer);
  }

  private void ingressRouting(Vpc vpc) {
    CfnRouteTable gatewayEdge =
        CfnRouteTable.Builder.create(this, "GatewayEdgeRoutes").vpcId(vpc.getVpcId()).build();
    CfnGatewayRouteTableAssociation.Builder.create(this, "GatewayEdgeAssociation")
        .gatewayId(vpc.getInternetGatewayId())
        .routeTableId(gatewayEdge.getRef())
        .build();
    List<ISubnet> publicSubnets =
        vpc.selectSubnets(SubnetSelection.builder().subnetGroupName(FoundationStack.PUBLIC).build())
            .getSubnets();
    for (int zone = 0; zone < publicSubnets.size(); zone++) {
      ISubnet subnet = publicSubnets.get(zone);
      CfnVPCEndpoint endpoint = endpoints.get(zone);
      CfnRoute.Builder.create(this, "ToPublic" + (zone + 1))
          .routeTableId(gatewayEdge.getRef())
          .destinationCidrBlock(subnet.getIpv4CidrBlock())
          .vpcEndpointId(endpoint.getRef())
          .build();
      // The CDK's default route of a public subnet names the internet gateway: send it to the
      // zone's endpoint instead, so that outbound traffic is inspected as inbound is.
      CfnRoute defaultRoute = (CfnRoute) subnet.getNode().findChild("DefaultRoute");
      defaultRoute.addDeletionOverride("Properties.GatewayId");
      defaultRoute.addPropertyOverride("VpcEndpointId", endpoint.getRef());
    }
  }

  private AutoScalingGroup appliances(
      Vpc vpc, SubnetSelection app, List<ISubnet> appSubnets, Settings.Inspection settings) {
    SecurityGroup group =
        SecurityGroup.Builder.create(this, "Appliances")
            .vpc(vpc)
            .description("Inspection appliances: GENEVE and health checks from the GWLB subnets")
            .allowAllOutbound(true)
            .build();
    // The load balancer's interfaces live in the app subnets: only their ranges may send GENEVE
    // or health checks (the interfaces' own addresses are not known at synth).
    for (String cidr : cidrs(appSubnets)) {
      group.addIngressRule(Peer.ipv4(cidr), Port.udp(GENEVE), "GENEVE from the GWLB");
      group.addIngressRule(Peer.ipv4(cidr), Port.tcp(HEALTH_PORT), "GWLB health checks");
    }
    ec2Endpoint(vpc, app);
    Role role =
        Role.Builder.create(this, "ApplianceRole")
            .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
            .description("Inspection appliances: Session Manager, the GWLB's addresses, a metric")
            .managedPolicies(
                List.of(ManagedPolicy.fromAwsManagedPolicyName("AmazonSSMManagedInstanceCore")))
            .build();
    ManagedPolicy.Builder.create(this, "AppliancePolicy")
        .description(
            "Inspection appliances: find the GWLB's addresses, report whether the IDS runs")
        .roles(List.of(role))
        .statements(
            List.of(
                PolicyStatement.Builder.create()
                    .actions(List.of("ec2:DescribeNetworkInterfaces"))
                    .resources(List.of("*"))
                    .build(),
                PolicyStatement.Builder.create()
                    .actions(List.of("cloudwatch:PutMetricData"))
                    .resources(List.of("*"))
                    .conditions(
                        Map.of("StringEquals", Map.of("cloudwatch:namespace", METRIC_NAMESPACE)))
                    .build()))
        .build();
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("SECURECART_GWLB_NAME", NAME);
    parameters.put("SECURECART_GWLB_INTERFACES", String.valueOf(appSubnets.size()));
    parameters.put("SECURECART_HEALTH_PORT", String.valueOf(HEALTH_PORT));
    parameters.put("SECURECART_AWS_REGION", Stack.of(this).getRegion());
    LaunchTemplate template =
        LaunchTemplate.Builder.create(this, "Template")
            .machineImage(WebTier.arm64Linux())
            .instanceType(new InstanceType(settings.instanceType()))
            .role(role)
            .securityGroup(group)
            .userData(NodeScript.render("inspection-node.sh", parameters))
            .requireImdsv2(true)
            .httpPutResponseHopLimit(1)
            .detailedMonitoring(true)
            .blockDevices(List.of(WebTier.encryptedRoot(16)))
            .build();
    AutoScalingGroup asg =
        AutoScalingGroup.Builder.create(this, "Group")
            .vpc(vpc)
            .vpcSubnets(app)
            .launchTemplate(template)
            .minCapacity(settings.min())
            .maxCapacity(settings.max())
            .cooldown(Duration.minutes(5))
            .healthChecks(
                HealthChecks.withAdditionalChecks(
                    AdditionalHealthChecksOptions.builder()
                        .additionalTypes(List.of(AdditionalHealthCheckType.ELB))
                        .gracePeriod(Duration.minutes(5))
                        .build()))
            .build();
    InspectionNag.appliances(this, role, asg);
    return asg;
  }

  /**
   * The EC2 API inside the VPC. The appliances look up the load balancer's interfaces before they
   * forward anything; through NAT that call would pass the inspection endpoints, i.e. appliances
   * that are not forwarding yet. Open to the VPC, as the other endpoints are: private DNS sends
   * every instance's EC2 calls here.
   */
  private void ec2Endpoint(Vpc vpc, SubnetSelection app) {
    SecurityGroup group =
        SecurityGroup.Builder.create(this, "Ec2ApiEndpoint")
            .vpc(vpc)
            .description("EC2 API interface endpoint: HTTPS from inside the VPC")
            .allowAllOutbound(false)
            .build();
    group.addIngressRule(Peer.ipv4(FoundationStack.CIDR), Port.tcp(443), "EC2 API from the VPC");
    InterfaceVpcEndpoint.Builder.create(this, "Ec2Api")
        .vpc(vpc)
        .service(InterfaceVpcEndpointAwsService.EC2)
        .privateDnsEnabled(true)
        .securityGroups(List.of(group))
        .open(false)
        .subnets(app)
        .build();
  }

  static List<String> cidrs(Collection<ISubnet> subnets) {
    return subnets.stream().map(ISubnet::getIpv4CidrBlock).toList();
  }

  private static CfnLoadBalancer.LoadBalancerAttributeProperty attribute(String key, String value) {
    return CfnLoadBalancer.LoadBalancerAttributeProperty.builder().key(key).value(value).build();
  }

  public CfnLoadBalancer loadBalancer() {
    return loadBalancer;
  }

  public AutoScalingGroup appliances() {
    return appliances;
  }

  public List<CfnVPCEndpoint> endpoints() {
    return endpoints;
  }
}
