package com.securecart.shared;

import java.util.Currency;
import java.util.Objects;

/** An amount in the currency's minor units (cents). Never a double. */
public record Money(long cents, Currency currency) {

  public Money {
    Objects.requireNonNull(currency, "currency");
  }

  public static Money of(long cents, String currencyCode) {
    return new Money(cents, Currencies.parse("currency", currencyCode));
  }

  public static Money zero(Currency currency) {
    return new Money(0, currency);
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(Math.addExact(cents, other.cents), currency);
  }

  public Money times(int quantity) {
    return new Money(Math.multiplyExact(cents, quantity), currency);
  }

  /** Multiplies by a rate given in basis points (1/100 of a percent), rounding half up. */
  public Money timesBasisPoints(int basisPoints) {
    long scaled = Math.multiplyExact(cents, (long) basisPoints);
    return new Money(Math.floorDiv(Math.addExact(scaled, 5_000), 10_000), currency);
  }

  boolean isLessThan(Money other) {
    requireSameCurrency(other);
    return cents < other.cents;
  }

  private void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "currency mismatch: " + currency + " vs " + other.currency);
    }
  }

  public String currencyCode() {
    return currency.getCurrencyCode();
  }
}
