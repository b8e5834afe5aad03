package com.securecart.server.config;

import com.securecart.app.ConfigException;
import java.net.URI;
import java.util.Locale;

/**
 * Where the order pipeline's steps run. {@code inprocess} (the default): this instance's outbox
 * workers run them. {@code stepfunctions}: the steps run as Lambda functions, so the workers only
 * hand events over, orders to the state machine and notifications to the queue (the outbox relay).
 *
 * <p>A server-side group, not part of {@code AppSettings}: only the server's relay calls AWS, and
 * {@code app} stays free of the AWS SDK (ArchitectureTest).
 *
 * @param region the AWS region of the state machine and the queue
 * @param stateMachineArn required in stepfunctions mode
 * @param notificationQueueUrl required in stepfunctions mode
 * @param sfnEndpoint a local stand-in for Step Functions, or null for AWS's own endpoint
 * @param sqsEndpoint a local stand-in for SQS (ElasticMQ), or null for AWS's own endpoint
 */
public record PipelineSettings(
    Mode mode,
    String region,
    String stateMachineArn,
    String notificationQueueUrl,
    URI sfnEndpoint,
    URI sqsEndpoint) {

  public static final String DEFAULT_REGION = "us-east-1";
  public static final PipelineSettings INPROCESS =
      new PipelineSettings(Mode.INPROCESS, DEFAULT_REGION, null, null, null, null);

  /** Where the steps run. */
  public enum Mode {
    INPROCESS,
    STEPFUNCTIONS;

    public static Mode parse(String text) {
      return switch (text.strip().toLowerCase(Locale.ROOT)) {
        case "inprocess" -> INPROCESS;
        case "stepfunctions" -> STEPFUNCTIONS;
        default ->
            throw new ConfigException(
                "SECURECART_PIPELINE (--pipeline) must be inprocess or stepfunctions, got '"
                    + text
                    + "'");
      };
    }
  }

  public PipelineSettings {
    mode = mode == null ? Mode.INPROCESS : mode;
    region = blankToNull(region) == null ? DEFAULT_REGION : region.strip();
    if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
      throw new ConfigException(
          "SECURECART_AWS_REGION must be an AWS region such as us-east-1, got '" + region + "'");
    }
    stateMachineArn = blankToNull(stateMachineArn);
    notificationQueueUrl = blankToNull(notificationQueueUrl);
    if (mode == Mode.STEPFUNCTIONS) {
      if (stateMachineArn == null) {
        throw new ConfigException(
            "SECURECART_STATE_MACHINE_ARN is required with SECURECART_PIPELINE=stepfunctions"
                + " (the order pipeline's state machine, arn:aws:states:...)");
      }
      if (!stateMachineArn.startsWith("arn:")) {
        throw new ConfigException(
            "SECURECART_STATE_MACHINE_ARN must be an ARN (arn:aws:states:REGION:ACCOUNT:"
                + "stateMachine:NAME), got '"
                + stateMachineArn
                + "'");
      }
      if (notificationQueueUrl == null) {
        throw new ConfigException(
            "SECURECART_NOTIFICATION_QUEUE_URL is required with SECURECART_PIPELINE=stepfunctions"
                + " (the SQS queue the e-mail handler reads)");
      }
      endpoint("SECURECART_NOTIFICATION_QUEUE_URL", notificationQueueUrl);
    }
    httpUrl("SECURECART_AWS_ENDPOINT_SFN", sfnEndpoint);
    httpUrl("SECURECART_AWS_ENDPOINT_SQS", sqsEndpoint);
  }

  public boolean stepFunctions() {
    return mode == Mode.STEPFUNCTIONS;
  }

  /** An endpoint override from its variable: null when unset or blank. */
  public static URI endpoint(String name, String text) {
    String value = blankToNull(text);
    if (value == null) {
      return null;
    }
    try {
      return httpUrl(name, new URI(value));
    } catch (java.net.URISyntaxException e) {
      throw new ConfigException(name + " must be an http(s) URL, got '" + value + "'");
    }
  }

  private static URI httpUrl(String name, URI uri) {
    if (uri != null
        && (uri.getHost() == null
            || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())))) {
      throw new ConfigException(name + " must be an http(s) URL, got '" + uri + "'");
    }
    return uri;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text;
  }

  @Override
  public String toString() {
    return mode == Mode.INPROCESS
        ? "inprocess"
        : "stepfunctions("
            + region
            + (sfnEndpoint == null ? "" : ", sfn at " + sfnEndpoint)
            + (sqsEndpoint == null ? "" : ", sqs at " + sqsEndpoint)
            + ")";
  }
}
