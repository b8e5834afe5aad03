package com.securecart.cart;

import static com.securecart.testing.ProductMother.product;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.CartId;
import com.securecart.shared.DomainException;
import com.securecart.shared.Money;
import com.securecart.shared.Principal;
import com.securecart.shared.ProductId;
import com.securecart.shared.ValidationException;
import com.securecart.testing.CartMother;
import com.securecart.testing.InMemoryShop;
import com.securecart.testing.ProductMother;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class CartApiTest {
  private final InMemoryShop shop = new InMemoryShop();
  private final CartApi carts = shop.cart;
  private final Principal alice = CartMother.customer(1);
  private final Principal bob = CartMother.customer(2);
  private final ProductId lamp = shop.catalog.create(product("LAMP-1", 2_500), 10);
  private final ProductId desk = shop.catalog.create(product("DESK-1", 10_000), 10);

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

  private CartId aliceCart() {
    return carts.open(Optional.of(alice));
  }

  @Test
  void aCustomerHasOneOpenCartAndEachGuestANewOne() {
    CartId first = carts.open(Optional.of(alice));

    assertThat(carts.open(Optional.of(alice))).isEqualTo(first);
    assertThat(carts.open(Optional.of(bob))).isNotEqualTo(first);
    assertThat(carts.open(CartMother.guest())).isNotEqualTo(carts.open(CartMother.guest()));
    assertThat(carts.view(first, Optional.of(alice)).guest()).isFalse();
  }

  @Test
  void openingWithTheViewGivesANewCartEmptyAndAnExistingOneWithItsLines() {
    CartView fresh = carts.openView(CartMother.guest());
    assertThat(fresh.guest()).isTrue();
    assertThat(fresh.lines()).isEmpty();
    assertThat(fresh.itemCount()).isZero();
    assertThat(carts.view(fresh.id(), CartMother.guest())).isEqualTo(fresh);

    CartId alices = aliceCart();
    carts.setQuantity(alices, Optional.of(alice), lamp, 2);
    CartView again = carts.openView(Optional.of(alice));

    assertThat(again.id()).isEqualTo(alices);
    assertThat(again.guest()).isFalse();
    assertThat(again).isEqualTo(carts.view(alices, Optional.of(alice)));
    assertThat(again.itemCount()).isEqualTo(2);
  }

  @Test
  void settingAQuantityReplacesItAndThePriceComesFromTheCatalog() {
    CartId cart = aliceCart();

    carts.setQuantity(cart, Optional.of(alice), lamp, 2);
    CartView view = carts.setQuantity(cart, Optional.of(alice), lamp, 3);

    assertThat(view.lines())
        .singleElement()
        .satisfies(
            l -> {
              assertThat(l.quantity()).isEqualTo(3);
              assertThat(l.unitPrice()).isEqualTo(Money.of(2_500, "EUR"));
              assertThat(l.lineTotal()).isEqualTo(Money.of(7_500, "EUR"));
            });
    assertThat(view.itemCount()).isEqualTo(3);

    shop.catalog.update(lamp, ProductMother.repriced(product("LAMP-1", 2_500), 2_000), null);
    assertThat(carts.view(cart, Optional.of(alice)).subtotal()).isEqualTo(Money.of(6_000, "EUR"));
  }

  @Test
  void zeroOrRemoveTakesTheLineOut() {
    CartId cart = aliceCart();
    carts.setQuantity(cart, Optional.of(alice), lamp, 2);
    carts.setQuantity(cart, Optional.of(alice), desk, 1);

    CartView afterZero = carts.setQuantity(cart, Optional.of(alice), lamp, 0);
    assertThat(afterZero.lines()).extracting(CartLine::productId).containsExactly(desk);

    CartView empty = carts.remove(cart, Optional.of(alice), desk);
    assertThat(empty.lines()).isEmpty();
    assertThat(empty.itemCount()).isZero();
    assertThat(empty.subtotal()).isNull();
  }

  @Test
  void quantitiesMustBeWithinBounds() {
    CartId cart = aliceCart();

    assertThatThrownBy(() -> carts.setQuantity(cart, Optional.of(alice), lamp, -1))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () -> carts.setQuantity(cart, Optional.of(alice), lamp, CartApi.MAX_QUANTITY + 1))
        .isInstanceOf(ValidationException.class);

    CartView max = carts.setQuantity(cart, Optional.of(alice), lamp, CartApi.MAX_QUANTITY);
    assertThat(max.itemCount()).isEqualTo(CartApi.MAX_QUANTITY);
  }

  @Test
  void aProductNotOnSaleCannotBeAddedAndDoesNotCountOnceTakenOff() {
    CartId cart = aliceCart();
    carts.setQuantity(cart, Optional.of(alice), lamp, 1);
    carts.setQuantity(cart, Optional.of(alice), desk, 1);

    shop.catalog.setActive(desk, false);

    assertDomainError(
        () -> carts.setQuantity(cart, Optional.of(alice), desk, 2),
        DomainException.Kind.NOT_FOUND,
        "not-found");
    assertDomainError(
        () -> carts.setQuantity(cart, Optional.of(alice), new ProductId(999), 1),
        DomainException.Kind.NOT_FOUND,
        "not-found");
    CartView view = carts.view(cart, Optional.of(alice));
    assertThat(view.lines()).extracting(CartLine::purchasable).containsExactly(true, false);
    assertThat(view.itemCount()).isEqualTo(1);
    assertThat(view.subtotal()).isEqualTo(Money.of(2_500, "EUR"));
  }

  @Test
  void aCartHoldsAtMostFiftyProductsButTheirQuantitiesMayStillChange() {
    CartId cart = aliceCart();
    ProductId first = null;
    for (int i = 0; i < CartApi.MAX_LINES; i++) {
      ProductId p = shop.catalog.create(product("BULK-" + i, 100), 1);
      first = first == null ? p : first;
      carts.setQuantity(cart, Optional.of(alice), p, 1);
    }

    assertDomainError(
        () -> carts.setQuantity(cart, Optional.of(alice), lamp, 1),
        DomainException.Kind.UNPROCESSABLE,
        "cart-full");
    assertThat(carts.setQuantity(cart, Optional.of(alice), first, 5).itemCount())
        .isEqualTo(CartApi.MAX_LINES + 4);
  }

  @Test
  void aCartHoldsOneCurrency() {
    ProductId dollars = shop.catalog.create(product("USD-1", 1_000, "USD"), 5);
    CartId cart = aliceCart();
    carts.setQuantity(cart, Optional.of(alice), lamp, 1);

    assertDomainError(
        () -> carts.setQuantity(cart, Optional.of(alice), dollars, 1),
        DomainException.Kind.UNPROCESSABLE,
        "currency-mismatch");
    assertThat(carts.view(cart, Optional.of(alice)).lines()).hasSize(1);
  }

  @Test
  void anotherCustomersCartIsNotFoundButAGuestCartIsReachedByItsId() {
    CartId alices = aliceCart();
    CartId guests = carts.open(CartMother.guest());

    assertDomainError(
        () -> carts.view(alices, Optional.of(bob)), DomainException.Kind.NOT_FOUND, "not-found");
    assertDomainError(
        () -> carts.setQuantity(alices, Optional.of(bob), lamp, 1),
        DomainException.Kind.NOT_FOUND,
        "not-found");
    assertDomainError(
        () -> carts.view(alices, CartMother.guest()), DomainException.Kind.NOT_FOUND, "not-found");
    assertThat(carts.productIds(alices, Optional.of(bob))).isEmpty();

    assertThat(carts.setQuantity(guests, CartMother.guest(), lamp, 1).guest()).isTrue();
    assertThat(carts.view(guests, Optional.of(bob)).lines()).hasSize(1);
  }

  @Test
  void aCheckedOutCartIsClosedForChanges() {
    CartId cart = aliceCart();
    carts.setQuantity(cart, Optional.of(alice), lamp, 2);

    assertThat(carts.checkOut(cart, Optional.of(alice))).containsExactly(new CartItem(lamp, 2));

    assertThat(shop.carts.status(cart)).isEqualTo(OpenCart.CHECKED_OUT);
    assertDomainError(
        () -> carts.setQuantity(cart, Optional.of(alice), lamp, 1),
        DomainException.Kind.CONFLICT,
        "cart-checked-out");
    assertDomainError(
        () -> carts.checkOut(cart, Optional.of(alice)),
        DomainException.Kind.CONFLICT,
        "cart-checked-out");
    // The customer's next cart is a new one.
    assertThat(aliceCart()).isNotEqualTo(cart);
  }

  @Test
  void anEmptyCartCannotBeCheckedOut() {
    CartId cart = aliceCart();

    assertDomainError(
        () -> carts.checkOut(cart, Optional.of(alice)),
        DomainException.Kind.UNPROCESSABLE,
        "cart-empty");
  }

  @Test
  void atLoginAGuestCartMergesIntoTheCustomersWithQuantitiesAddedAndCapped() {
    CartId mine = aliceCart();
    carts.setQuantity(mine, Optional.of(alice), lamp, 60);
    CartId guest = carts.open(CartMother.guest());
    carts.setQuantity(guest, CartMother.guest(), lamp, 50);
    carts.setQuantity(guest, CartMother.guest(), desk, 2);

    assertThat(carts.mergeAtLogin(Optional.of(guest), alice)).contains(mine);

    assertThat(carts.view(mine, Optional.of(alice)).lines())
        .extracting(CartLine::productId, CartLine::quantity)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(lamp, CartApi.MAX_QUANTITY),
            org.assertj.core.groups.Tuple.tuple(desk, 2));
    assertDomainError(
        () -> carts.view(guest, CartMother.guest()), DomainException.Kind.NOT_FOUND, "not-found");
    // Merging again is a no-op: the guest cart is gone.
    assertThat(carts.mergeAtLogin(Optional.of(guest), alice)).isEmpty();
  }

  @Test
  void anotherCustomersCartIsNeverMerged() {
    CartId bobs = carts.open(Optional.of(bob));
    carts.setQuantity(bobs, Optional.of(bob), lamp, 1);

    assertThat(carts.mergeAtLogin(Optional.of(bobs), alice)).isEmpty();
    assertThat(carts.view(bobs, Optional.of(bob)).lines()).hasSize(1);
  }
}
