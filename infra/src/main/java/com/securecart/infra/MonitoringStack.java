package com.securecart.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard over every tier, Compute Optimizer enrollment, and an X-Ray sampling
 * rule that keeps more of the checkout path. The tiers' alarms live with their resources
 * (TierAlarms); this stack reads what they publish.
 *
 * <p>The pipeline and data rows use the stacks' own metrics. The load balancer, Auto Scaling, ECS
 * and Batch rows use CloudWatch SEARCH expressions by namespace and dimension names, so this stack
 * needs none of those tiers' constructs (and creates no exports on them): they show whatever
 * SecureCart's resources of that kind publish in the account and region.
 */
public final class MonitoringStack extends SecureCartStack {
  static final String DASHBOARD = "SecureCart";
  static final Duration PERIOD = Duration.minutes(5);

  public MonitoringStack(Construct scope, String id, Infra.Stacks stacks, Settings settings) {
    super(scope, id, "SecureCart monitoring: dashboard, Compute Optimizer");
    Dashboard dashboard =
        Dashboard.Builder.create(this, "Dashboard")
            .dashboardName(DASHBOARD)
            .defaultInterval(Duration.hours(3))
            .build();
    // The CDK tags dashboards, but cfn-lint's schema (on this machine) rejects Tags on
    // AWS::CloudWatch::Dashboard; a dashboard costs a flat fee, so its tags allocate nothing.
    Tags.of(dashboard).remove("application");
    Tags.of(dashboard).remove("stack");
    dashboard.addWidgets(
        row("Web, checkout and admin (Application Load Balancers, EC2 Auto Scaling)"));
    dashboard.addWidgets(
        graph(
            "ALB target p99 (s)",
            search("{AWS/ApplicationELB,LoadBalancer} MetricName=\"TargetResponseTime\"", "p99")),
        graph(
            "ALB 5xx",
            search(
                "{AWS/ApplicationELB,LoadBalancer} MetricName=\"HTTPCode_Target_5XX_Count\"",
                "Sum")),
        graph(
            "Auto Scaling groups CPU (%)",
            search("{AWS/EC2,AutoScalingGroupName} MetricName=\"CPUUtilization\"", "Average")));
    dashboard.addWidgets(row("Catalog, search, cart (ECS on Fargate)"));
    dashboard.addWidgets(
        graph(
            "Services CPU (%)",
            search("{AWS/ECS,ClusterName,ServiceName} MetricName=\"CPUUtilization\"", "Average")),
        graph(
            "Services memory (%)",
            search(
                "{AWS/ECS,ClusterName,ServiceName} MetricName=\"MemoryUtilization\"", "Average")));
    pipeline(dashboard, stacks.pipeline(), settings);
    dashboard.addWidgets(row("Data (Aurora PostgreSQL)"));
    dashboard.addWidgets(
        graph("Aurora CPU (%)", rds("CPUUtilization", "Average")),
        graph("Aurora connections", rds("DatabaseConnections", "Maximum")));
    dashboard.addWidgets(row("Analytics (AWS Batch nightly job)"));
    dashboard.addWidgets(
        graph(
            "Batch job events (EventBridge rule invocations)",
            search("{AWS/Events,RuleName} MetricName=\"Invocations\"", "Sum")));

    computeOptimizer(stacks);
  }

  private void pipeline(Dashboard dashboard, PipelineStack pipeline, Settings settings) {
    MetricOptions sum = MetricOptions.builder().period(PERIOD).statistic("Sum").build();
    MetricOptions p99 = MetricOptions.builder().period(PERIOD).statistic("p99").build();
    dashboard.addWidgets(row("Order pipeline and notifications (Step Functions, Lambda, SQS)"));
    List<IMetric> errors = new ArrayList<>();
    List<IMetric> durations = new ArrayList<>();
    List<PipelineFunction> functions = new ArrayList<>(pipeline.stepFunctions());
    functions.add(pipeline.notifications());
    for (PipelineFunction f : functions) {
      errors.add(f.function().metricErrors(sum));
      durations.add(f.function().metricDuration(p99));
    }
    dashboard.addWidgets(
        graph(
            "Order pipeline executions",
            pipeline.stateMachine().metricStarted(sum),
            pipeline.stateMachine().metricSucceeded(sum),
            pipeline.stateMachine().metricFailed(sum),
            pipeline.stateMachine().metricTimedOut(sum)),
        GraphWidget.Builder.create().title("Lambda errors").left(errors).width(8).build(),
        GraphWidget.Builder.create()
            .title("Lambda p99 duration (ms)")
            .left(durations)
            .leftAnnotations(
                List.of(
                    software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation.builder()
                        .value(settings.pipeline().timeoutSeconds() * 1000)
                        .label("timeout")
                        .build()))
            .width(8)
            .build());
    dashboard.addWidgets(
        graph(
            "Notification queue: oldest message (s)",
            pipeline
                .notificationQueue()
                .metricApproximateAgeOfOldestMessage(
                    MetricOptions.builder().period(PERIOD).statistic("Maximum").build())),
        graph(
            "Notification dead letters",
            pipeline
                .deadLetterQueue()
                .metricApproximateNumberOfMessagesVisible(
                    MetricOptions.builder().period(PERIOD).statistic("Maximum").build())));
  }

  /**
   * Compute Optimizer enrollment for this account (it judges the EC2, Auto Scaling, Lambda and ECS
   * sizes; the CloudWatch agent's memory metric feeds it). There is no CloudFormation resource for
   * it, so one SDK call on create and update; deleting the stack leaves the enrollment.
   */
  private void computeOptimizer(Infra.Stacks stacks) {
    AwsSdkCall enroll =
        AwsSdkCall.builder()
            .service("ComputeOptimizer")
            .action("updateEnrollmentStatus")
            .parameters(Map.of("status", "Active"))
            .physicalResourceId(PhysicalResourceId.of("securecart-compute-optimizer-enrollment"))
            .build();
    AwsCustomResource enrollment =
        AwsCustomResource.Builder.create(this, "ComputeOptimizerEnrollment")
            .onCreate(enroll)
            .onUpdate(enroll)
            .installLatestAwsSdk(false)
            .memorySize(256)
            .logGroup(
                LogGroup.Builder.create(this, "ComputeOptimizerEnrollmentLogs")
                    .retention(RetentionDays.ONE_YEAR)
                    .encryptionKey(stacks.foundation().key())
                    .build())
            .policy(
                AwsCustomResourcePolicy.fromStatements(
                    List.of(
                        PolicyStatement.Builder.create()
                            .actions(List.of("compute-optimizer:UpdateEnrollmentStatus"))
                            .resources(List.of("*"))
                            .build(),
                        // Enrollment creates Compute Optimizer's service-linked role, once.
                        PolicyStatement.Builder.create()
                            .actions(List.of("iam:CreateServiceLinkedRole"))
                            .resources(
                                List.of(
                                    "arn:"
                                        + getPartition()
                                        + ":iam::"
                                        + getAccount()
                                        + ":role/aws-service-role/compute-optimizer.amazonaws.com/"
                                        + "AWSServiceRoleForComputeOptimizer"))
                            .conditions(
                                Map.of(
                                    "StringLike",
                                    Map.of(
                                        "iam:AWSServiceName", "compute-optimizer.amazonaws.com")))
                            .build())))
            .build();
    MonitoringNag.enrollment(this, enrollment);
  }

  private MathExpression search(String query, String statistic) {
    return MathExpression.Builder.create()
        .expression("SEARCH('" + query + "', '" + statistic + "', 300)")
        .usingMetrics(Map.of())
        .period(PERIOD)
        .build();
  }

  private static Metric rds(String name, String statistic) {
    return Metric.Builder.create()
        .namespace("AWS/RDS")
        .metricName(name)
        .dimensionsMap(Map.of("DBClusterIdentifier", DataStack.CLUSTER))
        .statistic(statistic)
        .period(PERIOD)
        .build();
  }

  private static GraphWidget graph(String title, IMetric... metrics) {
    return GraphWidget.Builder.create().title(title).left(List.of(metrics)).width(8).build();
  }

  private static IWidget row(String title) {
    return TextWidget.Builder.create().markdown("## " + title).width(24).height(1).build();
  }
}
