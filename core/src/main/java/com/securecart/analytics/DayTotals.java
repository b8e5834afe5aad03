package com.securecart.analytics;

/**
 * The counts of one day, as the database sums them.
 *
 * @param ordersPlaced every order placed that day, whatever became of it
 * @param paidOrders those confirmed (paid and not cancelled)
 * @param revenueCents the totals of the paid orders
 * @param units items in the paid orders
 * @param paymentFailures orders whose payment failed
 * @param cancellations orders cancelled
 * @param cartsCreated carts opened that day
 * @param newCustomers customers whose first paid order was that day
 * @param returningCustomers customers with a paid order that day and one before
 */
public record DayTotals(
    int ordersPlaced,
    int paidOrders,
    long revenueCents,
    long units,
    int paymentFailures,
    int cancellations,
    int cartsCreated,
    int newCustomers,
    int returningCustomers) {

  public long averageOrderValueCents() {
    return paidOrders == 0 ? 0 : Math.round((double) revenueCents / paidOrders);
  }

  public double paymentFailureRate() {
    return ratio(paymentFailures, ordersPlaced);
  }

  public double cancellationRate() {
    return ratio(cancellations, ordersPlaced);
  }

  /** Orders placed per cart opened that day. */
  public double cartToOrderConversion() {
    return ratio(ordersPlaced, cartsCreated);
  }

  private static double ratio(long part, long whole) {
    return whole == 0 ? 0 : (double) part / whole;
  }
}
