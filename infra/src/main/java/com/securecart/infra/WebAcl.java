package com.securecart.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.wafv2.CfnIPSet;
import software.amazon.awscdk.services.wafv2.CfnLoggingConfiguration;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACL.AndStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ByteMatchStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.FieldToMatchProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.IPSetReferenceStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ManagedRuleGroupStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.NotStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.OrStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.OverrideActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RateBasedStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.StatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.TextTransformationProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.VisibilityConfigProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * The regional WAF web ACL of the public ALB: AWS's managed rule groups (common, known bad inputs,
 * SQL injection, IP reputation), rate limits per client IP on sign-in, registration and checkout
 * (the settings' limits, per 5 minutes), and the admin host name blocked for every source outside
 * the allow list. Requests are logged to an encrypted log group whose name WAF requires to start
 * with {@code aws-waf-logs-}.
 */
public final class WebAcl extends Construct {
  static final String LOG_GROUP = "aws-waf-logs-securecart";

  /** Where Stripe posts its signed events (StripeWebhookRoutes on the api instances). */
  static final String STRIPE_WEBHOOK = "/api/payments/stripe/webhook";

  /**
   * The managed groups that inspect request bodies: the common group blocks bodies over 8 KB
   * (SizeRestrictions_BODY) and both look for XSS and SQL patterns in them, which Stripe's JSON
   * events (larger than 8 KB with expanded objects, with shopper-typed metadata) can trip. Stripe's
   * webhook is left out of them: the server checks every event's HMAC signature before it reads the
   * body, and the IP reputation and known-bad-inputs groups still apply to it.
   */
  static final List<String> BODY_RULES =
      List.of("AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet");

  private final CfnWebACL acl;
  private final CfnIPSet adminSources;

  public WebAcl(Construct scope, String id, Settings settings, IKey key) {
    super(scope, id);
    adminSources =
        CfnIPSet.Builder.create(this, "AdminSources")
            .scope("REGIONAL")
            .ipAddressVersion("IPV4")
            .addresses(settings.admin().allowCidrs())
            .description("Sources allowed to reach the admin host name")
            .build();
    List<Object> rules = new ArrayList<>();
    String[] managed = {
      "AWSManagedRulesAmazonIpReputationList",
      "AWSManagedRulesCommonRuleSet",
      "AWSManagedRulesKnownBadInputsRuleSet",
      "AWSManagedRulesSQLiRuleSet"
    };
    for (String name : managed) {
      rules.add(managed(name, rules.size(), BODY_RULES.contains(name)));
    }
    Settings.RateLimits limits = settings.edge().rateLimits();
    // The paths the server's own sign-in bucket covers (RequestClass.rule): whatever checks a
    // password, a one-time code or a mailed token, or sends account mail.
    rules.add(
        rate(
            "SignIn",
            rules.size(),
            limits.signIn(),
            "/api/auth/login",
            "/signin",
            "/admin/login",
            "/api/auth/step-up",
            "/api/auth/password",
            "/api/auth/verify-email",
            "/account/password",
            "/account/reset",
            "/account/forgot",
            "/account/verify"));
    rules.add(
        rate("Registration", rules.size(), limits.registration(), "/api/auth/register", "/signup"));
    rules.add(rate("Checkout", rules.size(), limits.checkout(), "/api/checkout", "/checkout"));
    rules.add(adminAllowList(settings.admin().hostName(), rules.size()));
    acl =
        CfnWebACL.Builder.create(this, "Acl")
            .scope("REGIONAL")
            .description("SecureCart public ALB")
            .defaultAction(
                CfnWebACL.DefaultActionProperty.builder()
                    .allow(CfnWebACL.AllowActionProperty.builder().build())
                    .build())
            .visibilityConfig(visibility("securecart"))
            .rules(rules)
            .build();

    LogGroup logs = Logs.retained(this, "Logs", LOG_GROUP, key);
    // WAF wants the log group's ARN without the ":*" that LogGroup.logGroupArn ends with.
    String logsArn =
        Stack.of(this)
            .formatArn(
                software.amazon.awscdk.ArnComponents.builder()
                    .service("logs")
                    .resource("log-group")
                    .resourceName(LOG_GROUP)
                    .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                    .build());
    CfnLoggingConfiguration logging =
        CfnLoggingConfiguration.Builder.create(this, "Logging")
            .resourceArn(acl.getAttrArn())
            .logDestinationConfigs(List.of(logsArn))
            .build();
    logging.getNode().addDependency(logs);
  }

  /** Puts the ACL in front of a load balancer. */
  public CfnWebACLAssociation associate(String id, String loadBalancerArn) {
    return CfnWebACLAssociation.Builder.create(this, id)
        .resourceArn(loadBalancerArn)
        .webAclArn(acl.getAttrArn())
        .build();
  }

  public CfnWebACL acl() {
    return acl;
  }

  public CfnIPSet adminSources() {
    return adminSources;
  }

  private static RuleProperty managed(String name, int priority, boolean skipStripeWebhook) {
    ManagedRuleGroupStatementProperty.Builder group =
        ManagedRuleGroupStatementProperty.builder().vendorName("AWS").name(name);
    if (skipStripeWebhook) {
      group.scopeDownStatement(notStripeWebhook());
    }
    return RuleProperty.builder()
        .name(name)
        .priority(priority)
        .overrideAction(OverrideActionProperty.builder().none(Map.of()).build())
        .statement(StatementProperty.builder().managedRuleGroupStatement(group.build()).build())
        .visibilityConfig(visibility(name))
        .build();
  }

  /** Blocks a client IP above {@code limit} requests per 5 minutes to any of the paths. */
  private static RuleProperty rate(String name, int priority, int limit, String... paths) {
    List<Object> anyPath = new ArrayList<>();
    for (String path : paths) {
      anyPath.add(startsWith(path));
    }
    StatementProperty scope =
        StatementProperty.builder()
            .andStatement(
                AndStatementProperty.builder()
                    .statements(
                        List.of(
                            match(
                                FieldToMatchProperty.builder().method(Map.of()).build(),
                                "POST",
                                "EXACTLY",
                                "NONE"),
                            StatementProperty.builder()
                                .orStatement(
                                    OrStatementProperty.builder().statements(anyPath).build())
                                .build()))
                    .build())
            .build();
    return RuleProperty.builder()
        .name("Rate" + name)
        .priority(priority)
        .action(
            RuleActionProperty.builder()
                .block(CfnWebACL.BlockActionProperty.builder().build())
                .build())
        .statement(
            StatementProperty.builder()
                .rateBasedStatement(
                    RateBasedStatementProperty.builder()
                        .limit(limit)
                        .evaluationWindowSec(300)
                        .aggregateKeyType("IP")
                        .scopeDownStatement(scope)
                        .build())
                .build())
        .visibilityConfig(visibility("Rate" + name))
        .build();
  }

  /** The admin host name from a source outside the allow list: blocked. */
  private RuleProperty adminAllowList(String hostName, int priority) {
    StatementProperty adminHost =
        match(
            FieldToMatchProperty.builder().singleHeader(Map.of("Name", "host")).build(),
            hostName.toLowerCase(java.util.Locale.ROOT),
            "EXACTLY",
            "LOWERCASE");
    StatementProperty outside =
        StatementProperty.builder()
            .notStatement(
                NotStatementProperty.builder()
                    .statement(
                        StatementProperty.builder()
                            .ipSetReferenceStatement(
                                IPSetReferenceStatementProperty.builder()
                                    .arn(adminSources.getAttrArn())
                                    .build())
                            .build())
                    .build())
            .build();
    return RuleProperty.builder()
        .name("AdminAllowList")
        .priority(priority)
        .action(
            RuleActionProperty.builder()
                .block(CfnWebACL.BlockActionProperty.builder().build())
                .build())
        .statement(
            StatementProperty.builder()
                .andStatement(
                    AndStatementProperty.builder().statements(List.of(adminHost, outside)).build())
                .build())
        .visibilityConfig(visibility("AdminAllowList"))
        .build();
  }

  /** Every request but a POST to Stripe's webhook path (exactly that path, nothing under it). */
  private static StatementProperty notStripeWebhook() {
    StatementProperty webhook =
        StatementProperty.builder()
            .andStatement(
                AndStatementProperty.builder()
                    .statements(
                        List.of(
                            match(
                                FieldToMatchProperty.builder().method(Map.of()).build(),
                                "POST",
                                "EXACTLY",
                                "NONE"),
                            match(
                                FieldToMatchProperty.builder().uriPath(Map.of()).build(),
                                STRIPE_WEBHOOK,
                                "EXACTLY",
                                "NONE")))
                    .build())
            .build();
    return StatementProperty.builder()
        .notStatement(NotStatementProperty.builder().statement(webhook).build())
        .build();
  }

  private static StatementProperty startsWith(String path) {
    return match(
        FieldToMatchProperty.builder().uriPath(Map.of()).build(), path, "STARTS_WITH", "NONE");
  }

  private static StatementProperty match(
      FieldToMatchProperty field, String value, String constraint, String transformation) {
    return StatementProperty.builder()
        .byteMatchStatement(
            ByteMatchStatementProperty.builder()
                .fieldToMatch(field)
                .searchString(value)
                .positionalConstraint(constraint)
                .textTransformations(
                    List.of(
                        TextTransformationProperty.builder()
                            .priority(0)
                            .type(transformation)
                            .build()))
                .build())
        .build();
  }

  private static VisibilityConfigProperty visibility(String metric) {
    return VisibilityConfigProperty.builder()
        .cloudWatchMetricsEnabled(true)
        .metricName(metric)
        .sampledRequestsEnabled(true)
        .build();
  }
}
