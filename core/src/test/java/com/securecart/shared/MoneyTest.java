package com.securecart.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {
  private static final Currency EUR = Currency.getInstance("EUR");
  private static final Currency USD = Currency.getInstance("USD");

  @Test
  void ofParsesTheCurrencyCode() {
    Money money = Money.of(1250, "EUR");

    assertThat(money.cents()).isEqualTo(1250);
    assertThat(money.currency()).isEqualTo(EUR);
    assertThat(money.currencyCode()).isEqualTo("EUR");
  }

  @ParameterizedTest
  @ValueSource(strings = {"eur", "EURO", "E1R", "", "XYZ"})
  void ofRejectsABadCurrencyCodeAsAFieldError(String code) {
    assertThatThrownBy(() -> Money.of(100, code))
        .isInstanceOfSatisfying(
            ValidationException.class, e -> assertThat(e.fieldErrors()).containsKey("currency"));
  }

  @Test
  void aCurrencyIsRequired() {
    assertThatThrownBy(() -> new Money(1, null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void zeroIsZeroInTheGivenCurrency() {
    assertThat(Money.zero(USD)).isEqualTo(new Money(0, USD));
  }

  @Test
  void plusAddsAmountsOfTheSameCurrency() {
    assertThat(new Money(1999, EUR).plus(new Money(1, EUR))).isEqualTo(new Money(2000, EUR));
  }

  @Test
  void plusRefusesAnotherCurrency() {
    assertThatThrownBy(() -> new Money(100, EUR).plus(new Money(100, USD)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("currency mismatch");
  }

  @Test
  void isLessThanComparesAmountsAndRefusesAnotherCurrency() {
    assertThat(new Money(99, EUR).isLessThan(new Money(100, EUR))).isTrue();
    assertThat(new Money(100, EUR).isLessThan(new Money(100, EUR))).isFalse();
    assertThat(new Money(101, EUR).isLessThan(new Money(100, EUR))).isFalse();
    assertThatThrownBy(() -> new Money(1, EUR).isLessThan(new Money(2, USD)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void timesMultipliesByAQuantity() {
    assertThat(new Money(250, EUR).times(3)).isEqualTo(new Money(750, EUR));
    assertThat(new Money(250, EUR).times(0)).isEqualTo(new Money(0, EUR));
  }

  @Test
  void plusThrowsOnOverflowInsteadOfWrappingAround() {
    Money max = new Money(Long.MAX_VALUE, EUR);

    assertThatThrownBy(() -> max.plus(new Money(1, EUR))).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void timesThrowsOnOverflowInsteadOfWrappingAround() {
    Money big = new Money(Long.MAX_VALUE / 2 + 1, EUR);

    assertThatThrownBy(() -> big.times(2)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void timesBasisPointsThrowsOnOverflowOfTheProduct() {
    Money big = new Money(Long.MAX_VALUE / 100, EUR);

    assertThatThrownBy(() -> big.timesBasisPoints(10_000)).isInstanceOf(ArithmeticException.class);
  }

  @ParameterizedTest(name = "{0} cents x {1} bp = {2}")
  @CsvSource({
    // exact results
    "10000, 2000, 2000",
    "12345, 10000, 12345",
    "12345, 0, 0",
    "0, 2000, 0",
    // below one half rounds down
    "1, 4999, 0",
    "1234, 1900, 234", // 234.46
    // exactly one half rounds up (not to even)
    "1, 5000, 1", // 0.5
    "3, 5000, 2", // 1.5
    "5, 5000, 3", // 2.5
    "2, 2500, 1", // 0.5
    "10, 1250, 1", // 1.25 -> 1
    "10, 1350, 1", // 1.35 -> 1
    "30, 1750, 5", // 5.25 -> 5
    "30, 1850, 6", // 5.55 -> 6
    // above one half rounds up
    "1999, 2000, 400", // 399.8
    "1, 5001, 1",
  })
  void timesBasisPointsRoundsHalfUp(long cents, int basisPoints, long expected) {
    Money result = new Money(cents, EUR).timesBasisPoints(basisPoints);

    assertThat(result).isEqualTo(new Money(expected, EUR));
  }
}
