package com.securecart.infra;

import software.amazon.awscdk.customresources.AwsCustomResource;
import software.constructs.IConstruct;

/** The monitoring stack's cdk-nag acknowledgements, each with its reason. */
final class MonitoringNag {
  /** The construct id of the CDK's singleton function behind every AwsCustomResource. */
  static final String PROVIDER = "AWS679f53fac002430cb0da5b7982bd2287";

  private MonitoringNag() {}

  static void enrollment(MonitoringStack stack, AwsCustomResource enrollment) {
    Nag.ack(
        enrollment,
        "AwsSolutions::AwsSolutions-IAM5[Resource::*]",
        "compute-optimizer:UpdateEnrollmentStatus has no resource-level permissions: AWS's"
            + " authorization reference allows only Resource * for it.");
    PipelineNag.inline(enrollment);
    IConstruct provider = stack.getNode().findChild(PROVIDER);
    Nag.ack(
        provider,
        "AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/"
            + "service-role/AWSLambdaBasicExecutionRole]",
        "The CDK's custom-resource function writes only its own logs with AWS's documented"
            + " policy; it runs once per deployment.");
    Nag.ack(
        provider,
        "PCI.DSS.321::PCI.DSS.321-LambdaInsideVPC",
        "The deployment-time SDK call to Compute Optimizer touches no data and no VPC resource;"
            + " it reaches the public AWS API only.");
    Nag.ack(
        provider,
        "Serverless::Serverless-LambdaDLQ",
        "CloudFormation invokes the custom-resource function and fails the deployment when it"
            + " fails; there is no asynchronous event to keep.");
    Nag.ack(
        provider,
        "Serverless::Serverless-LambdaTracing",
        "The CDK's custom-resource function offers no tracing option; it runs one SDK call per"
            + " deployment.");
  }
}
