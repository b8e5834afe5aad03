package com.securecart.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.Money;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PricingRulesTest {
  private final PricingRules rules =
      new PricingRules(Map.of("DE", 1900, "GB", 2000, "US", 0), 1000, 499, 5000);

  private static Money eur(long cents) {
    return Money.of(cents, "EUR");
  }

  @ParameterizedTest(name = "{0} cents to {1}: tax {2}")
  @CsvSource({
    "10000, DE, 1900",
    "10000, GB, 2000",
    "10000, US, 0", // an explicit zero rate wins over the default
    "10000, FR, 1000", // not listed: the default rate
    "10000, JP, 1000",
    "1999, DE, 380", // 379.81
    "1234, DE, 234", // 234.46
    "50, GB, 10",
    "25, FR, 3", // 2.5 rounds up
    "0, DE, 0",
  })
  void taxUsesTheDestinationsRateOrTheDefault(long subtotal, String country, long expected) {
    assertThat(rules.tax(eur(subtotal), country)).isEqualTo(eur(expected));
  }

  @Test
  void taxKeepsTheSubtotalsCurrency() {
    assertThat(rules.tax(Money.of(10_000, "USD"), "DE")).isEqualTo(Money.of(1_900, "USD"));
  }

  @Test
  void shippingIsTheFlatFeeBelowTheThreshold() {
    assertThat(rules.shipping(eur(0))).isEqualTo(eur(499));
    assertThat(rules.shipping(eur(4_999))).isEqualTo(eur(499));
  }

  @Test
  void shippingIsFreeFromTheThreshold() {
    assertThat(rules.shipping(eur(5_000))).isEqualTo(eur(0));
    assertThat(rules.shipping(eur(5_001))).isEqualTo(eur(0));
    assertThat(rules.shipping(eur(1_000_000))).isEqualTo(eur(0));
  }

  @Test
  void shippingIsInTheSubtotalsCurrency() {
    assertThat(rules.shipping(Money.of(100, "USD"))).isEqualTo(Money.of(499, "USD"));
    assertThat(rules.shipping(Money.of(6_000, "USD"))).isEqualTo(Money.of(0, "USD"));
  }

  @Test
  void defaultsChargeNoTaxAndShipFreeFrom50() {
    PricingRules defaults = PricingRules.defaults();

    assertThat(defaults.tax(eur(10_000), "DE")).isEqualTo(eur(0));
    assertThat(defaults.shipping(eur(4_999))).isEqualTo(eur(499));
    assertThat(defaults.shipping(eur(5_000))).isEqualTo(eur(0));
  }

  @Test
  void theRatesAreCopied() {
    Map<String, Integer> rates = new HashMap<>(Map.of("DE", 1900));
    PricingRules copied = new PricingRules(rates, 0, 499, 5000);

    rates.put("DE", 0);

    assertThat(copied.tax(eur(10_000), "DE")).isEqualTo(eur(1_900));
  }

  @Test
  void rejectsAnOutOfRangeDefaultRateOrANegativeShippingFee() {
    assertThatThrownBy(() -> new PricingRules(Map.of(), -1, 499, 5000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PricingRules(Map.of(), 10_001, 499, 5000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PricingRules(Map.of(), 0, -1, 5000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new PricingRules(Map.of(), 10_000, 0, 0).tax(eur(123), "DE")).isEqualTo(eur(123));
  }
}
