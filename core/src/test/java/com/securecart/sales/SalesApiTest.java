package com.securecart.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.CustomerId;
import com.securecart.shared.DomainException;
import com.securecart.shared.Hashing;
import com.securecart.shared.ValidationException;
import com.securecart.testing.InMemorySaleRepository;
import com.securecart.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-customer limits over an in-memory store with the SQL's conditional claim. That concurrent
 * checkouts of one customer cannot together pass the limit rests on the real UPDATE's atomicity,
 * which only the database ITs can show.
 */
class SalesApiTest {
  private static final Instant START = Instant.parse("2026-11-27T00:00:00Z");
  private static final Instant END = START.plus(Duration.ofDays(1));
  private static final CustomerId ALICE = new CustomerId(1);
  private static final CustomerId BOB = new CustomerId(2);

  private final MutableClock clock = MutableClock.at(START);
  private final InMemorySaleRepository repository = new InMemorySaleRepository();
  private final SalesApi sales = new SalesApi(repository, clock);

  /** Everyone of these tests lives at his own address, so only account and e-mail matter. */
  private static SaleBuyer buyer(CustomerId customer, String email) {
    return new SaleBuyer(customer, email, "1 " + email + " Street", "10115", "DE");
  }

  private static SaleBuyer buyer(CustomerId customer, String email, String line1, String postal) {
    return new SaleBuyer(customer, email, line1, postal, "DE");
  }

  private Sale saleOfTwo() {
    return sales.create(new NewSale("TV-1", 2, START, END));
  }

  @Test
  void aCustomerMayBuyUpToTheLimitAcrossCheckoutsButNotBeyond() {
    Sale sale = saleOfTwo();

    sales.claim(buyer(ALICE, "alice@example.com"), Map.of("TV-1", 1));
    sales.claim(buyer(ALICE, "alice@example.com"), Map.of("TV-1", 1));

    assertThatThrownBy(() -> sales.claim(buyer(ALICE, "alice@example.com"), Map.of("TV-1", 1)))
        .isInstanceOfSatisfying(
            PurchaseLimitExceededException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
              assertThat(e.type()).isEqualTo("purchase-limit-exceeded");
              assertThat(e.extensions()).containsEntry("perCustomerLimit", 2);
            });
    assertThat(repository.bought(sale.id(), "customer:1")).isEqualTo(2);
  }

  @Test
  void oneCheckoutOverTheLimitIsRefusedWhole() {
    Sale sale = saleOfTwo();

    assertThatThrownBy(() -> sales.claim(buyer(ALICE, "alice@example.com"), Map.of("TV-1", 3)))
        .isInstanceOf(PurchaseLimitExceededException.class);
    assertThat(repository.bought(sale.id(), "customer:1")).isZero();
  }

  @Test
  void eachCustomerHasHisOwnLimit() {
    Sale sale = saleOfTwo();

    sales.claim(buyer(ALICE, "alice@example.com"), Map.of("TV-1", 2));
    sales.claim(buyer(BOB, "bob@example.com"), Map.of("TV-1", 2));

    assertThat(repository.bought(sale.id(), "customer:2")).isEqualTo(2);
  }

  @Test
  void aGuestIsCountedByADigestOfHisAddressNeverTheAddressItself() {
    Sale sale = saleOfTwo();

    sales.claim(buyer(null, "guest@example.com"), Map.of("TV-1", 2));

    assertThat(repository.buyers(sale.id()))
        .containsExactlyInAnyOrder(
            "email:" + Hashing.sha256Hex("guest@example.com"),
            "address:" + Hashing.sha256Hex("1guestexamplecomstreet|10115|de"));
    assertThatThrownBy(() -> sales.claim(buyer(null, "guest@example.com"), Map.of("TV-1", 1)))
        .isInstanceOf(PurchaseLimitExceededException.class);
  }

  @Test
  void aGuestEmailAliasIsTheSameBuyer() {
    saleOfTwo();
    sales.claim(buyer(null, "buyer@example.com"), Map.of("TV-1", 2));

    for (String alias : new String[] {"buyer+1@example.com", "BUYER@Example.com"}) {
      assertThatThrownBy(
              () -> sales.claim(buyer(null, alias, "9 Elsewhere", "80331"), Map.of("TV-1", 1)))
          .as(alias)
          .isInstanceOf(PurchaseLimitExceededException.class);
    }
  }

  @Test
  void anotherEmailToTheSameDoorIsTheSameBuyer() {
    saleOfTwo();
    sales.claim(buyer(null, "one@example.com", "1 Main Street", "10115"), Map.of("TV-1", 2));

    assertThatThrownBy(
            () ->
                sales.claim(
                    buyer(null, "two@example.com", " 1  MAIN street. ", "10 115"),
                    Map.of("TV-1", 1)))
        .isInstanceOf(PurchaseLimitExceededException.class);
    // (Without the checkout's transaction, the refused claim above counted two@'s e-mail.)
    sales.claim(buyer(null, "three@example.com", "2 Main Street", "10115"), Map.of("TV-1", 2));
  }

  @Test
  void aSignedInCustomerIsCountedByAccountEmailAndAddress() {
    Sale sale = saleOfTwo();
    sales.claim(buyer(ALICE, "alice@example.com"), Map.of("TV-1", 1));

    assertThat(repository.buyers(sale.id()))
        .hasSize(3)
        .contains("customer:1", "email:" + Hashing.sha256Hex("alice@example.com"));
    // A second account with Alice's e-mail (unverified accounts count as accounts for now).
    assertThatThrownBy(
            () ->
                sales.claim(
                    buyer(BOB, "Alice+x@example.com", "5 Other Road", "80331"), Map.of("TV-1", 2)))
        .isInstanceOf(PurchaseLimitExceededException.class);
  }

  @Test
  void theLimitAppliesOnlyInsideTheWindow() {
    saleOfTwo();

    clock.set(START.minusSeconds(1));
    sales.claim(buyer(ALICE, "alice@example.com"), Map.of("TV-1", 5));

    clock.set(END);
    sales.claim(buyer(ALICE, "alice@example.com"), Map.of("TV-1", 5));

    clock.set(END.minusSeconds(1));
    assertThatThrownBy(() -> sales.claim(buyer(ALICE, "alice@example.com"), Map.of("TV-1", 3)))
        .isInstanceOf(PurchaseLimitExceededException.class);
  }

  @Test
  void otherSkusAreNotLimited() {
    Sale sale = saleOfTwo();

    sales.claim(buyer(ALICE, "alice@example.com"), Map.of("RADIO-1", 50));

    assertThat(repository.buyers(sale.id())).isEmpty();
  }

  @Test
  void aSaleNeedsAWindowAndAPositiveLimit() {
    assertThatThrownBy(() -> new NewSale("TV-1", 2, END, START))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new NewSale("TV-1", 0, START, END))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> sales.list(0)).isInstanceOf(ValidationException.class);
  }

  @Test
  void salesAreListedNewestFirst() {
    Sale first = saleOfTwo();
    Sale second = sales.create(new NewSale("RADIO-1", 1, START, END));

    assertThat(sales.list(10)).containsExactly(second, first);
  }
}
