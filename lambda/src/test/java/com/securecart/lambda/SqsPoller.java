package com.securecart.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * What Lambda's SQS event source mapping does with {@code ReportBatchItemFailures}: receive a
 * batch, hand it to the function as an SQSEvent, delete the records that did not fail, leave the
 * failed ones to come back. One shortcut: a failed record's visibility timeout is cut to 0 so that
 * the next poll sees it at once, instead of after the queue's timeout.
 */
final class SqsPoller {
  /** One poll: what was received and which of it failed. */
  record Poll(List<String> received, Set<String> failed) {}

  private final SqsClient sqs;
  private final String queueUrl;

  SqsPoller(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  Poll poll(NotificationHandler handler) {
    List<Message> messages =
        sqs.receiveMessage(
                b ->
                    b.queueUrl(queueUrl)
                        .maxNumberOfMessages(10)
                        .waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
            .messages();
    if (messages.isEmpty()) {
      return new Poll(List.of(), Set.of());
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(messages.stream().map(SqsPoller::record).toList());
    SQSBatchResponse response = handler.handleRequest(event, null);
    Set<String> failed =
        response.getBatchItemFailures().stream()
            .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
            .collect(Collectors.toSet());
    for (Message m : messages) {
      if (failed.contains(m.messageId())) {
        sqs.changeMessageVisibility(
            b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()).visibilityTimeout(0));
      } else {
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
      }
    }
    return new Poll(messages.stream().map(Message::messageId).toList(), failed);
  }

  private static SQSEvent.SQSMessage record(Message m) {
    SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
    r.setMessageId(m.messageId());
    r.setReceiptHandle(m.receiptHandle());
    r.setBody(m.body());
    r.setMd5OfBody(m.md5OfBody());
    r.setEventSource("aws:sqs");
    r.setAttributes(
        m.attributes().entrySet().stream()
            .collect(Collectors.toMap(e -> e.getKey().toString(), Map.Entry::getValue)));
    return r;
  }
}
