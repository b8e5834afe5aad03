package com.securecart.checkout;

import static com.securecart.testing.ProductMother.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.cart.OpenCart;
import com.securecart.inventory.OutOfStockException;
import com.securecart.inventory.Reservation;
import com.securecart.inventory.Shortage;
import com.securecart.inventory.StockLevel;
import com.securecart.orders.Order;
import com.securecart.orders.OrderEvents;
import com.securecart.orders.OrderLine;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrderTotals;
import com.securecart.orders.PlacedOrder;
import com.securecart.outbox.NewEvent;
import com.securecart.sales.NewSale;
import com.securecart.sales.PurchaseLimitExceededException;
import com.securecart.shared.CartId;
import com.securecart.shared.DomainException;
import com.securecart.shared.Money;
import com.securecart.shared.Principal;
import com.securecart.shared.ProductId;
import com.securecart.shared.ValidationException;
import com.securecart.testing.CartMother;
import com.securecart.testing.InMemoryShop;
import com.securecart.testing.ProductMother;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Checkout over in-memory stores whose transaction rolls back like a database's, so that "all or
 * nothing" can be checked: every write checkout makes must sit inside its one transaction. What the
 * row locks and conditional updates do when checkouts race is left to CheckoutConcurrencyIT.
 */
class CheckoutApiTest {
  /** 19 % in Germany, 20 % elsewhere; 4.99 shipping, free from 50.00. */
  private static final PricingRules PRICING =
      new PricingRules(Map.of("DE", 1_900), 2_000, 499, 5_000);

  private final InMemoryShop shop = new InMemoryShop();
  private final CheckoutApi checkout = shop.checkout(PRICING);
  private final Principal alice = CartMother.customer(1);
  private final Principal bob = CartMother.customer(2);
  private final ProductId lamp = shop.catalog.create(product("LAMP-1", 2_000), 10);
  private final ProductId desk = shop.catalog.create(product("DESK-1", 10_000), 1);

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

  private CartId cartOf(Principal customer, Object... productsAndQuantities) {
    CartId cart = shop.cart.open(Optional.of(customer));
    for (int i = 0; i < productsAndQuantities.length; i += 2) {
      shop.cart.setQuantity(
          cart,
          Optional.of(customer),
          (ProductId) productsAndQuantities[i],
          (Integer) productsAndQuantities[i + 1]);
    }
    return cart;
  }

  private static Money eur(long cents) {
    return Money.of(cents, "EUR");
  }

  /**
   * Asserts that nothing of a failed checkout is left: no order, no stock held, cart still open.
   */
  private void assertNothingChanged(CartId cart, int eventsBefore) {
    assertThat(shop.orderRows.listAll(null, new com.securecart.shared.PageRequest(0, 10)).items())
        .isEmpty();
    assertThat(shop.inventory.level("LAMP-1")).isEqualTo(new StockLevel("LAMP-1", 10, 0));
    assertThat(shop.inventory.level("DESK-1")).isEqualTo(new StockLevel("DESK-1", 1, 0));
    assertThat(shop.carts.status(cart)).isEqualTo(OpenCart.OPEN);
    assertThat(shop.outbox.events()).hasSize(eventsBefore);
    assertThat(shop.transactions.rolledBack()).isEqualTo(1);
  }

  @Test
  void placesTheOrderReservesTheStockAndClosesTheCart() {
    CartId cart = cartOf(alice, lamp, 2);

    PlacedOrder placed = checkout.checkout(CartMother.checkout(cart), Optional.of(alice));

    Order order = placed.order();
    assertThat(order.status()).isEqualTo(OrderStatus.PENDING_PAYMENT);
    assertThat(order.customer()).isEqualTo(alice.customerId());
    assertThat(order.email()).isEqualTo(alice.email());
    assertThat(shop.orders.find(order.id())).contains(order);
    assertThat(shop.inventory.level("LAMP-1")).isEqualTo(new StockLevel("LAMP-1", 10, 2));
    assertThat(shop.stock.reservations(order.id().value()))
        .containsExactly(
            new Reservation(
                order.id().value(),
                "LAMP-1",
                2,
                Reservation.Status.RESERVED,
                shop.clock.instant().plus(InMemoryShop.RESERVATION_TTL)));
    assertThat(shop.carts.status(cart)).isEqualTo(OpenCart.CHECKED_OUT);
    assertThat(shop.outbox.events()).containsExactly(NewEvent.of(OrderEvents.PLACED, order.id()));
    assertThat(shop.orders.paymentDue(order.id()).orElseThrow().paymentToken())
        .isEqualTo("tok_visa");
  }

  @Test
  void pricesComeFromTheCatalogAtCheckoutNotFromWhenTheyWereAdded() {
    CartId cart = cartOf(alice, lamp, 2);
    shop.catalog.update(lamp, ProductMother.repriced(product("LAMP-1", 2_000), 1_500), null);

    Order order = checkout.checkout(CartMother.checkout(cart), Optional.of(alice)).order();

    assertThat(order.lines())
        .containsExactly(
            new OrderLine(lamp, "LAMP-1", "Product LAMP-1", eur(1_500), 2, eur(3_000)));
  }

  @Test
  void taxIsByDestinationAndShippingIsFreeFromTheThreshold() {
    // 2 x 20.00 = 40.00: below 50.00, so shipping is charged; 19 % German tax.
    Order small =
        checkout.checkout(CartMother.checkout(cartOf(alice, lamp, 2)), Optional.of(alice)).order();
    assertThat(small.totals())
        .isEqualTo(new OrderTotals(eur(4_000), eur(760), eur(499), eur(5_259)));

    // 3 x 20.00 = 60.00 to France: free shipping, the default 20 % tax.
    CartId toFrance = cartOf(bob, lamp, 3);
    Order large =
        checkout
            .checkout(
                new CheckoutCommand(toFrance, null, CartMother.address("FR"), "tok_visa"),
                Optional.of(bob))
            .order();
    assertThat(large.totals())
        .isEqualTo(new OrderTotals(eur(6_000), eur(1_200), eur(0), eur(7_200)));
  }

  @Test
  void outOfStockRollsBackEverythingAndNamesTheShortLine() {
    CartId cart = cartOf(alice, lamp, 2, desk, 3);
    int eventsBefore = shop.outbox.events().size();

    assertThatThrownBy(() -> checkout.checkout(CartMother.checkout(cart), Optional.of(alice)))
        .isInstanceOfSatisfying(
            OutOfStockException.class,
            e -> assertThat(e.shortages()).containsExactly(new Shortage("DESK-1", 3, 1)));

    assertNothingChanged(cart, eventsBefore);
    assertThat(shop.stock.reservations(1)).isEmpty();
  }

  @Test
  void neverReservesMoreThanIsAvailable() {
    checkout.checkout(CartMother.checkout(cartOf(alice, desk, 1)), Optional.of(alice));
    CartId bobs = cartOf(bob, desk, 1);

    assertDomainError(
        () -> checkout.checkout(CartMother.checkout(bobs), Optional.of(bob)),
        DomainException.Kind.CONFLICT,
        "out-of-stock");

    assertThat(shop.inventory.level("DESK-1")).isEqualTo(new StockLevel("DESK-1", 1, 1));
    assertThat(shop.carts.status(bobs)).isEqualTo(OpenCart.OPEN);
  }

  @Test
  void aPurchaseBeyondASaleLimitRollsBackTheOrderAndTheStock() {
    shop.sales.create(
        new NewSale(
            "LAMP-1", 1, shop.clock.instant(), shop.clock.instant().plus(Duration.ofDays(1))));
    CartId cart = cartOf(alice, lamp, 2);
    int eventsBefore = shop.outbox.events().size();

    assertThatThrownBy(() -> checkout.checkout(CartMother.checkout(cart), Optional.of(alice)))
        .isInstanceOf(PurchaseLimitExceededException.class);

    assertNothingChanged(cart, eventsBefore);
    assertThat(shop.saleRows.buyers(1)).isEmpty();
  }

  @Test
  void aSaleClaimCountsTheUnitsOfTheOrder() {
    shop.sales.create(
        new NewSale(
            "LAMP-1", 3, shop.clock.instant(), shop.clock.instant().plus(Duration.ofDays(1))));

    checkout.checkout(CartMother.checkout(cartOf(alice, lamp, 2)), Optional.of(alice));

    assertThat(shop.saleRows.bought(1, "customer:1")).isEqualTo(2);
  }

  @Test
  void aProductTakenOffSaleRejectsTheWholeCheckout() {
    CartId cart = cartOf(alice, lamp, 1, desk, 1);
    shop.catalog.setActive(desk, false);
    int eventsBefore = shop.outbox.events().size();

    assertThatThrownBy(() -> checkout.checkout(CartMother.checkout(cart), Optional.of(alice)))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.type()).isEqualTo("product-unavailable");
              assertThat(e.extensions()).containsEntry("productIds", java.util.List.of("2"));
            });
    assertNothingChanged(cart, eventsBefore);
  }

  @Test
  void anotherCustomersCartIsNotFoundAndLeftAlone() {
    CartId alices = cartOf(alice, lamp, 1);
    int eventsBefore = shop.outbox.events().size();

    assertDomainError(
        () -> checkout.checkout(CartMother.checkout(alices), Optional.of(bob)),
        DomainException.Kind.NOT_FOUND,
        "not-found");
    assertDomainError(
        () ->
            checkout.checkout(CartMother.guestCheckout(alices, "x@example.com"), Optional.empty()),
        DomainException.Kind.NOT_FOUND,
        "not-found");

    assertThat(shop.carts.status(alices)).isEqualTo(OpenCart.OPEN);
    assertThat(shop.outbox.events()).hasSize(eventsBefore);
    assertThat(checkout.coalescingKey(CartMother.checkout(alices), Optional.of(bob))).isNull();
  }

  @Test
  void aGuestChecksOutWithAnEmailAndWithoutOneIsRefused() {
    CartId cart = shop.cart.open(CartMother.guest());
    shop.cart.setQuantity(cart, CartMother.guest(), lamp, 1);

    assertThatThrownBy(() -> checkout.checkout(CartMother.checkout(cart), Optional.empty()))
        .isInstanceOf(ValidationException.class);
    assertThat(shop.carts.status(cart)).isEqualTo(OpenCart.OPEN);

    PlacedOrder placed =
        checkout.checkout(CartMother.guestCheckout(cart, "Guest@Example.com"), CartMother.guest());
    assertThat(placed.order().guest()).isTrue();
    assertThat(placed.order().email()).isEqualTo("guest@example.com");
    assertThat(shop.orders.getAsGuest(placed.order().id(), placed.accessToken()).order())
        .isEqualTo(placed.order());
  }

  @Test
  void aCartIsCheckedOutOnlyOnce() {
    CartId cart = cartOf(alice, lamp, 1);
    checkout.checkout(CartMother.checkout(cart), Optional.of(alice));

    assertDomainError(
        () -> checkout.checkout(CartMother.checkout(cart), Optional.of(alice)),
        DomainException.Kind.CONFLICT,
        "cart-checked-out");
    assertThat(shop.inventory.level("LAMP-1").reserved()).isEqualTo(1);
  }

  @Test
  void concurrentCheckoutsOfTheSameGoodsShareACoalescingKey() {
    CartId alices = cartOf(alice, desk, 1, lamp, 1);
    CartId bobs = cartOf(bob, lamp, 3, desk, 1);

    assertThat(checkout.coalescingKey(CartMother.checkout(alices), Optional.of(alice)))
        .isEqualTo("stock:" + lamp.value() + ":" + desk.value())
        .isEqualTo(checkout.coalescingKey(CartMother.checkout(bobs), Optional.of(bob)));
  }
}
