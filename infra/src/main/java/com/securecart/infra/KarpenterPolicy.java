package com.securecart.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.eks_v2.Cluster;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * The Karpenter controller's permissions, after the project's reference policy (v1): it may create
 * and tag instances, fleets and launch templates only when it tags them as this cluster's and a
 * NodePool's, and end only instances and templates that carry those tags; it passes only the node
 * role, reads only its interruption queue, and manages only instance profiles tagged for this
 * cluster. Describe calls, prices and the public AMI parameters have no resource-level scope.
 */
final class KarpenterPolicy {
  private KarpenterPolicy() {}

  static List<PolicyStatement> statements(
      Stack stack, Cluster cluster, Role nodeRole, Queue interruptions) {
    String name = EksStack.CLUSTER_NAME;
    String region = stack.getRegion();
    String ec2 = "arn:" + stack.getPartition() + ":ec2:" + region + ":*:";
    String owned = "kubernetes.io/cluster/" + name;
    List<String> created =
        List.of(
            ec2 + "fleet/*",
            ec2 + "instance/*",
            ec2 + "volume/*",
            ec2 + "network-interface/*",
            ec2 + "launch-template/*",
            ec2 + "spot-instances-request/*");
    // The tags Karpenter must put on whatever it creates for this cluster.
    Map<String, Object> clusterTags =
        Map.of("aws:RequestTag/" + owned, "owned", "aws:RequestTag/eks:eks-cluster-name", name);
    Map<String, Object> requestTagged =
        Map.of(
            "StringEquals",
            clusterTags,
            "StringLike",
            Map.of("aws:RequestTag/karpenter.sh/nodepool", "*"));
    Map<String, Object> resourceTagged =
        Map.of(
            "StringEquals",
            Map.of("aws:ResourceTag/" + owned, "owned"),
            "StringLike",
            Map.of("aws:ResourceTag/karpenter.sh/nodepool", "*"));
    String profiles =
        "arn:" + stack.getPartition() + ":iam::" + stack.getAccount() + ":instance-profile/*";
    return List.of(
        statement(
            List.of("ec2:RunInstances", "ec2:CreateFleet"),
            List.of(
                "arn:" + stack.getPartition() + ":ec2:" + region + "::image/*",
                "arn:" + stack.getPartition() + ":ec2:" + region + "::snapshot/*",
                ec2 + "security-group/*",
                ec2 + "subnet/*"),
            null),
        statement(
            List.of("ec2:RunInstances", "ec2:CreateFleet"),
            List.of(ec2 + "launch-template/*"),
            resourceTagged),
        statement(
            List.of("ec2:RunInstances", "ec2:CreateFleet", "ec2:CreateLaunchTemplate"),
            created,
            requestTagged),
        statement(
            List.of("ec2:CreateTags"),
            created,
            Map.of(
                "StringEquals",
                with(
                    clusterTags,
                    "ec2:CreateAction",
                    List.of("RunInstances", "CreateFleet", "CreateLaunchTemplate")),
                "StringLike",
                Map.of("aws:RequestTag/karpenter.sh/nodepool", "*"))),
        statement(
            List.of("ec2:CreateTags"),
            List.of(ec2 + "instance/*"),
            Map.of(
                "StringEquals",
                Map.of("aws:ResourceTag/" + owned, "owned"),
                "StringLike",
                Map.of("aws:ResourceTag/karpenter.sh/nodepool", "*"),
                "ForAllValues:StringEquals",
                Map.of(
                    "aws:TagKeys",
                    List.of("eks:eks-cluster-name", "karpenter.sh/nodeclaim", "Name")))),
        statement(
            List.of("ec2:TerminateInstances", "ec2:DeleteLaunchTemplate"),
            List.of(ec2 + "instance/*", ec2 + "launch-template/*"),
            resourceTagged),
        statement(
            List.of(
                "ec2:DescribeAvailabilityZones",
                "ec2:DescribeImages",
                "ec2:DescribeInstances",
                "ec2:DescribeInstanceTypeOfferings",
                "ec2:DescribeInstanceTypes",
                "ec2:DescribeLaunchTemplates",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSpotPriceHistory",
                "ec2:DescribeSubnets"),
            List.of("*"),
            Map.of("StringEquals", Map.of("aws:RequestedRegion", region))),
        statement(
            List.of("ssm:GetParameter"),
            List.of("arn:" + stack.getPartition() + ":ssm:" + region + "::parameter/aws/service/*"),
            null),
        statement(List.of("pricing:GetProducts"), List.of("*"), null),
        statement(
            List.of("sqs:DeleteMessage", "sqs:GetQueueUrl", "sqs:ReceiveMessage"),
            List.of(interruptions.getQueueArn()),
            null),
        statement(
            List.of("iam:PassRole"),
            List.of(nodeRole.getRoleArn()),
            Map.of("StringEquals", Map.of("iam:PassedToService", "ec2.amazonaws.com"))),
        statement(
            List.of("iam:CreateInstanceProfile", "iam:TagInstanceProfile"),
            List.of(profiles),
            Map.of(
                "StringEquals",
                with(clusterTags, "aws:RequestTag/topology.kubernetes.io/region", region),
                "StringLike",
                Map.of("aws:RequestTag/karpenter.k8s.aws/ec2nodeclass", "*"))),
        statement(
            List.of(
                "iam:AddRoleToInstanceProfile",
                "iam:RemoveRoleFromInstanceProfile",
                "iam:DeleteInstanceProfile"),
            List.of(profiles),
            Map.of(
                "StringEquals",
                Map.of(
                    "aws:ResourceTag/" + owned,
                    "owned",
                    "aws:ResourceTag/topology.kubernetes.io/region",
                    region),
                "StringLike",
                Map.of("aws:ResourceTag/karpenter.k8s.aws/ec2nodeclass", "*"))),
        statement(List.of("iam:GetInstanceProfile"), List.of(profiles), null),
        statement(List.of("eks:DescribeCluster"), List.of(cluster.getClusterArn()), null));
  }

  private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
    Map<String, Object> out = new java.util.LinkedHashMap<>(base);
    out.put(key, value);
    return out;
  }

  private static PolicyStatement statement(
      List<String> actions, List<String> resources, Map<String, Object> conditions) {
    PolicyStatement.Builder statement =
        PolicyStatement.Builder.create().actions(actions).resources(resources);
    if (conditions != null) {
      statement.conditions(conditions);
    }
    return statement.build();
  }
}
