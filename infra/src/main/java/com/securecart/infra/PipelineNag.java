package com.securecart.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.IConstruct;

/** The pipeline's cdk-nag acknowledgements, each on the narrowest construct, with its reason. */
final class PipelineNag {
  private PipelineNag() {}

  static void functions(
      List<PipelineFunction> steps,
      PipelineFunction notifications,
      StateMachine stateMachine,
      Queue deadLetters) {
    List<PipelineFunction> all = new ArrayList<>(steps);
    all.add(notifications);
    for (PipelineFunction f : all) {
      IRole role = f.function().getRole();
      Nag.ack(
          role,
          "AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/"
              + "service-role/AWSLambdaBasicExecutionRole]",
          "AWS's documented policy for a function's own log stream; its log group is made here"
              + " with a name, retention and key.");
      Nag.ack(
          role,
          "AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/"
              + "service-role/AWSLambdaVPCAccessExecutionRole]",
          "AWS's documented policy for a function in a VPC: creating and deleting its network"
              + " interfaces, which the EC2 API only allows on Resource *.");
      Nag.ack(
          role,
          "AwsSolutions::AwsSolutions-IAM5[Resource::*]",
          "Only xray:PutTraceSegments/PutTelemetryRecords are on *: X-Ray has no resource-level"
              + " permissions. Secrets and keys are named by ARN.");
      inline(role);
      // Step Functions invokes the step functions synchronously and retries and compensates
      // itself; the notification function's failed records go to the queue's dead-letter queue.
      Nag.ack(
          f.function(),
          "Serverless::Serverless-LambdaDLQ",
          "Never invoked asynchronously: Step Functions calls synchronously (its Retry and Catch"
              + " handle failure) and SQS records fail over to the queue's own DLQ.");
      // The CDK warns on every SnapStart function in case none is published: the alias is.
      Annotations.of(f.function())
          .acknowledgeWarning(
              "@aws-cdk/aws-lambda:snapStartRequirePublish",
              "The alias live points at the published current version, which SnapStart snaps.");
    }
    Nag.ack(
        stateMachine.getRole(),
        "AwsSolutions::AwsSolutions-IAM5[Resource::*]",
        "Only CloudWatch Logs delivery and X-Ray actions are on *, which those APIs require;"
            + " lambda:InvokeFunction names the six live aliases.");
    inline(stateMachine.getRole());
    Nag.ack(
        deadLetters,
        "Serverless::Serverless-SQSRedrivePolicy",
        "This is the dead-letter queue; its messages are inspected and redriven by a person.");
    Nag.ack(
        notifications.alias(),
        "Serverless::Serverless-LambdaEventSourceMappingDestination",
        "An SQS event source mapping has no on-failure destination; failed records return to"
            + " the queue and move to its dead-letter queue after 5 receives.");
  }

  static void inline(IConstruct role) {
    Nag.ack(
        role,
        "PCI.DSS.321::PCI.DSS.321-IAMNoInlinePolicy",
        "The CDK's grants write this role's policy for this role alone, scoped to the named"
            + " resources; a managed policy would be the same document, shared by no one.");
  }
}
