package com.securecart.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, item 1 on AWS: every tier that runs checkout or the pipeline (the three EC2 groups, all
 * Lambda functions) runs in production with Stripe, names the keys' secret (never a key) and may
 * read it; the secret starts as the JSON shape the server reads, with placeholders. A staging shop
 * may run the sandbox only by saying so, and then says so to the server too.
 */
class PaymentsOnAwsTest {
  private final Synth synth = Synth.defaults();

  /** Each launch template's exported parameters: the user data before the script's own text. */
  private static List<String> userData(Synth synth) {
    return FoundationStackTest.resources(synth.tree("SecureCart-Web"), "AWS::EC2::LaunchTemplate")
        .stream()
        .map(t -> t.at("/Properties/LaunchTemplateData/UserData").toString())
        .map(u -> u.substring(0, u.indexOf("# SecureCart node bootstrap")))
        .toList();
  }

  private static List<JsonNode> functionEnvironments(Synth synth) {
    return FoundationStackTest.resources(synth.tree("SecureCart-Pipeline"), "AWS::Lambda::Function")
        .stream()
        .map(f -> f.at("/Properties/Environment/Variables"))
        .toList();
  }

  @Test
  void everyEc2TierRunsStripeInProductionWithTheSecretsArnOnly() {
    List<String> tiers = userData(synth);
    // Web (api,workers), checkout and admin.
    assertThat(tiers).hasSize(3);
    for (String data : tiers) {
      assertThat(data)
          .contains("export SECURECART_ENV='production'", "export SECURECART_PAYMENTS='stripe'")
          .containsPattern(
              "export SECURECART_STRIPE_SECRET_ARN='\",\\{\"Fn::ImportValue\":\"SecureCart-Data:"
                  + "ExportsOutputRefPaymentProvider")
          .doesNotContain("SECURECART_ALLOW_SANDBOX_PAYMENTS", "SECURECART_STRIPE_SECRET_KEY");
    }
  }

  @Test
  void everyPipelineFunctionRunsStripeInProductionWithTheSecretsArnOnly() {
    List<JsonNode> functions = functionEnvironments(synth);
    // Six steps and compensations, and the notification function.
    assertThat(functions).hasSizeGreaterThanOrEqualTo(7);
    for (JsonNode env : functions) {
      assertThat(env.path("SECURECART_ENV").asText()).isEqualTo("production");
      assertThat(env.path("SECURECART_PAYMENTS").asText()).isEqualTo("stripe");
      assertThat(env.path("SECURECART_STRIPE_SECRET_ARN").toString())
          .contains("ExportsOutputRefPaymentProvider");
      assertThat(env.has("SECURECART_STRIPE_SECRET_KEY")).isFalse();
      assertThat(env.has("SECURECART_ALLOW_SANDBOX_PAYMENTS")).isFalse();
    }
  }

  @Test
  void everyFunctionRoleAndTheInstanceRolesMayReadTheKeysSecret() {
    JsonNode pipeline = synth.tree("SecureCart-Pipeline");
    List<String> functionRoles =
        FoundationStackTest.resources(pipeline, "AWS::Lambda::Function").stream()
            .map(f -> f.at("/Properties/Role/Fn::GetAtt/0").asText())
            .toList();
    assertThat(functionRoles).hasSizeGreaterThanOrEqualTo(7);
    for (String role : functionRoles) {
      assertThat(readsKeys(pipeline, "AWS::IAM::Policy", role)).as(role).isTrue();
    }
    JsonNode web = synth.tree("SecureCart-Web");
    List<JsonNode> instancePolicies =
        FoundationStackTest.resources(web, "AWS::IAM::ManagedPolicy").stream()
            .filter(
                p -> p.at("/Properties/Description").asText().startsWith("SecureCart EC2 tiers"))
            .toList();
    // One per node role: the web group's (which also starts the pipeline) and the others'.
    assertThat(instancePolicies).hasSize(2);
    for (JsonNode policy : instancePolicies) {
      assertThat(grantsKeys(policy)).isTrue();
      // The secret is encrypted with the foundation key: decrypt only through Secrets Manager.
      assertThat(policy.at("/Properties/PolicyDocument/Statement").toString())
          .contains("kms:Decrypt", "kms:ViaService");
    }
  }

  private static boolean readsKeys(JsonNode tree, String type, String role) {
    return FoundationStackTest.resources(tree, type).stream()
        .filter(p -> p.at("/Properties/Roles").toString().contains("\"" + role + "\""))
        .anyMatch(PaymentsOnAwsTest::grantsKeys);
  }

  private static boolean grantsKeys(JsonNode policy) {
    for (JsonNode statement : policy.at("/Properties/PolicyDocument/Statement")) {
      if (statement.path("Action").toString().contains("secretsmanager:GetSecretValue")
          && statement.path("Resource").toString().contains("ExportsOutputRefPaymentProvider")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void theKeysSecretStartsAsTheShapeTheServerReadsWithPlaceholders() throws Exception {
    JsonNode secret =
        FoundationStackTest.resources(synth.tree("SecureCart-Data"), "AWS::SecretsManager::Secret")
            .stream()
            .filter(s -> s.at("/Properties/Name").asText().equals("securecart/payment-provider"))
            .findFirst()
            .orElseThrow();
    assertThat(secret.at("/Properties/Description").asText()).contains("replace before going live");
    assertThat(secret.at("/Properties/GenerateSecretString").isMissingNode()).isTrue();
    JsonNode value = new ObjectMapper().readTree(secret.at("/Properties/SecretString").asText());
    assertThat(value.path("secretKey").asText()).startsWith("sk_test_REPLACE");
    assertThat(value.path("publishableKey").asText()).startsWith("pk_test_REPLACE");
    assertThat(value.path("webhookSecret").asText()).startsWith("whsec_REPLACE");
  }

  @Test
  void aStagingSandboxMustBeAllowedInSettingsAndIsAllowedOnEveryTier() {
    assertThatThrownBy(() -> new Settings.Payments("sandbox", false))
        .hasMessageContaining("payments.allowSandbox");
    assertThatThrownBy(() -> new Settings.Payments("stripe", true))
        .hasMessageContaining("only for payments.provider sandbox");
    assertThatThrownBy(() -> new Settings.Payments("paypal", false))
        .hasMessageContaining("stripe or sandbox");

    Synth staging =
        Synth.with("sandbox", s -> s.withPayments(new Settings.Payments("sandbox", true)));
    for (String data : userData(staging)) {
      assertThat(data)
          .contains(
              "export SECURECART_ENV='production'",
              "export SECURECART_PAYMENTS='sandbox'",
              "export SECURECART_ALLOW_SANDBOX_PAYMENTS='true'")
          .doesNotContain("SECURECART_STRIPE_SECRET_ARN");
    }
    for (JsonNode env : functionEnvironments(staging)) {
      assertThat(env.path("SECURECART_PAYMENTS").asText()).isEqualTo("sandbox");
      assertThat(env.path("SECURECART_ALLOW_SANDBOX_PAYMENTS").asText()).isEqualTo("true");
      assertThat(env.has("SECURECART_STRIPE_SECRET_ARN")).isFalse();
    }
  }

  @Test
  void stripesWebhookReachesTheWebGroupAndSkipsOnlyTheManagedBodyRules() {
    JsonNode web = synth.tree("SecureCart-Web");
    // No listener rule but the catch-all matches the webhook path: it goes to the web group,
    // whose instances run the api role (checkout's rule takes /api/checkout* and /checkout*).
    for (JsonNode rule :
        FoundationStackTest.resources(web, "AWS::ElasticLoadBalancingV2::ListenerRule")) {
      for (JsonNode condition : rule.at("/Properties/Conditions")) {
        for (JsonNode pattern : condition.at("/PathPatternConfig/Values")) {
          String glob = pattern.asText();
          boolean matches =
              WebAcl.STRIPE_WEBHOOK.matches(
                  java.util.regex.Pattern.quote(glob).replace("*", "\\E.*\\Q"));
          assertThat(matches && !glob.equals("/*")).as(glob).isFalse();
        }
      }
    }
    JsonNode acl =
        FoundationStackTest.resources(web, "AWS::WAFv2::WebACL").getFirst().at("/Properties/Rules");
    int scoped = 0;
    for (JsonNode rule : acl) {
      String name = rule.path("Name").asText();
      JsonNode scope = rule.at("/Statement/ManagedRuleGroupStatement/ScopeDownStatement");
      if (WebAcl.BODY_RULES.contains(name)) {
        assertThat(scope.toString())
            .contains("NotStatement", "\"" + WebAcl.STRIPE_WEBHOOK + "\"", "EXACTLY", "POST");
        scoped++;
      } else {
        // Rate limits and the other groups still see the webhook; nothing else is exempted.
        assertThat(rule.toString()).doesNotContain(WebAcl.STRIPE_WEBHOOK);
      }
    }
    assertThat(scoped).isEqualTo(2);
  }
}
