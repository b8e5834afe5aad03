package com.securecart.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.batch.IJobDefinition;
import software.amazon.awscdk.services.batch.IJobQueue;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.scheduler.CfnScheduleGroup;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The EventBridge Scheduler schedule that submits the nightly Batch job (the universal target for
 * batch:SubmitJob), with a role that may submit only this definition to this queue, retries, and an
 * encrypted, TLS-only dead-letter queue for submissions that still fail.
 */
public final class NightlySchedule extends Construct {
  static final String GROUP = "securecart-analytics";

  private final Queue deadLetters;
  private final CfnSchedule schedule;

  public NightlySchedule(
      Construct scope,
      String id,
      FoundationStack base,
      IJobQueue queue,
      IJobDefinition job,
      Settings.Batch batch) {
    super(scope, id);
    Stack stack = Stack.of(this);
    deadLetters =
        Queue.Builder.create(this, "DeadLetters")
            .encryption(QueueEncryption.KMS)
            .encryptionMasterKey(base.key())
            .enforceSsl(true)
            .retentionPeriod(Duration.days(14))
            .build();
    Nag.ack(
        deadLetters,
        "AwsSolutions::AwsSolutions-SQS3",
        "This queue is itself the dead-letter queue of the scheduler's target; it has none.");
    Nag.ack(
        deadLetters,
        "Serverless::Serverless-SQSRedrivePolicy",
        "This queue is itself the dead-letter queue of the scheduler's target; it has none.");
    Role role =
        Role.Builder.create(this, "Role")
            .assumedBy(
                ServicePrincipal.Builder.create("scheduler.amazonaws.com")
                    .conditions(
                        Map.of("StringEquals", Map.of("aws:SourceAccount", stack.getAccount())))
                    .build())
            .description("EventBridge Scheduler: submit the nightly analytics job, nothing else")
            .build();
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("batch:SubmitJob"))
            .resources(List.of(queue.getJobQueueArn(), job.getJobDefinitionArn()))
            .build());
    // Written out rather than grantSendMessages, whose KMS actions carry wildcards.
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("sqs:SendMessage"))
            .resources(List.of(deadLetters.getQueueArn()))
            .build());
    role.addToPrincipalPolicy(
        PolicyStatement.Builder.create()
            .actions(List.of("kms:GenerateDataKey", "kms:Decrypt"))
            .resources(List.of(base.key().getKeyArn()))
            .conditions(viaSqs(this))
            .build());
    Nag.ack(
        role,
        "PCI.DSS.321::PCI.DSS.321-IAMNoInlinePolicy",
        "The scheduler role's policy names one job queue, one job definition and its dead-letter"
            + " queue; a managed policy would add nothing.");

    CfnScheduleGroup group = CfnScheduleGroup.Builder.create(this, "Group").name(GROUP).build();
    schedule =
        CfnSchedule.Builder.create(this, "Schedule")
            .name("securecart-nightly")
            .groupName(group.getRef())
            .description("SecureCart nightly analytics: securecart batch nightly on AWS Batch")
            .scheduleExpression(batch.schedule())
            .scheduleExpressionTimezone(batch.timeZone())
            // Off: the run reads a quiet database at a known hour, not somewhere in a window.
            .flexibleTimeWindow(
                CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
            .state("ENABLED")
            .target(
                CfnSchedule.TargetProperty.builder()
                    .arn("arn:" + stack.getPartition() + ":scheduler:::aws-sdk:batch:submitJob")
                    .roleArn(role.getRoleArn())
                    .input(
                        stack.toJsonString(
                            Map.of(
                                "JobName", "securecart-nightly",
                                "JobQueue", queue.getJobQueueArn(),
                                "JobDefinition", job.getJobDefinitionArn())))
                    .retryPolicy(
                        CfnSchedule.RetryPolicyProperty.builder()
                            .maximumRetryAttempts(3)
                            .maximumEventAgeInSeconds(3600)
                            .build())
                    .deadLetterConfig(
                        CfnSchedule.DeadLetterConfigProperty.builder()
                            .arn(deadLetters.getQueueArn())
                            .build())
                    .build())
            .build();
  }

  public Queue deadLetters() {
    return deadLetters;
  }

  public String groupName() {
    return GROUP;
  }

  public CfnSchedule schedule() {
    return schedule;
  }

  /**
   * A key grant for SQS's encryption only: the key is used when SQS asks on the caller's behalf.
   */
  static Map<String, Object> viaSqs(Construct scope) {
    return Map.of(
        "StringEquals",
        Map.of("kms:ViaService", "sqs." + Stack.of(scope).getRegion() + ".amazonaws.com"));
  }
}
