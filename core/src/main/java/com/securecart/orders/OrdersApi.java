package com.securecart.orders;

import com.securecart.inventory.InventoryApi;
import com.securecart.outbox.Outbox;
import com.securecart.shared.DomainException;
import com.securecart.shared.Hashing;
import com.securecart.shared.Ids;
import com.securecart.shared.OrderId;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.Permission;
import com.securecart.shared.Principal;
import com.securecart.shared.ProblemType;
import com.securecart.shared.Transactions;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** The orders context's public face. */
public final class OrdersApi {
  private static final int MAX_OPTIMISTIC_RETRIES = 5;

  private final OrderRepository orders;
  private final InventoryApi inventory;
  private final Transactions transactions;
  private final Outbox outbox;
  private final Clock clock;

  public OrdersApi(
      OrderRepository orders,
      InventoryApi inventory,
      Transactions transactions,
      Outbox outbox,
      Clock clock) {
    this.orders = orders;
    this.inventory = inventory;
    this.transactions = transactions;
    this.outbox = outbox;
    this.clock = clock;
  }

  /**
   * Records a new order awaiting payment, with its first history entry and event. Call inside
   * checkout's tx.
   */
  public PlacedOrder place(NewOrder order) {
    return transactions.inTransaction(
        () -> {
          Instant now = clock.instant();
          String accessToken = Ids.randomToken(24);
          String number = OrderNumbers.next();
          OrderId id = orders.insert(order, number, Hashing.sha256Hex(accessToken), now);
          Order.Transition placed = Order.place(id, number, order, now);
          orders.addHistory(id, placed.order().status(), null, now);
          outbox.append(placed.event());
          return new PlacedOrder(placed.order(), accessToken);
        });
  }

  /**
   * The order if the caller owns it or is staff who may read orders; 404 otherwise, so that
   * existence is not revealed.
   */
  public OrderDetails get(OrderId id, Principal caller) {
    Optional<Order> order =
        caller.may(Permission.ORDERS_READ)
            ? orders.find(id)
            : orders.findOwned(id, caller.customerId());
    return details(order.orElseThrow(() -> DomainException.notFound("Order " + id)));
  }

  /** A guest's order, reached with the access token returned at checkout. */
  public OrderDetails getAsGuest(OrderId id, String accessToken) {
    return details(findAsGuest(id, accessToken));
  }

  public Page<Order> listOwn(Principal caller, PageRequest page) {
    return orders.listOwned(caller.customerId(), page);
  }

  /** Admin listing, optionally by status. */
  public Page<Order> listAll(OrderStatus status, PageRequest page) {
    return orders.listAll(status, page);
  }

  /** Cancels before shipment and releases the stock, in one transaction. */
  public OrderDetails cancel(OrderId id, Optional<Principal> caller, Optional<String> accessToken) {
    Order order =
        caller.isPresent()
            ? get(id, caller.get()).order()
            : findAsGuest(id, accessToken.orElse(null));
    transactions.run(
        () -> {
          transition(order.id(), o -> o.moveTo(OrderStatus.CANCELLED, "cancelled by customer"));
          inventory.releaseAll(order.id());
        });
    return details(orders.find(id).orElseThrow());
  }

  /** The pipeline's read of an order: no ownership, never exposed to clients. */
  public Optional<Order> find(OrderId id) {
    return orders.find(id);
  }

  public Optional<OrderDetails> findDetails(OrderId id) {
    return orders.find(id).map(this::details);
  }

  /** Total and token of an order still awaiting payment; empty once it moved on. */
  public Optional<PaymentDue> paymentDue(OrderId id) {
    return orders.paymentDue(id);
  }

  public Optional<OrderStatus> status(OrderId id) {
    return orders.status(id);
  }

  // The pipeline's transitions. Each returns false if the order is already where it would go (a
  // redelivered
  // event), and throws a conflict if the move is not allowed from where the order is.

  public boolean markAuthorized(OrderId id, String authorization) {
    return transition(id, OrderStatus.AUTHORIZED, o -> o.authorize(authorization));
  }

  public boolean markPaymentFailed(OrderId id, String reason) {
    return transition(
        id, OrderStatus.PAYMENT_FAILED, o -> o.moveTo(OrderStatus.PAYMENT_FAILED, reason));
  }

  public boolean confirm(OrderId id) {
    return transition(id, OrderStatus.CONFIRMED, o -> o.moveTo(OrderStatus.CONFIRMED, null));
  }

  public boolean fail(OrderId id, String reason) {
    return transition(id, OrderStatus.FAILED, o -> o.moveTo(OrderStatus.FAILED, reason));
  }

  public boolean expire(OrderId id) {
    return transition(
        id,
        OrderStatus.EXPIRED,
        o -> o.moveTo(OrderStatus.EXPIRED, "payment not completed in time"));
  }

  private Order findAsGuest(OrderId id, String accessToken) {
    if (accessToken == null || accessToken.isEmpty() || accessToken.length() > 100) {
      throw DomainException.notFound("Order " + id);
    }
    return orders
        .findByAccessToken(id, Hashing.sha256Hex(accessToken))
        .orElseThrow(() -> DomainException.notFound("Order " + id));
  }

  private OrderDetails details(Order order) {
    return new OrderDetails(order, orders.history(order.id()));
  }

  private void transition(OrderId id, Function<Order, Order.Transition> change) {
    transition(id, null, change);
  }

  /**
   * Applies a guarded change with optimistic locking, recording history and the event. Returns
   * false, changing nothing, if the order is already in {@code target} (a redelivered event).
   */
  private boolean transition(
      OrderId id, OrderStatus target, Function<Order, Order.Transition> change) {
    return transactions.inTransaction(
        () -> {
          // The one owner of version conflicts (docs/adr/0014): only here can the guarded change be
          // decided again on the order as it now is. Nobody else retries the 409 below.
          for (int attempt = 0; attempt < MAX_OPTIMISTIC_RETRIES; attempt++) {
            Order current =
                orders.find(id).orElseThrow(() -> DomainException.notFound("Order " + id));
            if (current.status() == target) {
              return false;
            }
            Order.Transition moved = change.apply(current);
            Order next = moved.order();
            Instant now = clock.instant();
            // The payment token is needed only to authorize; once the order moves on it is dropped.
            if (orders.update(next, current.status() == OrderStatus.PENDING_PAYMENT, now)) {
              orders.addHistory(id, next.status(), next.statusReason(), now);
              outbox.append(moved.event());
              return true;
            }
          }
          throw DomainException.conflict(
              ProblemType.CONCURRENT_UPDATE,
              "Concurrent update",
              "The order changed concurrently; try again");
        });
  }
}
