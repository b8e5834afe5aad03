package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.securecart.app.Contexts;
import com.securecart.server.testing.LocalSqs;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The notification queue's semantics with the real handler: SQS is ElasticMQ in-process (driven
 * through the AWS SDK v2 client), SES's SMTP interface is GreenMail over SMTPS, and a small poller
 * plays Lambda's event source mapping. The queue has a dead-letter queue after 3 receives.
 */
class NotificationQueueIT {
  private static final int MAX_RECEIVES = 3;

  private static LocalSqs elasticMq;
  private static SqsClient sqs;
  private static GreenMail mail;
  private static NotificationBed bed;
  private static Contexts contexts;
  private static NotificationHandler handler;

  private String queueUrl;
  private String dlqUrl;
  private String dlqArn;
  private SqsPoller poller;

  @BeforeAll
  static void start() {
    elasticMq = LocalSqs.start();
    sqs = elasticMq.client();
    mail = TlsMailServer.start();
    bed = new NotificationBed(NotificationBed.Engine.H2);
    contexts = NotificationBed.contexts(bed, mail);
    handler = new NotificationHandler(contexts);
  }

  @AfterAll
  static void stop() {
    bed.close();
    mail.stop();
    elasticMq.close();
  }

  @BeforeEach
  void queues() {
    String suffix = Long.toString(System.nanoTime());
    dlqUrl = sqs.createQueue(b -> b.queueName("notifications-dlq-" + suffix)).queueUrl();
    dlqArn =
        sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
            .attributes()
            .get(QueueAttributeName.QUEUE_ARN);
    queueUrl =
        sqs.createQueue(
                b ->
                    b.queueName("notifications-" + suffix)
                        .attributes(
                            Map.of(
                                QueueAttributeName.REDRIVE_POLICY,
                                "{\"deadLetterTargetArn\":\""
                                    + dlqArn
                                    + "\",\"maxReceiveCount\":\""
                                    + MAX_RECEIVES
                                    + "\"}")))
            .queueUrl();
    poller = new SqsPoller(sqs, queueUrl);
  }

  @Test
  void aGoodMessageSendsTheConfirmationAndIsDeleted() {
    String email = "good-" + System.nanoTime() + "@example.com";
    long order = bed.confirmedOrder(contexts, email);

    send(body(order, "order.confirmed"));
    SqsPoller.Poll poll = poller.poll(handler);

    assertThat(poll.received()).hasSize(1);
    assertThat(poll.failed()).isEmpty();
    assertThat(TlsMailServer.countFor(mail, email)).isEqualTo(1);
    assertThat(messages(queueUrl)).isZero();
    assertThat(poller.poll(handler).received()).isEmpty();
    assertThat(sentRecorded(order)).isEqualTo(1);
  }

  @Test
  void theSameMessageDeliveredTwiceSendsOneEmailAndBothCopiesAreDeleted() {
    String email = "twice-" + System.nanoTime() + "@example.com";
    long order = bed.confirmedOrder(contexts, email);

    send(body(order, "order.confirmed"));
    send(body(order, "order.confirmed"));
    int received = 0;
    for (int i = 0; i < 5 && received < 2; i++) {
      SqsPoller.Poll poll = poller.poll(handler);
      assertThat(poll.failed()).isEmpty();
      received += poll.received().size();
    }
    // And once more after both were handled, as a late redelivery would be.
    send(body(order, "order.confirmed"));
    assertThat(poller.poll(handler).failed()).isEmpty();

    assertThat(received).isEqualTo(2);
    assertThat(TlsMailServer.countFor(mail, email)).isEqualTo(1);
    assertThat(messages(queueUrl)).isZero();
  }

  @Test
  void aPoisonMessageFailsEachReceiveAndLandsInTheDeadLetterQueueChangingNothing() {
    long before = bed.queryLong("SELECT COUNT(*) FROM notifications_sent");
    int mails = mail.getReceivedMessages().length;
    send("{\"orderId\": \"forty-two\", \"event\": \"order.confirmed\"");

    List<SqsPoller.Poll> polls = pollUntilEmpty(handler);

    assertThat(polls).hasSize(MAX_RECEIVES);
    assertThat(polls).allSatisfy(p -> assertThat(p.failed()).hasSize(1));
    assertThat(polls.stream().map(p -> p.received().getFirst()).distinct()).hasSize(1);
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> messages(dlqUrl) == 1);
    assertThat(bed.queryLong("SELECT COUNT(*) FROM notifications_sent")).isEqualTo(before);
    assertThat(mail.getReceivedMessages()).hasSize(mails);
  }

  @Test
  void anEventThatSendsNoMailAndAnUnknownOrderAreFailuresToo() {
    String email = "wrong-event-" + System.nanoTime() + "@example.com";
    long order = bed.confirmedOrder(contexts, email);
    send(body(order, "order.placed"));
    send(body(Long.MAX_VALUE, "order.confirmed"));

    List<SqsPoller.Poll> polls = pollUntilEmpty(handler);

    assertThat(polls).allSatisfy(p -> assertThat(p.failed()).containsAll(p.received()));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> messages(dlqUrl) == 2);
    assertThat(TlsMailServer.countFor(mail, email)).isZero();
  }

  @Test
  void messagesThatFailedWhileMailWasDownAreRedrivenFromTheDeadLetterQueueAndSentOnce()
      throws IOException {
    String email = "redrive-" + System.nanoTime() + "@example.com";
    long order = bed.confirmedOrder(contexts, email);
    NotificationHandler mailDown = new NotificationHandler(bed.contexts(unusedPort()));

    send(body(order, "order.confirmed"));
    List<SqsPoller.Poll> polls = pollUntilEmpty(mailDown);
    assertThat(polls).hasSize(MAX_RECEIVES);
    assertThat(polls).allSatisfy(p -> assertThat(p.failed()).hasSize(1));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> messages(dlqUrl) == 1);
    assertThat(sentRecorded(order)).as("each failed send gave its claim back").isZero();

    // The operator's redrive once mail is back: the DLQ's messages go back to their source queue.
    sqs.startMessageMoveTask(b -> b.sourceArn(dlqArn));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> messages(queueUrl) == 1);
    SqsPoller.Poll poll = poller.poll(handler);

    assertThat(poll.received()).hasSize(1);
    assertThat(poll.failed()).isEmpty();
    assertThat(TlsMailServer.countFor(mail, email)).isEqualTo(1);
    assertThat(messages(dlqUrl)).isZero();
  }

  private List<SqsPoller.Poll> pollUntilEmpty(NotificationHandler h) {
    List<SqsPoller.Poll> polls = new ArrayList<>();
    for (int i = 0; i < 3 * MAX_RECEIVES; i++) {
      SqsPoller.Poll poll = poller.poll(h);
      if (poll.received().isEmpty()) {
        return polls;
      }
      polls.add(poll);
    }
    throw new AssertionError("the queue never emptied: " + polls);
  }

  private long sentRecorded(long order) {
    return bed.queryLong(
        "SELECT COUNT(*) FROM notifications_sent WHERE order_id = ? AND sent_at IS NOT NULL",
        order);
  }

  private void send(String body) {
    sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body));
  }

  private int messages(String url) {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                b ->
                    b.queueUrl(url)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
            .attributes();
    return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
        + Integer.parseInt(
            attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  static String body(long orderId, String event) {
    return "{\"orderId\": " + orderId + ", \"event\": \"" + event + "\"}";
  }

  private static int unusedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
