package com.securecart.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.changes.Change;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.shared.ValidationException;
import com.securecart.testing.InMemoryShop;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Stock arithmetic over an in-memory store that applies the SQL's conditional updates and CHECKs.
 * That two buyers racing for the last unit cannot both get it depends on the real UPDATE's
 * atomicity: CheckoutConcurrencyIT shows that on H2 and PostgreSQL.
 */
class InventoryApiTest {
  private final InMemoryShop shop = new InMemoryShop();
  private final InventoryApi inventory = shop.inventory;
  private final Instant expiry = shop.clock.instant().plus(Duration.ofMinutes(30));
  private final OrderId order = new OrderId(1);

  @Test
  void reservingHoldsStockWithoutTakingItOffTheShelf() {
    inventory.setOnHand("A-1", 10);

    inventory.reserve(order, List.of(new StockRequest("A-1", 3)), expiry);

    StockLevel level = inventory.level("A-1");
    assertThat(level.onHand()).isEqualTo(10);
    assertThat(level.reserved()).isEqualTo(3);
    assertThat(level.available()).isEqualTo(7);
    assertThat(shop.stock.reservations(1))
        .containsExactly(new Reservation(1, "A-1", 3, Reservation.Status.RESERVED, expiry));
  }

  @Test
  void committingTakesTheGoodsOutAndIsIdempotent() {
    inventory.setOnHand("A-1", 10);
    inventory.reserve(order, List.of(new StockRequest("A-1", 3)), expiry);

    inventory.commit(order);
    inventory.commit(order);

    assertThat(inventory.level("A-1")).isEqualTo(new StockLevel("A-1", 7, 0));
    assertThat(shop.stock.reservations(1))
        .extracting(Reservation::status)
        .containsExactly(Reservation.Status.COMMITTED);
  }

  @Test
  void releasingReturnsReservedStockToSaleAndIsIdempotent() {
    inventory.setOnHand("A-1", 10);
    inventory.reserve(order, List.of(new StockRequest("A-1", 3)), expiry);

    inventory.release(order);
    inventory.release(order);

    assertThat(inventory.level("A-1")).isEqualTo(new StockLevel("A-1", 10, 0));
  }

  @Test
  void releaseAllAlsoReturnsCommittedGoodsOnce() {
    inventory.setOnHand("A-1", 10);
    inventory.setOnHand("B-2", 4);
    inventory.reserve(
        order, List.of(new StockRequest("A-1", 3), new StockRequest("B-2", 4)), expiry);
    inventory.commit(order);
    assertThat(inventory.level("A-1")).isEqualTo(new StockLevel("A-1", 7, 0));

    inventory.releaseAll(order);
    inventory.releaseAll(order);

    assertThat(inventory.level("A-1")).isEqualTo(new StockLevel("A-1", 10, 0));
    assertThat(inventory.level("B-2")).isEqualTo(new StockLevel("B-2", 4, 0));
    assertThat(shop.stock.reservations(1))
        .extracting(Reservation::status)
        .containsOnly(Reservation.Status.RETURNED);
  }

  @Test
  void aReleaseAfterCommitDoesNotGiveBackReservedStockTwice() {
    inventory.setOnHand("A-1", 10);
    inventory.reserve(order, List.of(new StockRequest("A-1", 3)), expiry);
    inventory.commit(order);

    inventory.release(order);

    assertThat(inventory.level("A-1")).isEqualTo(new StockLevel("A-1", 7, 0));
  }

  @Test
  void neverReservesMoreThanIsAvailableAndNamesEveryShortLine() {
    inventory.setOnHand("A-1", 5);
    inventory.setOnHand("B-2", 1);
    inventory.setOnHand("C-3", 9);
    inventory.reserve(new OrderId(7), List.of(new StockRequest("A-1", 3)), expiry);

    // Inside the caller's transaction, as checkout calls it: all lines or none.
    assertThatThrownBy(
            () ->
                shop.transactions.run(
                    () ->
                        inventory.reserve(
                            order,
                            List.of(
                                new StockRequest("C-3", 1),
                                new StockRequest("A-1", 3),
                                new StockRequest("B-2", 2),
                                new StockRequest("UNKNOWN", 1)),
                            expiry)))
        .isInstanceOfSatisfying(
            OutOfStockException.class,
            e ->
                assertThat(e.shortages())
                    .containsExactly(
                        new Shortage("A-1", 3, 2),
                        new Shortage("B-2", 2, 1),
                        new Shortage("UNKNOWN", 1, 0)));
    assertThat(inventory.level("C-3").reserved()).isZero();
    assertThat(shop.stock.reservations(1)).isEmpty();
    // The last units can still be had, exactly.
    inventory.reserve(new OrderId(8), List.of(new StockRequest("A-1", 2)), expiry);
    assertThat(inventory.level("A-1").available()).isZero();
  }

  @Test
  void onHandCannotBeSetBelowWhatIsReservedNorBelowZero() {
    inventory.setOnHand("A-1", 5);
    inventory.reserve(order, List.of(new StockRequest("A-1", 4)), expiry);

    assertThatThrownBy(() -> inventory.setOnHand("A-1", 3))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.type()).isEqualTo("stock-below-reserved"));
    assertThatThrownBy(() -> inventory.setOnHand("A-1", -1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> inventory.setOnHand("A-1", InventoryApi.MAX_ON_HAND + 1))
        .isInstanceOf(ValidationException.class);

    assertThat(inventory.setOnHand("A-1", 4)).isEqualTo(new StockLevel("A-1", 4, 4));
  }

  @Test
  void availableIsNeverNegative() {
    assertThat(new StockLevel("A-1", 2, 5).available()).isZero();
    assertThat(inventory.level("NEW-1")).isEqualTo(new StockLevel("NEW-1", 0, 0));
  }

  @Test
  void adjustingAnUnknownSkuIsNotFound() {
    assertThatThrownBy(() -> inventory.adjustOnHand("NOPE", 3))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.NOT_FOUND));
    assertThat(shop.stock.find("NOPE")).isEmpty();
  }

  @Test
  void expiredReservationsAreFoundOnlyWhileStillReserved() {
    inventory.setOnHand("A-1", 10);
    inventory.reserve(new OrderId(1), List.of(new StockRequest("A-1", 1)), expiry);
    inventory.reserve(new OrderId(2), List.of(new StockRequest("A-1", 1)), expiry);
    inventory.reserve(
        new OrderId(3), List.of(new StockRequest("A-1", 1)), expiry.plus(Duration.ofHours(1)));
    inventory.commit(new OrderId(2));

    assertThat(inventory.ordersWithExpiredReservations(expiry.plusSeconds(1), 10))
        .containsExactly(new OrderId(1));
    assertThat(inventory.ordersWithExpiredReservations(expiry, 10)).isEmpty();
  }

  @Test
  void stockChangesThatMoveAvailabilityAreLoggedButACommitIsNot() {
    inventory.setOnHand("A-1", 10);
    inventory.reserve(order, List.of(new StockRequest("A-1", 3)), expiry);
    inventory.commit(order);

    assertThat(shop.changes.all())
        .extracting(Change::kind, Change::ref)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Change.Kind.STOCK, "A-1"),
            org.assertj.core.groups.Tuple.tuple(Change.Kind.STOCK, "A-1"));
  }

  @Test
  void lowStockListsTheLeastAvailableFirst() {
    inventory.setOnHand("A-1", 10);
    inventory.setOnHand("B-2", 1);
    inventory.setOnHand("C-3", 3);

    assertThat(inventory.lowStock(3, 10)).extracting(StockLevel::sku).containsExactly("B-2", "C-3");
  }
}
