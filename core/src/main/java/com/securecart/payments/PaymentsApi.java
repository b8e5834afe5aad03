package com.securecart.payments;

import com.securecart.payments.Authorization.Status;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import java.time.Clock;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The payments context's public face. Provider calls happen outside database transactions; the
 * pipeline steps apply the matching records in their effects.
 */
public final class PaymentsApi {
  private final PaymentProvider provider;
  private final PaymentRepository payments;
  private final Clock clock;

  public PaymentsApi(PaymentProvider provider, PaymentRepository payments, Clock clock) {
    this.provider = provider;
    this.payments = payments;
    this.clock = clock;
  }

  /** The provider's idempotency key for one kind of call on one order; stable across retries. */
  static String key(OrderId order, String call) {
    return "order-" + order.value() + "-" + call;
  }

  /**
   * Authorizes the order's total once. A repeated call returns the recorded outcome without asking
   * the provider again; if the record was lost, the provider's idempotency key still prevents a
   * second hold.
   */
  public AuthorizationResult authorize(OrderId order, Money amount, String paymentToken) {
    return authorization(order, amount, paymentToken).get();
  }

  /**
   * {@link #authorize} in two halves: reads the recorded outcome now (in the caller's read
   * transaction, which a batch of steps shares), and asks the provider, if still needed, only when
   * the returned call runs, outside any transaction.
   */
  public Supplier<AuthorizationResult> authorization(
      OrderId order, Money amount, String paymentToken) {
    Optional<Authorization> existing = payments.find(order);
    if (existing.isPresent()) {
      Authorization a = existing.get();
      AuthorizationResult recorded =
          switch (a.status()) {
            case AUTHORIZED, CAPTURED -> new AuthorizationResult.Approved(a.authorizationId());
            case REQUIRES_ACTION ->
                new AuthorizationResult.RequiresAction(a.authorizationId(), a.clientSecret());
            case VOIDED, FAILED -> new AuthorizationResult.Declined("payment was not completed");
          };
      return () -> recorded;
    }
    return () -> provider.authorize(key(order, "authorize"), amount, paymentToken);
  }

  /**
   * Records an approved authorization, in the transaction that moves the order on; a second record
   * for the order is ignored.
   */
  public void record(OrderId order, String authorizationId, Money amount) {
    payments.insert(order, authorizationId, amount, Status.AUTHORIZED, null, clock.instant());
  }

  /** Records that the shopper must act before the money is held; the order keeps waiting. */
  public void recordActionRequired(
      OrderId order, AuthorizationResult.RequiresAction action, Money amount) {
    payments.insert(
        order,
        action.authorizationId(),
        amount,
        Status.REQUIRES_ACTION,
        action.clientSecret(),
        clock.instant());
  }

  /** The action the shopper still has to complete for the order's payment, if any. */
  public Optional<AuthorizationResult.RequiresAction> pendingAction(OrderId order) {
    return payments
        .find(order)
        .filter(a -> a.status() == Status.REQUIRES_ACTION)
        .map(a -> new AuthorizationResult.RequiresAction(a.authorizationId(), a.clientSecret()));
  }

  /**
   * Takes the held money from the provider (outside any transaction). True if it is taken (now or
   * before); false if the provider refused for good or there is no hold to take.
   *
   * @throws PaymentUnavailableException when the provider may answer on a retry
   */
  public boolean capture(OrderId order) {
    return capturing(order).getAsBoolean();
  }

  /**
   * {@link #capture} in two halves: reads the payment record now (in the caller's read
   * transaction), and calls the provider, if needed, only when the returned call runs.
   */
  public BooleanSupplier capturing(OrderId order) {
    Optional<Authorization> existing = payments.find(order);
    if (existing.isEmpty()) {
      return () -> false;
    }
    Authorization a = existing.get();
    return switch (a.status()) {
      case CAPTURED -> () -> true;
      case AUTHORIZED ->
          () -> provider.capture(key(order, "capture"), a.authorizationId(), a.amount());
      case REQUIRES_ACTION, VOIDED, FAILED -> () -> false;
    };
  }

  /** Records the capture, in the transaction that confirms the order. */
  public void recordCapture(OrderId order) {
    payments.move(order, Status.AUTHORIZED, Status.CAPTURED, clock.instant());
  }

  /** Voids the order's authorization (or pending action), if it has one not settled yet. */
  public void voidFor(OrderId order) {
    Optional<Authorization> existing = payments.find(order);
    if (existing.isPresent() && existing.get().voidable()) {
      Authorization a = existing.get();
      provider.voidAuthorization(key(order, "cancel"), a.authorizationId());
      payments.move(order, a.status(), Status.VOIDED, clock.instant());
    }
  }

  /**
   * Records a provider event's id; false if it was applied before. Call it in the transaction that
   * applies the event, so that the event is recorded exactly when its effect is.
   */
  public boolean firstDelivery(PaymentEvent event) {
    return payments.recordEvent(event.eventId(), event.type(), clock.instant());
  }

  /** The order whose payment waits for the shopper's action under this provider id, if any. */
  public Optional<OrderId> awaitingAction(String authorizationId) {
    return authorizationId == null
        ? Optional.empty()
        : payments
            .findByAuthorizationId(authorizationId)
            .filter(a -> a.status() == Status.REQUIRES_ACTION)
            .map(Authorization::orderId);
  }

  /**
   * Applies the outcome of the shopper's action to the order's record: true if the record was still
   * waiting for it (so the order may move on).
   */
  public boolean settleAction(OrderId order, PaymentEvent.Outcome outcome) {
    Status to = outcome == PaymentEvent.Outcome.AUTHORIZED ? Status.AUTHORIZED : Status.FAILED;
    return payments.move(order, Status.REQUIRES_ACTION, to, clock.instant());
  }

  Optional<Authorization> authorization(OrderId order) {
    return payments.find(order);
  }
}
