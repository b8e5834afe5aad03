package com.securecart.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.Money;
import org.junit.jupiter.api.Test;

class OrderTotalsTest {

  private static Money eur(long cents) {
    return Money.of(cents, "EUR");
  }

  @Test
  void ofAddsSubtotalTaxAndShipping() {
    OrderTotals totals = OrderTotals.of(eur(10_000), eur(1_900), eur(499));

    assertThat(totals.subtotal()).isEqualTo(eur(10_000));
    assertThat(totals.tax()).isEqualTo(eur(1_900));
    assertThat(totals.shipping()).isEqualTo(eur(499));
    assertThat(totals.total()).isEqualTo(eur(12_399));
  }

  @Test
  void acceptsAConsistentTotal() {
    OrderTotals totals = new OrderTotals(eur(100), eur(20), eur(0), eur(120));

    assertThat(totals.total()).isEqualTo(eur(120));
  }

  @Test
  void rejectsATotalThatIsNotTheSum() {
    assertThatThrownBy(() -> new OrderTotals(eur(100), eur(20), eur(5), eur(120)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("total");
    assertThatThrownBy(() -> new OrderTotals(eur(100), eur(20), eur(5), eur(126)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsATotalInAnotherCurrency() {
    assertThatThrownBy(() -> new OrderTotals(eur(100), eur(20), eur(5), Money.of(125, "USD")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsPartsInMixedCurrencies() {
    assertThatThrownBy(() -> OrderTotals.of(eur(100), Money.of(20, "USD"), eur(5)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
