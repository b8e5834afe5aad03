package com.securecart.planner.prices;

import java.math.BigDecimal;

/**
 * Spot capacity as a fraction off the on-demand price, chosen by the user: Spot prices change by
 * the hour and Availability Zone, so a dated snapshot could only mislead. AWS quotes "up to 90%"
 * for EC2 and "up to 70%" for Fargate Spot ({@link PriceTable#fargateSpotMaxDiscount()}).
 */
public record SpotDiscount(BigDecimal fraction) {
  public SpotDiscount {
    if (fraction.signum() < 0 || fraction.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException(
          "a Spot discount is a fraction in [0, 1), got " + fraction);
    }
  }

  public static SpotDiscount of(String fraction) {
    return new SpotDiscount(new BigDecimal(fraction));
  }

  /** The Spot price for an on-demand {@code usd}. */
  public BigDecimal apply(BigDecimal usd) {
    return usd.multiply(BigDecimal.ONE.subtract(fraction));
  }
}
