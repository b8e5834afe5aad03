package com.securecart.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.eks_v2.CfnAccessEntry;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.eks_v2.HelmChart;
import software.amazon.awscdk.services.eks_v2.HelmChartOptions;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * Karpenter on the cluster: the role its nodes run with (joined to the cluster by an EC2_LINUX
 * access entry), their security group, the discovery tags its EC2NodeClasses select subnets and
 * groups by (the app subnets; the nodes' group and the database clients' group), the interruption
 * queue that EventBridge feeds with Spot interruptions, rebalance recommendations, scheduled health
 * events and instance state changes (so it drains a node before EC2 takes it), its controller's
 * role through Pod Identity, and the Helm chart, pinned.
 */
public final class Karpenter extends Construct {
  /** The chart's ServiceAccount, and where it runs. */
  static final String NAMESPACE = "kube-system";

  static final String SERVICE_ACCOUNT = "karpenter";

  private final Role nodeRole;
  private final Queue interruptions;
  private final PodIdentity controller;
  private final HelmChart chart;
  private final SecurityGroup nodes;
  private final CfnSecurityGroupIngress fromNodes;
  private final ManagedPolicy controllerPolicy;
  private final List<Rule> rules = new java.util.ArrayList<>();

  public Karpenter(
      Construct scope,
      String id,
      Cluster cluster,
      FoundationStack base,
      DataStack data,
      Settings.Eks eks) {
    super(scope, id);
    String name = EksStack.CLUSTER_NAME;
    nodeRole =
        Role.Builder.create(this, "NodeRole")
            .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
            .description("SecureCart EKS: nodes that Karpenter launches")
            .managedPolicies(
                List.of(
                    ManagedPolicy.fromAwsManagedPolicyName("AmazonEKSWorkerNodePolicy"),
                    ManagedPolicy.fromAwsManagedPolicyName("AmazonEKS_CNI_Policy"),
                    ManagedPolicy.fromAwsManagedPolicyName("AmazonEC2ContainerRegistryPullOnly"),
                    ManagedPolicy.fromAwsManagedPolicyName("AmazonSSMManagedInstanceCore")))
            .build();
    CfnAccessEntry.Builder.create(this, "NodeAccess")
        .clusterName(cluster.getClusterName())
        .principalArn(nodeRole.getRoleArn())
        .type("EC2_LINUX")
        .build();

    // Karpenter's nodes: their own group, open to and from the cluster's (control plane, the system
    // nodes) so that pods on either reach each other, and the discovery tag on it and the subnets.
    nodes =
        SecurityGroup.Builder.create(this, "Nodes")
            .vpc(base.vpc())
            .description("SecureCart EKS: nodes that Karpenter launches")
            .allowAllOutbound(true)
            .build();
    nodes.addIngressRule(nodes, software.amazon.awscdk.services.ec2.Port.allTraffic(), "nodes");
    nodes.addIngressRule(
        cluster.getClusterSecurityGroup(),
        software.amazon.awscdk.services.ec2.Port.allTraffic(),
        "the control plane and the system nodes");
    fromNodes =
        CfnSecurityGroupIngress.Builder.create(this, "FromNodes")
            .groupId(cluster.getClusterSecurityGroupId())
            .sourceSecurityGroupId(nodes.getSecurityGroupId())
            .ipProtocol("-1")
            .description("Karpenter nodes to the control plane and the system nodes")
            .build();
    // The database admits its clients' group only: Karpenter's nodes (and so the pods) join it too.
    Tags.of(nodes).add(Manifests.DISCOVERY_TAG, name);
    Tags.of(data.clients()).add(Manifests.DISCOVERY_TAG, name);
    base.vpc()
        .selectSubnets(base.subnets(FoundationStack.APP))
        .getSubnets()
        .forEach(s -> Tags.of(s).add(Manifests.DISCOVERY_TAG, name));

    interruptions =
        Queue.Builder.create(this, "Interruptions")
            .retentionPeriod(Duration.minutes(5))
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true)
            .build();
    List<List<String>> events =
        List.of(
            List.of("ScheduledChange", "aws.health", "AWS Health Event"),
            List.of("SpotInterruption", "aws.ec2", "EC2 Spot Instance Interruption Warning"),
            List.of("Rebalance", "aws.ec2", "EC2 Instance Rebalance Recommendation"),
            List.of("StateChange", "aws.ec2", "EC2 Instance State-change Notification"));
    for (List<String> event : events) {
      rules.add(
          Rule.Builder.create(this, event.get(0))
              .eventPattern(
                  EventPattern.builder()
                      .source(List.of(event.get(1)))
                      .detailType(List.of(event.get(2)))
                      .build())
              .targets(List.of(new SqsQueue(interruptions)))
              .build());
    }

    controller =
        new PodIdentity(
            this, "Controller", cluster.getClusterName(), NAMESPACE, SERVICE_ACCOUNT, "Karpenter");
    controllerPolicy =
        ManagedPolicy.Builder.create(this, "ControllerPolicy")
            .description("SecureCart EKS: Karpenter launches and ends this cluster's nodes only")
            .roles(List.of(controller.role()))
            .statements(
                KarpenterPolicy.statements(Stack.of(this), cluster, nodeRole, interruptions))
            .build();

    chart =
        cluster.addHelmChart(
            "Chart",
            HelmChartOptions.builder()
                .chart("karpenter")
                .release("karpenter")
                .repository("oci://public.ecr.aws/karpenter/karpenter")
                .version(eks.charts().karpenter())
                .namespace(NAMESPACE)
                .wait(true)
                .timeout(Duration.minutes(10))
                .values(
                    Map.of(
                        "settings",
                        Map.of(
                            "clusterName", name, "interruptionQueue", interruptions.getQueueName()),
                        "serviceAccount",
                        Map.of("name", SERVICE_ACCOUNT),
                        "nodeSelector",
                        Map.of(EksStack.SYSTEM_LABEL, "system"),
                        "controller",
                        Map.of(
                            "resources",
                            Map.of(
                                "requests",
                                Map.of("cpu", "250m", "memory", "512Mi"),
                                "limits",
                                Map.of("memory", "512Mi")))))
                .build());
    chart.getNode().addDependency(controller.association());
  }

  public Role nodeRole() {
    return nodeRole;
  }

  public Queue interruptions() {
    return interruptions;
  }

  public PodIdentity controller() {
    return controller;
  }

  /** Karpenter's nodes' security group (the discovery tag selects it). */
  public SecurityGroup nodes() {
    return nodes;
  }

  /** The cluster group's rule that admits Karpenter's nodes. */
  public CfnSecurityGroupIngress fromNodes() {
    return fromNodes;
  }

  public ManagedPolicy controllerPolicy() {
    return controllerPolicy;
  }

  /** The EventBridge rules that feed the interruption queue. */
  public List<Rule> rules() {
    return rules;
  }

  public HelmChart chart() {
    return chart;
  }
}
