package com.securecart.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.securecart.lambda.testing.RuntimeApiHarness;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping (with {@code ReportBatchItemFailures}) does for a function
 * running under the runtime client: receive a batch, invoke the function with the SQS event in
 * Lambda's JSON shape, delete what did not fail. As in {@link SqsPoller}, a failed record is made
 * visible again at once instead of after the queue's visibility timeout.
 */
final class ScenarioSqsEventSource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration INVOKE_TIMEOUT = Duration.ofSeconds(60);

  private final SqsClient sqs;
  private final String queueUrl;
  private final ScenarioStepFunctions.Function function;

  ScenarioSqsEventSource(SqsClient sqs, String queueUrl, ScenarioStepFunctions.Function function) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.function = function;
  }

  /** One poll; how many messages it handed to the function. */
  int poll() throws Exception {
    List<Message> messages =
        sqs.receiveMessage(
                b ->
                    b.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    if (messages.isEmpty()) {
      return 0;
    }
    ObjectNode event = JSON.createObjectNode();
    ArrayNode records = event.putArray("Records");
    for (Message m : messages) {
      ObjectNode record = records.addObject();
      record.put("messageId", m.messageId());
      record.put("receiptHandle", m.receiptHandle());
      record.put("body", m.body());
      record.put("md5OfBody", m.md5OfBody());
      ObjectNode attributes = record.putObject("attributes");
      m.attributes().forEach((k, v) -> attributes.put(k.toString(), v));
      record.putObject("messageAttributes");
      record.put("eventSource", "aws:sqs");
      record.put("eventSourceARN", "arn:aws:sqs:us-east-1:123456789012:securecart-notifications");
      record.put("awsRegion", "us-east-1");
    }
    RuntimeApiHarness.Result result =
        function.api.invoke(JSON.writeValueAsString(event), INVOKE_TIMEOUT);
    Set<String> failed = new HashSet<>();
    switch (result) {
      case RuntimeApiHarness.Result.Success success -> {
        JsonNode response = JSON.readTree(success.body());
        response
            .path("batchItemFailures")
            .forEach(f -> failed.add(f.path("itemIdentifier").asText()));
      }
      case RuntimeApiHarness.Result.Failure failure -> {
        // The whole batch failed: every record comes back.
        messages.forEach(m -> failed.add(m.messageId()));
      }
    }
    for (Message m : messages) {
      if (failed.contains(m.messageId())) {
        sqs.changeMessageVisibility(
            b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
      } else {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return messages.size();
  }
}
