package com.securecart.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.securecart.app.AppSettings;
import com.securecart.app.ConfigException;
import com.securecart.app.Contexts;
import com.securecart.app.MailSettings;
import com.securecart.pipeline.Effect;
import com.securecart.pipeline.Step;
import com.securecart.shared.OrderId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The customer e-mails under Step Functions: SQS delivers {@code {"orderId": 42, "event":
 * "order.confirmed"}} (or {@code order.payment-failed}), and the notifying step whose trigger is
 * that event runs, its Effect applied in one transaction, as the in-process runner would.
 *
 * <p>Each record stands alone: the answer lists the ids of the records that failed, so that SQS
 * deletes the others (the event source mapping must enable {@code ReportBatchItemFailures}). A
 * failed record is received again until the queue's {@code maxReceiveCount}, then moves to the
 * dead-letter queue; a malformed one never succeeds, so it lands there and changes nothing. A
 * record delivered twice, even to two concurrent invocations, sends one e-mail: the step claims
 * (order, kind) before sending (docs/adr/0017). The handler does not retry: SQS redelivery does.
 */
public final class NotificationHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final System.Logger LOG = System.getLogger(NotificationHandler.class.getName());

  private final Contexts contexts;
  private final Map<String, Step> byTrigger;

  /**
   * The managed runtime's entry point: the contexts of this execution environment, once its
   * settings send mail over SMTP with TLS required ({@link #requireSmtpWithTls}).
   */
  public NotificationHandler() {
    this(checkedContexts());
  }

  private static Contexts checkedContexts() {
    requireSmtpWithTls(LambdaWiring.settings());
    return LambdaWiring.contexts();
  }

  /**
   * Refuses, at cold start, settings that would not send the customer's e-mail or would send it
   * unprotected: without {@code SECURECART_SMTP_HOST} the mail would go to the local mailbox, which
   * nobody reads under Lambda; Amazon SES requires TLS, so {@code SECURECART_SMTP_TLS} must be
   * {@code implicit} or {@code starttls-required} (docs/adr/0017).
   */
  static AppSettings requireSmtpWithTls(AppSettings settings) {
    MailSettings mail = settings.mail();
    if (!mail.smtp()) {
      throw new ConfigException(
          "the notification function needs SECURECART_SMTP_HOST (Amazon SES's SMTP endpoint):"
              + " without it customer e-mail would go to the local mailbox, which nobody reads"
              + " here");
    }
    if (!mail.tls().required()) {
      throw new ConfigException(
          "the notification function needs SECURECART_SMTP_TLS=implicit (port 465) or"
              + " starttls-required (587), got "
              + mail.tls().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return settings;
  }

  /** For tests: contexts wired by the caller. */
  public NotificationHandler(Contexts contexts) {
    this.contexts = contexts;
    this.byTrigger =
        contexts.pipeline().steps().stream()
            .filter(Step::notifies)
            .collect(Collectors.toUnmodifiableMap(Step::trigger, Function.identity()));
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    List<SQSEvent.SQSMessage> records = event == null ? null : event.getRecords();
    for (SQSEvent.SQSMessage message : records == null ? List.<SQSEvent.SQSMessage>of() : records) {
      try {
        handle(message.getBody());
      } catch (RuntimeException e) {
        // The id and the error's type only: the body is the queue's to keep (and the DLQ's).
        LOG.log(
            System.Logger.Level.WARNING,
            "notification message {0} failed: {1}",
            message.getMessageId(),
            e.getClass().getName());
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }

  /** Runs the notifying step the message names; throws when it failed or the message is bad. */
  void handle(String body) {
    StepInput input = parse(body);
    Step step = byTrigger.get(input.event());
    if (step == null) {
      throw new BadEventException("no notification is sent on " + input.event());
    }
    OrderId order = new OrderId(input.orderId());
    if (contexts.orders().find(order).isEmpty()) {
      throw new BadEventException("unknown order");
    }
    Effect effect = step.run(order);
    contexts.database().transactions().run(effect::apply);
  }

  /**
   * {@code {"orderId": <positive whole number>, "event": "<event type>"}}, or BadEventException:
   * the same strict mapping as the step handlers' events.
   */
  static StepInput parse(String body) {
    return EventJson.read(body, StepInput.class);
  }
}
