package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.icegreen.greenmail.util.GreenMail;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two execution environments (two handlers, each with its own pool, as two concurrent Lambda
 * invocations would have) get the same SQS message at the same moment: exactly one e-mail per
 * order, and neither reports a failure, so SQS deletes both copies. On H2 and on PostgreSQL, whose
 * locking differs.
 */
class NotificationClaimRaceIT {
  private static final int ORDERS = 25;

  private static GreenMail mail;

  @BeforeAll
  static void start() {
    mail = TlsMailServer.start();
  }

  @AfterAll
  static void stop() {
    mail.stop();
  }

  @ParameterizedTest
  @EnumSource(NotificationBed.Engine.class)
  void twoHandlersRacingOnOneMessageSendOneEmail(NotificationBed.Engine engine) throws Exception {
    try (NotificationBed bed = new NotificationBed(engine);
        ExecutorService pool = Executors.newFixedThreadPool(2)) {
      NotificationHandler first = new NotificationHandler(NotificationBed.contexts(bed, mail));
      NotificationHandler second = new NotificationHandler(NotificationBed.contexts(bed, mail));
      var setup = NotificationBed.contexts(bed, mail);
      String run = engine + "-" + System.nanoTime();

      for (int i = 0; i < ORDERS; i++) {
        String email = "race-" + run + "-" + i + "@example.com";
        long order = bed.confirmedOrder(setup, email);
        SQSEvent event = event("m-" + i, NotificationQueueIT.body(order, "order.confirmed"));
        CyclicBarrier together = new CyclicBarrier(2);
        Future<SQSBatchResponse> a = pool.submit(() -> invoke(first, event, together));
        Future<SQSBatchResponse> b = pool.submit(() -> invoke(second, event, together));

        assertThat(a.get().getBatchItemFailures()).isEmpty();
        assertThat(b.get().getBatchItemFailures()).isEmpty();
        assertThat(TlsMailServer.countFor(mail, email)).as(email).isEqualTo(1);
        assertThat(
                bed.queryLong(
                    "SELECT COUNT(*) FROM notifications_sent"
                        + " WHERE order_id = ? AND sent_at IS NOT NULL",
                    order))
            .isEqualTo(1);
      }
    }
  }

  private static SQSBatchResponse invoke(
      NotificationHandler handler, SQSEvent event, CyclicBarrier together) throws Exception {
    together.await();
    return handler.handleRequest(event, null);
  }

  private static SQSEvent event(String messageId, String body) {
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setMessageId(messageId);
    message.setBody(body);
    message.setEventSource("aws:sqs");
    SQSEvent event = new SQSEvent();
    event.setRecords(List.of(message));
    return event;
  }
}
