package com.securecart.app.payments;

import com.securecart.payments.AuthorizationResult;
import com.securecart.payments.PaymentProvider;
import com.securecart.payments.PaymentUnavailableException;
import com.securecart.shared.Money;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.IdempotencyException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCancelParams;
import com.stripe.param.PaymentIntentCaptureParams;
import com.stripe.param.PaymentIntentCreateParams;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Stripe behind the {@link PaymentProvider} port: a PaymentIntent per order, created and confirmed
 * with manual capture (the authorize step holds the money), captured when the order is confirmed,
 * cancelled as the compensation. Every call carries the order's idempotency key as Stripe's {@code
 * Idempotency-Key}, so a retried step reaches the same PaymentIntent.
 *
 * <p>stripe-java's own retries are off: transient failures surface as {@link
 * PaymentUnavailableException} and only the pipeline's RetryPolicy retries them (ADR 0014, one
 * retry layer). Card data never reaches SecureCart: the browser turns it into a PaymentMethod
 * ({@code pm_...}) with Stripe.js, and that id is the checkout's payment token.
 */
public final class StripePaymentProvider implements PaymentProvider {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final StripeClient stripe;

  public StripePaymentProvider(String secretKey, URI apiBase) {
    String base = apiBase.toString();
    this.stripe =
        StripeClient.builder()
            .setApiKey(secretKey)
            .setApiBase(base.endsWith("/") ? base.substring(0, base.length() - 1) : base)
            .setMaxNetworkRetries(0)
            .setConnectTimeout((int) CONNECT_TIMEOUT.toMillis())
            .setReadTimeout((int) READ_TIMEOUT.toMillis())
            .build();
  }

  @Override
  public AuthorizationResult authorize(String idempotencyKey, Money amount, String paymentToken) {
    if (paymentToken == null || !paymentToken.startsWith("pm_")) {
      // Not a Stripe PaymentMethod id (a sandbox token, or anything else): nothing to charge.
      return new AuthorizationResult.Declined("invalid payment method");
    }
    PaymentIntentCreateParams params =
        PaymentIntentCreateParams.builder()
            .setAmount(amount.cents())
            .setCurrency(amount.currencyCode().toLowerCase(Locale.ROOT))
            .setPaymentMethod(paymentToken)
            .addPaymentMethodType("card")
            .setCaptureMethod(PaymentIntentCreateParams.CaptureMethod.MANUAL)
            .setConfirm(true)
            // Lets support find the order from Stripe's dashboard.
            .putMetadata("securecart_request", idempotencyKey)
            .build();
    try {
      PaymentIntent intent = stripe.v1().paymentIntents().create(params, options(idempotencyKey));
      return switch (intent.getStatus()) {
        case "requires_capture", "succeeded" -> new AuthorizationResult.Approved(intent.getId());
        case "requires_action" ->
            new AuthorizationResult.RequiresAction(intent.getId(), intent.getClientSecret());
        default -> new AuthorizationResult.Declined("card declined");
      };
    } catch (CardException e) {
      return new AuthorizationResult.Declined("card declined");
    } catch (InvalidRequestException | IdempotencyException e) {
      // A payment method Stripe does not know or cannot use: retrying the same request cannot help.
      return new AuthorizationResult.Declined("payment could not be processed");
    } catch (StripeException e) {
      throw unavailable("authorize", e);
    }
  }

  @Override
  public boolean capture(String idempotencyKey, String authorizationId, Money amount) {
    try {
      PaymentIntent intent =
          stripe
              .v1()
              .paymentIntents()
              .capture(
                  authorizationId,
                  PaymentIntentCaptureParams.builder().setAmountToCapture(amount.cents()).build(),
                  options(idempotencyKey));
      return "succeeded".equals(intent.getStatus());
    } catch (CardException | InvalidRequestException | IdempotencyException e) {
      // The hold expired or was cancelled: no retry will take the money.
      return false;
    } catch (StripeException e) {
      throw unavailable("capture", e);
    }
  }

  @Override
  public void voidAuthorization(String idempotencyKey, String authorizationId) {
    try {
      stripe
          .v1()
          .paymentIntents()
          .cancel(
              authorizationId,
              PaymentIntentCancelParams.builder()
                  .setCancellationReason(PaymentIntentCancelParams.CancellationReason.ABANDONED)
                  .build(),
              options(idempotencyKey));
    } catch (InvalidRequestException e) {
      // Already cancelled (or never held): releasing twice is harmless.
    } catch (StripeException e) {
      throw unavailable("cancel", e);
    }
  }

  private static RequestOptions options(String idempotencyKey) {
    return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
  }

  /**
   * Rate limits, 5xx, network failures, and Stripe refusing our key (a configuration fault that an
   * operator fixes while the pipeline retries): the same request may succeed later.
   */
  private static PaymentUnavailableException unavailable(String call, StripeException e) {
    return new PaymentUnavailableException(
        "Stripe "
            + call
            + " failed (HTTP "
            + e.getStatusCode()
            + ", request "
            + e.getRequestId()
            + ")",
        e);
  }
}
