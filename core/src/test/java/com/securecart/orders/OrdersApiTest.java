package com.securecart.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.inventory.Reservation;
import com.securecart.inventory.StockRequest;
import com.securecart.outbox.NewEvent;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.shared.PageRequest;
import com.securecart.shared.Principal;
import com.securecart.testing.CartMother;
import com.securecart.testing.InMemoryShop;
import com.securecart.testing.OrderMother;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The orders facade over in-memory stores. The optimistic-locking tests stage another writer's
 * change at the one point where it matters (between the read and the versioned update); real
 * concurrent transactions are covered by the ITs on H2 and PostgreSQL.
 */
class OrdersApiTest {
  private final InMemoryShop shop = new InMemoryShop();
  private final OrdersApi orders = shop.orders;
  private final Principal alice = CartMother.customer(1);
  private final Principal bob = CartMother.customer(2);

  private static void assertDomainError(
      ThrowingCallable call, DomainException.Kind kind, String type) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.type()).isEqualTo(type);
            });
  }

  private OrderId placeFor(Principal customer) {
    return orders.place(OrderMother.newOrder(customer.customerId())).order().id();
  }

  private List<NewEvent> events() {
    return shop.outbox.events();
  }

  @Test
  void placingRecordsAPendingOrderItsFirstHistoryEntryAndOrderPlaced() {
    PlacedOrder placed = orders.place(OrderMother.newOrder(alice.customerId()));

    OrderId id = placed.order().id();
    assertThat(placed.order().status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(placed.order().number()).matches("SC-[0-9A-Z]{10}");
    assertThat(placed.order().createdAt()).isEqualTo(shop.clock.instant());
    assertThat(orders.find(id)).contains(placed.order());
    assertThat(orders.get(id, alice).history())
        .singleElement()
        .satisfies(h -> assertThat(h.status()).isEqualTo(OrderStatus.PENDING_PAYMENT));
    assertThat(events()).containsExactly(NewEvent.of(OrderEvents.PLACED, id));
    assertThat(orders.paymentDue(id))
        .contains(new PaymentDue(placed.order().totals().total(), "tok_visa"));
  }

  @Test
  void anotherCustomersOrderIsNotFoundButAnAdminSeesIt() {
    OrderId id = placeFor(alice);

    assertThat(orders.get(id, alice).order().id()).isEqualTo(id);
    assertDomainError(() -> orders.get(id, bob), DomainException.Kind.NOT_FOUND, "not-found");
    assertThat(orders.get(id, CartMother.admin(99)).order().id()).isEqualTo(id);
    assertThat(orders.listOwn(bob, new PageRequest(0, 10)).items()).isEmpty();
    assertThat(orders.listOwn(alice, new PageRequest(0, 10)).items())
        .extracting(Order::id)
        .containsExactly(id);
  }

  @Test
  void aGuestReachesHisOrderOnlyWithItsAccessToken() {
    PlacedOrder placed = orders.place(OrderMother.newOrder(null));
    OrderId id = placed.order().id();

    assertThat(orders.getAsGuest(id, placed.accessToken()).order().id()).isEqualTo(id);
    assertDomainError(
        () -> orders.getAsGuest(id, placed.accessToken() + "x"),
        DomainException.Kind.NOT_FOUND,
        "not-found");
    assertDomainError(
        () -> orders.getAsGuest(id, null), DomainException.Kind.NOT_FOUND, "not-found");
    // A signed-in customer does not own a guest order either.
    assertDomainError(() -> orders.get(id, alice), DomainException.Kind.NOT_FOUND, "not-found");
  }

  @Test
  void eachTransitionWritesHistoryAndOneEventNamingWhereItCameFrom() {
    OrderId id = placeFor(alice);

    assertThat(orders.markAuthorized(id, "auth-1")).isTrue();
    assertThat(orders.confirm(id)).isTrue();

    Order order = orders.find(id).orElseThrow();
    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(order.paymentAuthorization()).isEqualTo("auth-1");
    assertThat(order.version()).isEqualTo(2);
    assertThat(orders.get(id, alice).history())
        .extracting(StatusChange::status)
        .containsExactly(
            OrderStatus.PENDING_PAYMENT, OrderStatus.AUTHORIZED, OrderStatus.CONFIRMED);
    assertThat(events())
        .containsExactly(
            NewEvent.of(OrderEvents.PLACED, id),
            new NewEvent(
                OrderEvents.PAYMENT_AUTHORIZED, id.toString(), Map.of("from", "PENDING_PAYMENT")),
            new NewEvent(OrderEvents.CONFIRMED, id.toString(), Map.of("from", "AUTHORIZED")));
  }

  @Test
  void thePaymentTokenIsDroppedOnceTheOrderLeavesPendingPayment() {
    OrderId id = placeFor(alice);
    assertThat(shop.orderRows.holdsPaymentToken(id)).isTrue();

    orders.markPaymentFailed(id, "card declined");

    assertThat(shop.orderRows.holdsPaymentToken(id)).isFalse();
    assertThat(orders.paymentDue(id)).isEmpty();
    assertThat(orders.find(id).orElseThrow().statusReason()).isEqualTo("card declined");
  }

  @Test
  void aRedeliveredTransitionChangesNothingAndWritesNoEvent() {
    OrderId id = placeFor(alice);
    orders.markAuthorized(id, "auth-1");
    int eventsBefore = events().size();

    assertThat(orders.markAuthorized(id, "auth-2")).isFalse();

    assertThat(orders.find(id).orElseThrow().paymentAuthorization()).isEqualTo("auth-1");
    assertThat(events()).hasSize(eventsBefore);
    assertThat(orders.get(id, alice).history()).hasSize(2);
  }

  @Test
  void aTransitionTheStateMachineForbidsIsRefusedAndRecordsNothing() {
    OrderId id = placeFor(alice);
    orders.expire(id);
    int eventsBefore = events().size();

    assertDomainError(
        () -> orders.confirm(id), DomainException.Kind.CONFLICT, "invalid-order-state");
    assertDomainError(
        () -> orders.markAuthorized(id, "late"),
        DomainException.Kind.CONFLICT,
        "invalid-order-state");

    assertThat(orders.status(id)).contains(OrderStatus.EXPIRED);
    assertThat(events()).hasSize(eventsBefore);
    assertThat(shop.transactions.rolledBack()).isEqualTo(2);
  }

  @Test
  void aTransitionOfAnUnknownOrderIsNotFound() {
    assertDomainError(
        () -> orders.confirm(new OrderId(404)), DomainException.Kind.NOT_FOUND, "not-found");
  }

  @Test
  void cancellingReleasesTheStockAndRecordsOrderCancelledInOneTransaction() {
    shop.inventory.setOnHand("SKU-1", 5);
    OrderId id = placeFor(alice);
    shop.inventory.reserve(
        id, List.of(new StockRequest("SKU-1", 2)), shop.clock.instant().plus(Duration.ofHours(1)));
    int transactionsBefore = shop.transactions.started();

    OrderDetails details = orders.cancel(id, Optional.of(alice), Optional.empty());

    assertThat(shop.transactions.started()).isEqualTo(transactionsBefore + 1);
    assertThat(details.order().status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(details.order().statusReason()).isEqualTo("cancelled by customer");
    assertThat(shop.inventory.level("SKU-1").reserved()).isZero();
    assertThat(shop.stock.reservations(id.value()))
        .extracting(Reservation::status)
        .containsExactly(Reservation.Status.RELEASED);
    assertThat(events().getLast())
        .isEqualTo(
            new NewEvent(OrderEvents.CANCELLED, id.toString(), Map.of("from", "PENDING_PAYMENT")));
  }

  @Test
  void aCustomerCannotCancelAnotherCustomersOrder() {
    OrderId id = placeFor(alice);

    assertDomainError(
        () -> orders.cancel(id, Optional.of(bob), Optional.empty()),
        DomainException.Kind.NOT_FOUND,
        "not-found");
    assertDomainError(
        () -> orders.cancel(id, Optional.empty(), Optional.of("guessed")),
        DomainException.Kind.NOT_FOUND,
        "not-found");
    assertThat(orders.status(id)).contains(OrderStatus.PENDING_PAYMENT);
  }

  @Test
  void aFinalOrderCannotBeCancelledAndKeepsItsStock() {
    shop.inventory.setOnHand("SKU-1", 5);
    OrderId id = placeFor(alice);
    shop.inventory.reserve(
        id, List.of(new StockRequest("SKU-1", 2)), shop.clock.instant().plus(Duration.ofHours(1)));
    orders.markAuthorized(id, "auth-1");
    orders.fail(id, "capture failed");

    assertDomainError(
        () -> orders.cancel(id, Optional.of(alice), Optional.empty()),
        DomainException.Kind.CONFLICT,
        "invalid-order-state");
    assertThat(shop.inventory.level("SKU-1").reserved()).isEqualTo(2);
  }

  @Test
  void anUpdateThatLosesToAConcurrentWriterIsRetriedOnTheFreshOrder() {
    OrderId id = placeFor(alice);
    orders.markAuthorized(id, "auth-1");
    // Someone else writes the order (its version moves on) between our read and our update.
    shop.orderRows.writeConcurrentlyBeforeNextUpdate(o -> o);
    int eventsBefore = events().size();

    assertThat(orders.confirm(id)).isTrue();

    assertThat(shop.orderRows.updateAttempts()).isEqualTo(3); // authorize, lost, won
    Order order = orders.find(id).orElseThrow();
    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(order.version()).isEqualTo(3);
    assertThat(events()).hasSize(eventsBefore + 1);
    assertThat(orders.get(id, alice).history()).hasSize(3);
  }

  @Test
  void aConcurrentWriterThatAlreadyMadeTheMoveMakesItARedelivery() {
    OrderId id = placeFor(alice);
    orders.markAuthorized(id, "auth-1");
    shop.orderRows.writeConcurrentlyBeforeNextUpdate(
        o -> OrderMother.withStatus(o, OrderStatus.CONFIRMED, null));
    int eventsBefore = events().size();

    assertThat(orders.confirm(id)).isFalse();

    assertThat(events()).hasSize(eventsBefore);
  }

  @Test
  void aConcurrentWriterThatMovedTheOrderElsewhereMakesTheMoveInvalid() {
    OrderId id = placeFor(alice);
    shop.orderRows.writeConcurrentlyBeforeNextUpdate(
        o -> OrderMother.withStatus(o, OrderStatus.CANCELLED, "cancelled by customer"));

    assertDomainError(
        () -> orders.markAuthorized(id, "auth-1"),
        DomainException.Kind.CONFLICT,
        "invalid-order-state");
    assertThat(orders.status(id)).contains(OrderStatus.CANCELLED);
  }

  @Test
  void anUpdateThatKeepsLosingEndsInAConcurrentUpdateConflictWithNothingWritten() {
    OrderId id = placeFor(alice);
    for (int i = 0; i < 5; i++) {
      shop.orderRows.writeConcurrentlyBeforeNextUpdate(o -> o);
    }
    int eventsBefore = events().size();

    assertDomainError(
        () -> orders.markAuthorized(id, "auth-1"),
        DomainException.Kind.CONFLICT,
        "concurrent-update");

    assertThat(shop.orderRows.updateAttempts()).isEqualTo(5);
    assertThat(orders.status(id)).contains(OrderStatus.PENDING_PAYMENT);
    assertThat(events()).hasSize(eventsBefore);
    assertThat(orders.get(id, alice).history()).hasSize(1);
  }

  @Test
  void adminsListByStatus() {
    OrderId first = placeFor(alice);
    OrderId second = placeFor(bob);
    orders.expire(first);

    assertThat(orders.listAll(OrderStatus.EXPIRED, new PageRequest(0, 10)).items())
        .extracting(Order::id)
        .containsExactly(first);
    assertThat(orders.listAll(null, new PageRequest(0, 10)).items())
        .extracting(Order::id)
        .containsExactly(second, first);
  }
}
