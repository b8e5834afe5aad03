package com.securecart.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.InterfaceVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryEncryption;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * What every tier stands on: the VPC over three zones (flow logs, VPC endpoints so that private
 * subnets need little NAT, the Gateway Load Balancer inspection of internet traffic), the KMS key,
 * the alarm topic, the bucket for load balancer access logs, and the ECR repository of the
 * container image that the Fargate services and the Batch job run.
 *
 * <p>Subnet groups: {@code edge} (the Gateway Load Balancer endpoints, the only subnets whose
 * default route is the internet gateway), {@code public} (load balancers and NAT, their internet
 * traffic through the inspection), {@code app} (instances, tasks, functions; egress through NAT),
 * {@code data} (Aurora; no route out).
 */
public final class FoundationStack extends SecureCartStack {
  public static final String EDGE = "edge";
  public static final String PUBLIC = "public";
  public static final String APP = "app";
  public static final String DATA = "data";

  /** The VPC's range, a literal so that rules naming it can be checked before deployment. */
  public static final String CIDR = "10.40.0.0/16";

  private final Vpc vpc;
  private final Key key;
  private final Topic alarms;
  private final Bucket accessLogs;
  private final Repository images;
  private final Inspection inspection;

  public FoundationStack(Construct scope, String id, Settings settings) {
    super(scope, id, "SecureCart foundation: VPC, inspection, KMS key, alarm topic, logs, images");
    key =
        Key.Builder.create(this, "Key")
            .alias("alias/securecart")
            .description("SecureCart: data, logs, queues, secrets and the alarm topic")
            .enableKeyRotation(true)
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    // Encrypted log groups and an encrypted alarm topic need the services to use the key.
    // CloudWatch Logs' regional principal, for this account's log groups only (the encryption
    // context names the log group); CloudWatch alarms publish to the encrypted topic for this
    // account only.
    key.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .principals(
                List.of(
                    new ServicePrincipal("logs." + Stack.of(this).getRegion() + ".amazonaws.com")))
            .actions(
                List.of(
                    "kms:Encrypt*",
                    "kms:Decrypt*",
                    "kms:ReEncrypt*",
                    "kms:GenerateDataKey*",
                    "kms:Describe*"))
            .resources(List.of("*"))
            .conditions(
                Map.of(
                    "ArnLike",
                    Map.of(
                        "kms:EncryptionContext:aws:logs:arn",
                        Stack.of(this)
                            .formatArn(
                                ArnComponents.builder()
                                    .service("logs")
                                    .resource("log-group")
                                    .resourceName("*")
                                    .arnFormat(ArnFormat.COLON_RESOURCE_NAME)
                                    .build()))))
            .build());
    key.addToResourcePolicy(
        PolicyStatement.Builder.create()
            .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
            .actions(List.of("kms:Decrypt", "kms:GenerateDataKey*"))
            .resources(List.of("*"))
            .conditions(
                Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
            .build());

    LogGroup flowLogs = Logs.retained(this, "FlowLogs", null, key);
    vpc =
        Vpc.Builder.create(this, "Vpc")
            .ipAddresses(IpAddresses.cidr(CIDR))
            .maxAzs(ZONES)
            .natGateways(ZONES)
            .natGatewaySubnets(SubnetSelection.builder().subnetGroupName(PUBLIC).build())
            .subnetConfiguration(
                List.of(
                    subnet(EDGE, SubnetType.PUBLIC, 28),
                    subnet(PUBLIC, SubnetType.PUBLIC, 24),
                    subnet(APP, SubnetType.PRIVATE_WITH_EGRESS, 20),
                    subnet(DATA, SubnetType.PRIVATE_ISOLATED, 24)))
            .flowLogs(
                java.util.Map.of(
                    "All",
                    FlowLogOptions.builder()
                        .destination(FlowLogDestination.toCloudWatchLogs(flowLogs))
                        .trafficType(FlowLogTrafficType.ALL)
                        .build()))
            .restrictDefaultSecurityGroup(true)
            .build();
    endpoints();
    Nag.ack(
        vpc,
        "PCI.DSS.321::PCI.DSS.321-VPCNoUnrestrictedRouteToIGW",
        "Public subnets hold only the load balancers, NAT and the inspection endpoints, which"
            + " need the internet gateway; instances, tasks and the database have no such route.");
    Nag.ack(
        vpc,
        "PCI.DSS.321::PCI.DSS.321-IAMNoInlinePolicy",
        "The flow log role's policy is generated by the CDK for that one role, scoped to its log"
            + " group; a managed policy would add nothing.");
    inspection = new Inspection(this, "Inspection", vpc, settings.inspection());

    alarms =
        Topic.Builder.create(this, "Alarms")
            .displayName("SecureCart alarms")
            .masterKey(key)
            .enforceSsl(true)
            .build();
    if (!settings.alarms().email().isBlank()) {
      alarms.addSubscription(new EmailSubscription(settings.alarms().email()));
    }
    // An appliance reports IdsRunning once, after its bootstrap: 0 means it forwards uninspected.
    new TierAlarms(this, "inspection", alarms)
        .below(
            "ids-missing",
            new software.amazon.awscdk.services.cloudwatch.Metric(
                software.amazon.awscdk.services.cloudwatch.MetricProps.builder()
                    .namespace(Inspection.METRIC_NAMESPACE)
                    .metricName("IdsRunning")
                    .statistic("Minimum")
                    .period(Duration.minutes(5))
                    .build()),
            1,
            1,
            "An inspection appliance started without Suricata and forwards traffic uninspected:"
                + " see /var/log/securecart-inspection.log on it, and bake the appliance AMI");
    accessLogs = accessLogBucket();
    images =
        Repository.Builder.create(this, "Images")
            .repositoryName("securecart")
            .imageScanOnPush(true)
            .imageTagMutability(TagMutability.IMMUTABLE)
            .encryption(RepositoryEncryption.KMS)
            .encryptionKey(key)
            .lifecycleRules(List.of(LifecycleRule.builder().maxImageCount(30).build()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
  }

  private static SubnetConfiguration subnet(String name, SubnetType type, int mask) {
    // Nothing gets a public address by being launched here: load balancers and NAT bring their own.
    return SubnetConfiguration.builder()
        .name(name)
        .subnetType(type)
        .cidrMask(mask)
        .mapPublicIpOnLaunch(type == SubnetType.PUBLIC ? false : null)
        .build();
  }

  /**
   * The AWS APIs the private subnets call, reached without NAT: Session Manager (no SSH, no
   * bastion), secrets, images, logs and metrics, the pipeline's queues and state machine, KMS,
   * X-Ray, and SES's SMTP interface. NAT remains for the payment provider and package updates.
   */
  private void endpoints() {
    SecurityGroup endpoints =
        SecurityGroup.Builder.create(this, "Endpoints")
            .vpc(vpc)
            .description("VPC interface endpoints: HTTPS from inside the VPC")
            .allowAllOutbound(false)
            .build();
    endpoints.addIngressRule(Peer.ipv4(CIDR), Port.tcp(443), "AWS APIs from the VPC");
    // SES's SMTP interface (STARTTLS on 587) for the notification function.
    endpoints.addIngressRule(Peer.ipv4(CIDR), Port.tcp(587), "SES SMTP from the VPC");
    vpc.addGatewayEndpoint(
        "S3", GatewayVpcEndpointOptions.builder().service(GatewayVpcEndpointAwsService.S3).build());
    List<InterfaceVpcEndpointAwsService> services =
        List.of(
            InterfaceVpcEndpointAwsService.SSM,
            InterfaceVpcEndpointAwsService.SSM_MESSAGES,
            InterfaceVpcEndpointAwsService.EC2_MESSAGES,
            InterfaceVpcEndpointAwsService.SECRETS_MANAGER,
            InterfaceVpcEndpointAwsService.ECR,
            InterfaceVpcEndpointAwsService.ECR_DOCKER,
            InterfaceVpcEndpointAwsService.CLOUDWATCH_LOGS,
            InterfaceVpcEndpointAwsService.CLOUDWATCH_MONITORING,
            InterfaceVpcEndpointAwsService.SQS,
            InterfaceVpcEndpointAwsService.STEP_FUNCTIONS,
            InterfaceVpcEndpointAwsService.KMS,
            InterfaceVpcEndpointAwsService.XRAY,
            InterfaceVpcEndpointAwsService.EMAIL_SMTP);
    for (InterfaceVpcEndpointAwsService service : services) {
      String name = service.getShortName().replaceAll("[^A-Za-z0-9]", "");
      vpc.addInterfaceEndpoint(
          name,
          InterfaceVpcEndpointOptions.builder()
              .service(service)
              .privateDnsEnabled(true)
              .securityGroups(List.of(endpoints))
              .open(false)
              .subnets(SubnetSelection.builder().subnetGroupName(APP).build())
              .build());
    }
  }

  /** ALB and NLB access logs: S3-managed encryption, which is what ELB log delivery supports. */
  private Bucket accessLogBucket() {
    Bucket bucket =
        Bucket.Builder.create(this, "AccessLogs")
            .encryption(BucketEncryption.S3_MANAGED)
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
            .enforceSsl(true)
            .versioned(true)
            .lifecycleRules(
                List.of(
                    software.amazon.awscdk.services.s3.LifecycleRule.builder()
                        .expiration(Duration.days(400))
                        .noncurrentVersionExpiration(Duration.days(30))
                        .build()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    Nag.ack(
        bucket,
        "AwsSolutions::AwsSolutions-S1",
        "This bucket receives the access logs; logging its own access into itself would loop.");
    Nag.ack(
        bucket,
        "PCI.DSS.321::PCI.DSS.321-S3BucketLoggingEnabled",
        "This bucket receives the access logs; logging its own access into itself would loop.");
    Nag.ack(
        bucket,
        "PCI.DSS.321::PCI.DSS.321-S3BucketReplicationEnabled",
        "Access logs are kept in one region for 400 days; cross-region replication of logs is"
            + " not required by SecureCart's recovery plan (the database is the record).");
    Nag.ack(
        bucket,
        "PCI.DSS.321::PCI.DSS.321-S3DefaultEncryptionKMS",
        "ELB access log delivery supports only S3-managed keys (SSE-S3), not KMS.");
    return bucket;
  }

  public Vpc vpc() {
    return vpc;
  }

  public Key key() {
    return key;
  }

  public Topic alarms() {
    return alarms;
  }

  public Bucket accessLogs() {
    return accessLogs;
  }

  public Repository images() {
    return images;
  }

  public Inspection inspection() {
    return inspection;
  }

  /**
   * The public subnets' ranges, comma separated: the load balancers live there, so these are the
   * proxies whose X-Forwarded-For the server trusts (SECURECART_TRUSTED_PROXIES).
   */
  public String publicCidrs() {
    return vpc.selectSubnets(subnets(PUBLIC)).getSubnets().stream()
        .map(s -> s.getIpv4CidrBlock())
        .collect(java.util.stream.Collectors.joining(","));
  }

  /** Subnets of one group, e.g. {@link #APP}. */
  public SubnetSelection subnets(String group) {
    return SubnetSelection.builder().subnetGroupName(group).build();
  }
}
