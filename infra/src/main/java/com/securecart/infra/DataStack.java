package com.securecart.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.IClusterInstance;
import software.amazon.awscdk.services.rds.IParameterGroup;
import software.amazon.awscdk.services.rds.ParameterGroup;
import software.amazon.awscdk.services.rds.ParameterGroupProps;
import software.amazon.awscdk.services.rds.PerformanceInsightRetention;
import software.amazon.awscdk.services.rds.RotationSingleUserOptions;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The data tier: Aurora PostgreSQL with a writer and readers on R-series Graviton (the seed's
 * memory-intensive family: the buffer cache is what serves catalog and search reads, so memory is
 * what this tier buys), encrypted with the stack's key, IAM and password authentication, the
 * password rotated by Secrets Manager; and the secrets the application reads at start (the
 * database's, the first admin's, the payment provider's).
 */
public final class DataStack extends SecureCartStack {
  public static final String DATABASE_NAME = "securecart";
  static final String CLUSTER = "securecart";

  private final DatabaseCluster cluster;
  private final SecurityGroup clients;
  private final Secret adminBootstrap;
  private final Secret paymentProvider;

  /** The payment provider secret's first value: the shape the server reads, with placeholders. */
  static final String PAYMENT_PLACEHOLDER =
      "{\"secretKey\":\"sk_test_REPLACE_BEFORE_GOING_LIVE\","
          + "\"publishableKey\":\"pk_test_REPLACE_BEFORE_GOING_LIVE\","
          + "\"webhookSecret\":\"whsec_REPLACE_BEFORE_GOING_LIVE\"}";

  public DataStack(Construct scope, String id, FoundationStack base, Settings settings) {
    super(scope, id, "SecureCart data: Aurora PostgreSQL (R-series Graviton) and secrets");
    clients =
        SecurityGroup.Builder.create(this, "Clients")
            .vpc(base.vpc())
            .description("Members may connect to the database")
            .allowAllOutbound(true)
            .build();
    SecurityGroup database =
        SecurityGroup.Builder.create(this, "Database")
            .vpc(base.vpc())
            .description("Aurora PostgreSQL: reachable only from the Clients group")
            .allowAllOutbound(false)
            .build();
    database.addIngressRule(clients, Port.tcp(5432), "SecureCart tiers");

    InstanceType type = new InstanceType(settings.data().instanceType());
    List<IClusterInstance> readers = new ArrayList<>();
    for (int i = 1; i <= settings.data().readers(); i++) {
      readers.add(
          ClusterInstance.provisioned(
              "Reader" + i,
              software.amazon.awscdk.services.rds.ProvisionedClusterInstanceProps.builder()
                  .instanceType(type)
                  .enablePerformanceInsights(true)
                  .performanceInsightEncryptionKey(base.key())
                  .performanceInsightRetention(PerformanceInsightRetention.DEFAULT)
                  .autoMinorVersionUpgrade(true)
                  .build()));
    }
    software.amazon.awscdk.services.rds.IClusterEngine engine =
        DatabaseClusterEngine.auroraPostgres(
            AuroraPostgresClusterEngineProps.builder()
                .version(AuroraPostgresEngineVersion.VER_17_7)
                .build());
    IParameterGroup parameters =
        new ParameterGroup(
            this,
            "Parameters",
            ParameterGroupProps.builder()
                .engine(engine)
                .description("SecureCart: TLS only, slow statements logged")
                .parameters(
                    java.util.Map.of(
                        "rds.force_ssl", "1",
                        "log_min_duration_statement", "500"))
                .build());
    cluster =
        DatabaseCluster.Builder.create(this, "Cluster")
            .engine(engine)
            .parameterGroup(parameters)
            .defaultDatabaseName(DATABASE_NAME)
            .credentials(
                Credentials.fromGeneratedSecret(
                    "securecart",
                    software.amazon.awscdk.services.rds.CredentialsBaseOptions.builder()
                        .encryptionKey(base.key())
                        .build()))
            .vpc(base.vpc())
            .vpcSubnets(base.subnets(FoundationStack.DATA))
            .securityGroups(List.of(database))
            .writer(
                ClusterInstance.provisioned(
                    "Writer",
                    software.amazon.awscdk.services.rds.ProvisionedClusterInstanceProps.builder()
                        .instanceType(type)
                        .enablePerformanceInsights(true)
                        .performanceInsightEncryptionKey(base.key())
                        .autoMinorVersionUpgrade(true)
                        .build()))
            .readers(readers)
            .storageEncrypted(true)
            .storageEncryptionKey(base.key())
            .iamAuthentication(true)
            .deletionProtection(true)
            .backup(
                BackupProps.builder()
                    .retention(Duration.days(settings.data().backupDays()))
                    .build())
            .clusterIdentifier(CLUSTER)
            .cloudwatchLogsExports(List.of("postgresql"))
            .monitoringInterval(Duration.seconds(60))
            .removalPolicy(RemovalPolicy.SNAPSHOT)
            .build();
    // The log group RDS exports to, made here with retention and the key; the CDK's own retention
    // option would add a custom-resource Lambda to set it.
    Logs.retained(this, "PostgresLog", "/aws/rds/cluster/" + CLUSTER + "/postgresql", base.key());
    Nag.ack(
        cluster,
        "AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
            + "AmazonRDSEnhancedMonitoringRole]",
        "Enhanced Monitoring's role uses AmazonRDSEnhancedMonitoringRole, the managed policy RDS"
            + " documents for it; it grants only log delivery for RDS metrics.");
    // Rotated every 30 days: every tier connects through the JDBC wrapper's Secrets Manager
    // plugin (SECURECART_DB_SECRET_ARN), which fetches the login again when one is refused.
    cluster.addRotationSingleUser(
        RotationSingleUserOptions.builder().automaticallyAfter(Duration.days(30)).build());
    // The rotation function's rule names the cluster's port as a token, which the checks cannot
    // read; it is 5432 from the rotation function's own group, never from an address range.
    for (String rule : List.of("EC2RestrictedCommonPorts", "EC2RestrictedSSH")) {
      Nag.ack(
          database,
          "PCI.DSS.321::PCI.DSS.321-" + rule,
          "The only sources are security groups (tiers, the rotation function) on the database"
              + " port; no address range is open.");
    }

    adminBootstrap =
        secret(
            "AdminBootstrap",
            "securecart/admin-bootstrap",
            "The first staff account (SECURECART_ADMIN_EMAIL/PASSWORD); unused once staff exist.",
            base,
            null);
    paymentProvider =
        secret(
            "PaymentProvider",
            "securecart/payment-provider",
            "The Stripe keys {secretKey, publishableKey, webhookSecret} that every tier reads at"
                + " start (SECURECART_STRIPE_SECRET_ARN): replace before going live, then restart.",
            base,
            // Placeholders, not secrets: test-mode shaped keys that Stripe refuses, so the tiers
            // start but no payment succeeds until an operator puts the real keys in.
            SecretValue.unsafePlainText(PAYMENT_PLACEHOLDER));
    alarms(base, settings);
  }

  /** A secret a person sets: {@code value} as its first value, else a generated password. */
  private Secret secret(
      String id, String name, String description, FoundationStack base, SecretValue value) {
    Secret.Builder builder =
        Secret.Builder.create(this, id)
            .secretName(name)
            .description(description)
            .encryptionKey(base.key());
    Secret secret =
        (value == null
                ? builder.generateSecretString(
                    SecretStringGenerator.builder()
                        .passwordLength(32)
                        .excludePunctuation(true)
                        .build())
                : builder.secretStringValue(value))
            .build();
    Nag.ack(
        secret,
        "AwsSolutions::AwsSolutions-SMG4",
        "A person sets this secret (a provider key, a first password); it is rotated at the"
            + " provider or retired, not by a Lambda rotation.");
    return secret;
  }

  private void alarms(FoundationStack base, Settings settings) {
    TierAlarms alarms = new TierAlarms(this, "data", base.alarms());
    MetricOptions fiveMinutes = MetricOptions.builder().period(Duration.minutes(5)).build();
    alarms.above(
        "cpu",
        cluster.metricCPUUtilization(fiveMinutes),
        80,
        3,
        "Aurora CPU above 80% for 15 minutes: scale the instance class or add a reader");
    alarms.above(
        "connections",
        cluster.metricDatabaseConnections(fiveMinutes),
        maxConnections(settings.data().instanceType()) * 0.8,
        3,
        "Aurora connections above 80% of max_connections: check the pools and the tier sizes");
  }

  /**
   * Aurora PostgreSQL's default max_connections for an instance class (LEAST(RAM/9531392, 5000)).
   */
  static int maxConnections(String instanceType) {
    String size = instanceType.substring(instanceType.indexOf('.') + 1);
    long gib =
        switch (size) {
          case "large" -> 16;
          case "xlarge" -> 32;
          case "2xlarge" -> 64;
          case "4xlarge" -> 128;
          default -> 256;
        };
    return (int) Math.min(gib * 1024 * 1024 * 1024 / 9_531_392L, 5000);
  }

  public DatabaseCluster cluster() {
    return cluster;
  }

  /**
   * What every tier that connects is given beside the URL: verify-full checks the server's
   * certificate against Amazon RDS's authorities (bundled in the jar) and its name against the
   * endpoint's, where {@code require} would accept any certificate, a man in the middle's too.
   */
  public static Map<String, String> tlsSettings() {
    return Map.of("SECURECART_DB_SSLMODE", "verify-full", "SECURECART_DB_SSLROOTCERT", "aws-rds");
  }

  /** The JDBC URL of the writer (TLS verified); the login comes from the secret. */
  public String writerUrl() {
    return jdbcUrl(cluster.getClusterEndpoint().getHostname());
  }

  /** The JDBC URL of the readers' endpoint (TLS verified). */
  public String readerUrl() {
    return jdbcUrl(cluster.getClusterReadEndpoint().getHostname());
  }

  private static String jdbcUrl(String host) {
    return "jdbc:postgresql://" + host + ":5432/" + DATABASE_NAME + "?sslmode=verify-full";
  }

  /** Add a tier's resources to this group to let them reach the database. */
  public SecurityGroup clients() {
    return clients;
  }

  public Secret adminBootstrap() {
    return adminBootstrap;
  }

  public Secret paymentProvider() {
    return paymentProvider;
  }
}
