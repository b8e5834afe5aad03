package com.securecart.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.s3.assets.Asset;
import software.constructs.Construct;

/**
 * What every SecureCart EC2 node shares: the instance role (Session Manager, the CloudWatch agent,
 * and least-privilege reads of the server bundle and the two secrets it needs at boot) and the user
 * data parameters the node script reads (the tier adds SECURECART_ROLES).
 */
public final class NodeRole extends Construct {
  private final Role role;
  private final Map<String, String> parameters = new LinkedHashMap<>();

  public NodeRole(
      Construct scope, String id, FoundationStack base, DataStack data, Settings settings) {
    super(scope, id);
    role =
        Role.Builder.create(this, "InstanceRole")
            .assumedBy(new ServicePrincipal("ec2.amazonaws.com"))
            .description("SecureCart EC2 tiers: Session Manager, CloudWatch agent, bundle, secrets")
            .managedPolicies(
                List.of(
                    ManagedPolicy.fromAwsManagedPolicyName("AmazonSSMManagedInstanceCore"),
                    ManagedPolicy.fromAwsManagedPolicyName("CloudWatchAgentServerPolicy")))
            .build();
    Asset bundle =
        Asset.Builder.create(this, "ServerBundle")
            .path(settings.artifacts().serverBundle())
            .build();
    // Least privilege, as a managed policy of its own: the one bundle object, the two secrets, the
    // key only through Secrets Manager, and X-Ray for the spans the agent forwards. (The CDK's
    // grantRead on the secrets would also put this role into the foundation key's policy, a
    // reference back to this stack: a cycle. The key's policy already lets the account's IAM
    // policies grant its use.)
    ManagedPolicy policy =
        ManagedPolicy.Builder.create(this, "InstancePolicy")
            .description("SecureCart EC2 tiers: the server bundle, the secrets read at boot, X-Ray")
            .roles(List.of(role))
            .statements(
                List.of(
                    PolicyStatement.Builder.create()
                        .actions(List.of("s3:GetObject"))
                        .resources(
                            List.of(bundle.getBucket().arnForObjects(bundle.getS3ObjectKey())))
                        .build(),
                    PolicyStatement.Builder.create()
                        .actions(
                            List.of(
                                "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
                        .resources(
                            List.of(
                                data.cluster().getSecret().getSecretArn(),
                                data.adminBootstrap().getSecretArn(),
                                // The Stripe keys, read by the server at start.
                                data.paymentProvider().getSecretArn()))
                        .build(),
                    DatabaseSecret.decryptViaSecretsManager(base.key(), Stack.of(this)),
                    // CloudWatchAgentServerPolicy grants these today too; stated here so that the
                    // trace path does not hang on what AWS keeps in its managed policy.
                    xrayWrite(),
                    // The readiness unit completes the launch hook of its own group: SecureCart's
                    // groups only (their tag), and finds its group by its instance id.
                    PolicyStatement.Builder.create()
                        .actions(List.of("autoscaling:CompleteLifecycleAction"))
                        .resources(List.of("*"))
                        .conditions(
                            Map.of(
                                "StringEquals",
                                Map.of("autoscaling:ResourceTag/application", "securecart")))
                        .build(),
                    PolicyStatement.Builder.create()
                        .actions(List.of("autoscaling:DescribeAutoScalingInstances"))
                        .resources(List.of("*"))
                        .build()))
            .build();
    WebNag.instanceRole(role);
    WebNag.instancePolicy(policy);

    parameters.put("SECURECART_BUNDLE_URL", bundle.getS3ObjectUrl());
    parameters.put("SECURECART_DB_SECRET_ARN", data.cluster().getSecret().getSecretArn());
    parameters.put("SECURECART_DB_HOST", data.cluster().getClusterEndpoint().getHostname());
    parameters.put(
        "SECURECART_DB_READER_HOST", data.cluster().getClusterReadEndpoint().getHostname());
    parameters.put("SECURECART_ADMIN_SECRET_ARN", data.adminBootstrap().getSecretArn());
    parameters.put("SECURECART_ADMIN_EMAIL", "admin@" + settings.edge().domainName());
    parameters.put("SECURECART_ADMIN_HOST", settings.admin().hostName());
    parameters.put("SECURECART_AWS_REGION", Stack.of(this).getRegion());
    parameters.put("SECURECART_TRUSTED_PROXIES", base.publicCidrs());
    parameters.putAll(PaymentProvider.environment(settings.payments(), data));
  }

  public Role role() {
    return role;
  }

  /** The node script's parameters, in a fresh map that the caller may extend. */
  public Map<String, String> parameters() {
    return new LinkedHashMap<>(parameters);
  }

  /**
   * What a trace forwarder (the CloudWatch agent, the ADOT collector) needs: writing segments and
   * reading the sampling rules. X-Ray has no resource-level permissions, hence the one resource *.
   */
  static PolicyStatement xrayWrite() {
    return PolicyStatement.Builder.create()
        .actions(
            List.of(
                "xray:PutTraceSegments",
                "xray:PutTelemetryRecords",
                "xray:GetSamplingRules",
                "xray:GetSamplingTargets"))
        .resources(List.of("*"))
        .build();
  }
}
