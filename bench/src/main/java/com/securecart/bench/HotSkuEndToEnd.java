package com.securecart.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Scenario (b) end to end (issue 18 item 7): the sold-out stock's orders written AND confirmed per
 * second, i.e. the orders confirmed divided by the time from the first checkout to the last of them
 * CONFIRMED (its {@code updated_at}, read once the order pipeline drained). Checkout alone stops
 * the clock at the last 201; this one also waits for payment and confirmation.
 *
 * @param sold the checkouts answered 201
 * @param confirmed those orders now CONFIRMED (created since the first checkout)
 * @param seconds first checkout to the last confirmation; NaN when none was confirmed
 * @param confirmation order created to CONFIRMED, per confirmed order
 */
record HotSkuEndToEnd(long sold, long confirmed, double seconds, Latencies confirmation) {
  static HotSkuEndToEnd of(
      long sold, Instant firstCheckout, StockAudit.Confirmed confirmed, Latencies confirmation) {
    double seconds =
        confirmed.last() == null
            ? Double.NaN
            : Duration.between(firstCheckout, confirmed.last()).toNanos() / 1e9;
    return new HotSkuEndToEnd(sold, confirmed.orders(), seconds, confirmation);
  }

  /** Confirmed orders per second; 0 when none was confirmed. */
  double ordersPerSecond() {
    return seconds > 0 ? confirmed / seconds : 0;
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "(b) end to end (order written AND confirmed): %d of %d sold orders CONFIRMED, the last %.2f s"
            + " after the first checkout = %.1f orders/s; confirmation latency (created ->"
            + " CONFIRMED) p50 %.1f ms, p99 %.1f ms%s",
        confirmed,
        sold,
        seconds,
        ordersPerSecond(),
        confirmation.percentileMillis(50),
        confirmation.percentileMillis(99),
        confirmed == sold ? "" : " (NOT ALL CONFIRMED: the rate counts the confirmed only)");
  }

  /** The figures as properties under {@code b.}, for bench/hotsku.sh. */
  String properties() {
    return String.format(
        Locale.ROOT,
        "b.e2e_orders_per_s=%.1f%nb.e2e_seconds=%.3f%nb.e2e_confirmed=%d%n"
            + "b.confirm_p50_ms=%.1f%nb.confirm_p99_ms=%.1f%n",
        ordersPerSecond(),
        seconds,
        confirmed,
        confirmation.percentileMillis(50),
        confirmation.percentileMillis(99));
  }
}
