package com.securecart.infra;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.eks_v2.HelmChart;
import software.amazon.awscdk.services.eks_v2.HelmChartOptions;
import software.amazon.awscdk.services.eks_v2.KubernetesManifest;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * How the EC2 storefront tiers reach the recommendations pods: an internal ALB in the app subnets
 * whose target group the AWS Load Balancer Controller fills with the pods of the manifests' {@code
 * securecart-recommendations} Service (a TargetGroupBinding), so that the pods stay addressed by
 * Kubernetes and the tiers by one stable name ({@link #url()}, SECURECART_RECOMMENDATIONS_URL).
 * HTTP inside the VPC: nothing on this path leaves it, and no certificate covers an internal name.
 */
public final class RecommendationsEndpoint extends Construct {
  static final String SERVICE = "securecart-recommendations";
  static final String CONTROLLER_ACCOUNT = "aws-load-balancer-controller";

  private final ApplicationLoadBalancer alb;
  private final ApplicationTargetGroup targets;
  private final ManagedPolicy controllerPolicy;
  private final KubernetesManifest binding;

  public RecommendationsEndpoint(
      Construct scope,
      String id,
      Cluster cluster,
      FoundationStack base,
      Karpenter karpenter,
      Manifests manifests,
      Settings.Eks eks) {
    super(scope, id);
    SecurityGroup group =
        SecurityGroup.Builder.create(this, "Group")
            .vpc(base.vpc())
            .description("SecureCart internal ALB: recommendations from inside the VPC")
            .allowAllOutbound(false)
            .build();
    group.addIngressRule(Peer.ipv4(FoundationStack.CIDR), Port.tcp(80), "the VPC's tiers");
    // The pods run on Karpenter's nodes and take their addresses from them (the VPC CNI).
    group.addEgressRule(karpenter.nodes(), Port.tcp(FargateTier.PORT), "to the pods");
    karpenter.nodes().addIngressRule(group, Port.tcp(FargateTier.PORT), "the internal ALB");
    alb =
        ApplicationLoadBalancer.Builder.create(this, "Alb")
            .vpc(base.vpc())
            .internetFacing(false)
            .vpcSubnets(base.subnets(FoundationStack.APP))
            .securityGroup(group)
            .deletionProtection(true)
            .dropInvalidHeaderFields(true)
            .build();
    LoadBalancerLogs.enable(alb, base.accessLogs(), "recommendations");
    targets = FargateTier.ipTargets(this, "Targets", base.vpc());
    ApplicationListener listener =
        alb.addListener(
            "Http",
            software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps
                .builder()
                .port(80)
                .protocol(ApplicationProtocol.HTTP)
                .open(false)
                .defaultAction(ListenerAction.forward(List.of(targets)))
                .build());

    PodIdentity controller =
        new PodIdentity(
            this,
            "Controller",
            cluster.getClusterName(),
            Karpenter.NAMESPACE,
            CONTROLLER_ACCOUNT,
            "the AWS Load Balancer Controller (TargetGroupBinding only)");
    controllerPolicy =
        ManagedPolicy.Builder.create(this, "ControllerPolicy")
            .description("SecureCart EKS: the load balancer controller fills one target group")
            .roles(List.of(controller.role()))
            .statements(
                List.of(
                    PolicyStatement.Builder.create()
                        .actions(
                            List.of(
                                "elasticloadbalancing:RegisterTargets",
                                "elasticloadbalancing:DeregisterTargets"))
                        .resources(List.of(targets.getTargetGroupArn()))
                        .build(),
                    PolicyStatement.Builder.create()
                        .actions(
                            List.of(
                                "elasticloadbalancing:DescribeTargetGroups",
                                "elasticloadbalancing:DescribeTargetGroupAttributes",
                                "elasticloadbalancing:DescribeTargetHealth",
                                "elasticloadbalancing:DescribeLoadBalancers",
                                "elasticloadbalancing:DescribeListeners",
                                "elasticloadbalancing:DescribeTags",
                                "ec2:DescribeInstances",
                                "ec2:DescribeNetworkInterfaces",
                                "ec2:DescribeSecurityGroups",
                                "ec2:DescribeSubnets",
                                "ec2:DescribeVpcs",
                                "ec2:DescribeAvailabilityZones"))
                        .resources(List.of("*"))
                        .build()))
            .build();
    HelmChart chart =
        cluster.addHelmChart(
            "LoadBalancerController",
            HelmChartOptions.builder()
                .chart("aws-load-balancer-controller")
                .release("aws-load-balancer-controller")
                .repository("https://aws.github.io/eks-charts")
                .version(eks.charts().awsLoadBalancerController())
                .namespace(Karpenter.NAMESPACE)
                .wait(true)
                .timeout(Duration.minutes(10))
                .values(
                    Map.of(
                        "clusterName",
                        EksStack.CLUSTER_NAME,
                        "region",
                        Stack.of(this).getRegion(),
                        "vpcId",
                        base.vpc().getVpcId(),
                        "serviceAccount",
                        Map.of("name", CONTROLLER_ACCOUNT),
                        "nodeSelector",
                        Map.of(EksStack.SYSTEM_LABEL, "system"),
                        // Only TargetGroupBinding: no Service of type LoadBalancer becomes an NLB.
                        "enableServiceMutatorWebhook",
                        false))
                .build());
    chart.getNode().addDependency(controller.association());
    binding =
        cluster.addManifest(
            "RecommendationsBinding",
            Map.of(
                "apiVersion",
                "elbv2.k8s.aws/v1beta1",
                "kind",
                "TargetGroupBinding",
                "metadata",
                Map.of("name", SERVICE, "namespace", "securecart"),
                "spec",
                Map.of(
                    "serviceRef",
                    Map.of("name", SERVICE, "port", servicePort(manifests)),
                    "targetGroupARN",
                    targets.getTargetGroupArn(),
                    "targetType",
                    "ip")));
    binding.getNode().addDependency(chart, listener);
  }

  /** The recommendations Service's port in the manifests; there must be such a Service. */
  private static int servicePort(Manifests manifests) {
    JsonNode service = manifests.find("Service", SERVICE);
    if (service == null) {
      throw new IllegalArgumentException("eks.manifests: no Service " + SERVICE);
    }
    return service.path("spec").path("ports").path(0).path("port").asInt();
  }

  /** SECURECART_RECOMMENDATIONS_URL for the EC2 tiers. */
  public String url() {
    return "http://" + alb.getLoadBalancerDnsName() + "/";
  }

  public ApplicationLoadBalancer alb() {
    return alb;
  }

  public ApplicationTargetGroup targets() {
    return targets;
  }

  public ManagedPolicy controllerPolicy() {
    return controllerPolicy;
  }

  public KubernetesManifest binding() {
    return binding;
  }
}
