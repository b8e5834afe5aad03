package com.securecart.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * The payment settings of every tier that runs checkout or the pipeline (the EC2 web, checkout and
 * admin tiers, the Lambda functions): production, the provider of {@link Settings.Payments}, and
 * for Stripe the secret that holds the keys ({@code securecart/payment-provider}), which the server
 * reads once at start (SECURECART_STRIPE_SECRET_ARN), so the keys are never in an env file or a
 * function's configuration.
 */
final class PaymentProvider {
  private PaymentProvider() {}

  /** The SECURECART_* variables; the secret's ARN only with Stripe. */
  static Map<String, String> environment(Settings.Payments payments, DataStack data) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SECURECART_ENV", "production");
    env.put("SECURECART_PAYMENTS", payments.provider());
    if (payments.stripe()) {
      env.put("SECURECART_STRIPE_SECRET_ARN", data.paymentProvider().getSecretArn());
    } else {
      // The server refuses the sandbox in production unless told that this is a test shop.
      env.put("SECURECART_ALLOW_SANDBOX_PAYMENTS", "true");
    }
    return env;
  }

  /**
   * Reading the keys' secret: an identity policy statement, as ADR 18 says (a grant would write the
   * reader into the foundation key's policy: a cycle). The key's decrypt comes with the caller's
   * other secrets ({@link DatabaseSecret#decryptViaSecretsManager}).
   */
  static PolicyStatement read(DataStack data) {
    return PolicyStatement.Builder.create()
        .actions(List.of("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"))
        .resources(List.of(data.paymentProvider().getSecretArn()))
        .build();
  }
}
