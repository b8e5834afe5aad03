package com.securecart.infra;

import software.amazon.awscdk.services.eks_v2.CfnPodIdentityAssociation;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * An IAM role for one Kubernetes ServiceAccount through EKS Pod Identity: the role trusts the Pod
 * Identity service (with session tags, which it sets), and an association binds it to exactly one
 * namespace and ServiceAccount of the cluster. The role starts empty; its owner adds what that one
 * account needs.
 */
public final class PodIdentity extends Construct {
  private final Role role;
  private final CfnPodIdentityAssociation association;

  public PodIdentity(
      Construct scope,
      String id,
      String clusterName,
      String namespace,
      String serviceAccount,
      String what) {
    super(scope, id);
    role = role(this, "Role", what + " (" + namespace + "/" + serviceAccount + ")");
    association =
        CfnPodIdentityAssociation.Builder.create(this, "Association")
            .clusterName(clusterName)
            .namespace(namespace)
            .serviceAccount(serviceAccount)
            .roleArn(role.getRoleArn())
            .build();
  }

  /**
   * A role that EKS Pod Identity may hand to pods, for an association made elsewhere (an add-on's).
   */
  public static Role role(Construct scope, String id, String what) {
    return Role.Builder.create(scope, id)
        .assumedBy(new ServicePrincipal("pods.eks.amazonaws.com").withSessionTags())
        .description("SecureCart EKS: " + what)
        .build();
  }

  public Role role() {
    return role;
  }

  public CfnPodIdentityAssociation association() {
    return association;
  }
}
