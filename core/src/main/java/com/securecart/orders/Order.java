package com.securecart.orders;

import com.securecart.outbox.NewEvent;
import com.securecart.shared.CustomerId;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.shared.ProblemType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The order aggregate. It is immutable; a transition returns the changed order together with the
 * event it records, and only the transitions the state machine allows are possible. {@code version}
 * guards concurrent writers (optimistic locking).
 *
 * <p>Why a final class and not a record: a public record's canonical constructor is public, so
 * anyone could build, say, a CONFIRMED order out of nothing and skip the state machine. Here the
 * constructor is private and an order comes from one of two named doors: {@link #place} (a new
 * order, always {@code PENDING_PAYMENT}, with its {@code order.placed} event) and {@link
 * #rehydrate} (an order as it was stored, for repositories and test data). Accessors keep the
 * record's names, and equality is still by value.
 */
public final class Order {
  private final OrderId id;
  private final String number;
  private final CustomerId customer;
  private final String email;
  private final Address shippingAddress;
  private final List<OrderLine> lines;
  private final OrderTotals totals;
  private final OrderStatus status;
  private final String statusReason;
  private final String paymentAuthorization;
  private final Instant createdAt;
  private final int version;

  /**
   * A new order and the event it records, or a transition's result: the order it moved to and the
   * event that tells the pipeline so. The event is to be appended to the outbox in the transaction
   * that stores the order.
   */
  record Transition(Order order, NewEvent event) {
    Transition {
      Objects.requireNonNull(order);
      Objects.requireNonNull(event);
    }
  }

  private Order(
      OrderId id,
      String number,
      CustomerId customer,
      String email,
      Address shippingAddress,
      List<OrderLine> lines,
      OrderTotals totals,
      OrderStatus status,
      String statusReason,
      String paymentAuthorization,
      Instant createdAt,
      int version) {
    this.id = Objects.requireNonNull(id, "id");
    this.number = Objects.requireNonNull(number, "number");
    this.customer = customer;
    this.email = email;
    this.shippingAddress = shippingAddress;
    this.lines = List.copyOf(lines);
    this.totals = Objects.requireNonNull(totals, "totals");
    this.status = Objects.requireNonNull(status, "status");
    this.statusReason = statusReason;
    this.paymentAuthorization = paymentAuthorization;
    this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
    this.version = version;
  }

  /**
   * A new order, just stored under {@code id}: it awaits payment, has no history of its own yet and
   * records {@code order.placed}.
   */
  static Transition place(OrderId id, String number, NewOrder order, Instant now) {
    Order placed =
        new Order(
            id,
            number,
            order.customer(),
            order.email(),
            order.shippingAddress(),
            order.lines(),
            order.totals(),
            OrderStatus.PENDING_PAYMENT,
            null,
            null,
            now,
            0);
    return new Transition(placed, NewEvent.of(OrderEvents.PLACED, id));
  }

  /**
   * An order as it was stored, in whatever status it reached through its transitions. For
   * repositories (and test data); application code moves orders only through transitions.
   */
  public static Order rehydrate(
      OrderId id,
      String number,
      CustomerId customer,
      String email,
      Address shippingAddress,
      List<OrderLine> lines,
      OrderTotals totals,
      OrderStatus status,
      String statusReason,
      String paymentAuthorization,
      Instant createdAt,
      int version) {
    return new Order(
        id,
        number,
        customer,
        email,
        shippingAddress,
        lines,
        totals,
        status,
        statusReason,
        paymentAuthorization,
        createdAt,
        version);
  }

  public OrderId id() {
    return id;
  }

  public String number() {
    return number;
  }

  public CustomerId customer() {
    return customer;
  }

  public String email() {
    return email;
  }

  public Address shippingAddress() {
    return shippingAddress;
  }

  public List<OrderLine> lines() {
    return lines;
  }

  public OrderTotals totals() {
    return totals;
  }

  public OrderStatus status() {
    return status;
  }

  public String statusReason() {
    return statusReason;
  }

  public String paymentAuthorization() {
    return paymentAuthorization;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public int version() {
    return version;
  }

  public boolean guest() {
    return customer == null;
  }

  /**
   * Moves to {@code target} if the state machine allows it, keeping the payment authorization;
   * throws a conflict otherwise. The event is the target's, with the status it came {@code from}.
   */
  Transition moveTo(OrderStatus target, String reason) {
    return transitionTo(target, reason, paymentAuthorization);
  }

  /** Payment was authorized: the order keeps the authorization, to capture or void it later. */
  Transition authorize(String authorization) {
    return transitionTo(OrderStatus.AUTHORIZED, null, authorization);
  }

  private Transition transitionTo(OrderStatus target, String reason, String authorization) {
    if (!status.canTransitionTo(target)) {
      throw DomainException.conflict(
          ProblemType.INVALID_ORDER_STATE,
          "Order cannot change state",
          "An order that is " + status + " cannot become " + target);
    }
    Order next = with(target, reason, authorization);
    return new Transition(
        next,
        new NewEvent(OrderEvents.forStatus(target), id.toString(), Map.of("from", status.name())));
  }

  /**
   * The one copy: what a transition may change. The version stays; the repository's update checks
   * it and counts it up.
   */
  private Order with(OrderStatus newStatus, String newReason, String newAuthorization) {
    return new Order(
        id,
        number,
        customer,
        email,
        shippingAddress,
        lines,
        totals,
        newStatus,
        newReason,
        newAuthorization,
        createdAt,
        version);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Order other
        && version == other.version
        && id.equals(other.id)
        && number.equals(other.number)
        && Objects.equals(customer, other.customer)
        && Objects.equals(email, other.email)
        && Objects.equals(shippingAddress, other.shippingAddress)
        && lines.equals(other.lines)
        && totals.equals(other.totals)
        && status == other.status
        && Objects.equals(statusReason, other.statusReason)
        && Objects.equals(paymentAuthorization, other.paymentAuthorization)
        && createdAt.equals(other.createdAt);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        id,
        number,
        customer,
        email,
        shippingAddress,
        lines,
        totals,
        status,
        statusReason,
        paymentAuthorization,
        createdAt,
        version);
  }

  @Override
  public String toString() {
    return "Order[id=" + id + ", number=" + number + ", status=" + status + "]";
  }
}
