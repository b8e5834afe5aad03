package com.securecart.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * Reading the database secret from a consuming stack. The CDK's grant on the cluster's secret would
 * write the reader's role into the KMS key policy in the foundation stack (the secret is encrypted
 * with that key), so the foundation would depend on the consumer: a cycle. The grant is an IAM
 * policy on the reader's role instead, with a decrypt on the key restricted to Secrets Manager; the
 * key policy already lets the account's IAM policies grant use of the key.
 */
final class DatabaseSecret {
  private DatabaseSecret() {}

  /**
   * Lets a role read the database secret at connect time (SECURECART_DB_SECRET_ARN): a managed
   * policy of its own, with the key only through Secrets Manager.
   */
  static ManagedPolicy readPolicy(
      Construct scope, IRole role, FoundationStack base, DataStack data) {
    return ManagedPolicy.Builder.create(scope, "DatabaseLogin")
        .description("SecureCart: read the database login from Secrets Manager")
        .roles(List.of(role))
        .statements(
            List.of(
                PolicyStatement.Builder.create()
                    .actions(
                        List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
                    .resources(List.of(data.cluster().getSecret().getSecretArn()))
                    .build(),
                decryptViaSecretsManager(base.key(), Stack.of(scope))))
        .build();
  }

  /**
   * kms:Decrypt on a key, only when Secrets Manager asks on the caller's behalf: what reading a
   * secret encrypted with that key needs, and nothing else.
   */
  static PolicyStatement decryptViaSecretsManager(IKey key, Stack stack) {
    return PolicyStatement.Builder.create()
        .actions(List.of("kms:Decrypt"))
        .resources(List.of(key.getKeyArn()))
        .conditions(
            Map.of(
                "StringEquals",
                Map.of("kms:ViaService", "secretsmanager." + stack.getRegion() + ".amazonaws.com")))
        .build();
  }
}
