package com.securecart.checkout;

import com.securecart.shared.Money;
import java.util.Map;

/**
 * Tax and shipping, from configuration. Tax is a rate per destination country in basis points (2000
 * = 20 %), with a default; shipping is a flat fee, free from a threshold on the subtotal. Amounts
 * are in the order's minor units.
 */
public record PricingRules(
    Map<String, Integer> taxBasisPointsByCountry,
    int defaultTaxBasisPoints,
    long shippingCents,
    long freeShippingFromCents) {

  public PricingRules {
    taxBasisPointsByCountry = Map.copyOf(taxBasisPointsByCountry);
    if (defaultTaxBasisPoints < 0 || defaultTaxBasisPoints > 10_000 || shippingCents < 0) {
      throw new IllegalArgumentException("tax 0..10000 basis points, shipping >= 0");
    }
  }

  public static PricingRules defaults() {
    return new PricingRules(Map.of(), 0, 499, 5_000);
  }

  Money tax(Money subtotal, String country) {
    return subtotal.timesBasisPoints(
        taxBasisPointsByCountry.getOrDefault(country, defaultTaxBasisPoints));
  }

  Money shipping(Money subtotal) {
    return subtotal.cents() >= freeShippingFromCents
        ? Money.zero(subtotal.currency())
        : new Money(shippingCents, subtotal.currency());
  }
}
