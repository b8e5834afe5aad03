package com.securecart.server.http;

import com.securecart.app.payments.StripeWebhooks;
import com.securecart.payments.PaymentEvent;
import com.securecart.pipeline.PaymentEvents;
import com.securecart.server.security.SecurityEvents;
import com.securecart.shared.DomainException;
import com.securecart.shared.ProblemType;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /api/payments/stripe/webhook}: Stripe's events about payments that waited for the
 * shopper (3-D Secure). The body is read raw, because the signature covers the exact bytes; an
 * event whose signature does not verify is refused with 400 before anything is written. Like every
 * {@code /api/} route it needs no CSRF token (it carries no cookie and acts on nobody's session):
 * the signature is its authentication.
 */
public final class PaymentWebhookRoutes implements RouteTable.Api {
  private final Http http;
  private final StripeWebhooks webhooks;
  private final PaymentEvents events;

  /**
   * @param webhooks null without Stripe payments: then the route answers 404
   */
  public PaymentWebhookRoutes(Http http, StripeWebhooks webhooks, PaymentEvents events) {
    this.http = http;
    this.webhooks = webhooks;
    this.events = events;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules.post("/api/payments/stripe/webhook", this::receive);
  }

  private void receive(ServerRequest req, ServerResponse res) {
    if (webhooks == null) {
      throw DomainException.notFound("Route");
    }
    String body = http.rawBody(req);
    Optional<PaymentEvent> verified =
        webhooks.verify(body, Http.header(req, "Stripe-Signature").orElse(null));
    if (verified.isEmpty()) {
      // Someone other than Stripe, or an old event replayed: worth an alert if it keeps coming.
      SecurityEvents.note(req, SecurityEvents.Event.WEBHOOK_REJECTED, null);
      throw new BadRequest(
          ProblemType.BAD_REQUEST,
          "Invalid signature",
          "The Stripe-Signature header does not verify for this body");
    }
    PaymentEvent event = verified.get();
    events.apply(event);
    // 200 for applied, redelivered and ignored events alike: Stripe stops redelivering on 2xx.
    http.ok(res, Map.of("received", true));
  }
}
