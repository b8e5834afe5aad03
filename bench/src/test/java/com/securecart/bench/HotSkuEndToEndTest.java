package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The end-to-end rate of scenario (b): confirmed orders over first checkout to last confirmed. */
class HotSkuEndToEndTest {
  private static final Instant FIRST_CHECKOUT = Instant.parse("2026-12-07T20:00:00Z");

  private static Latencies confirmations(long... millis) {
    Latencies l = new Latencies();
    for (long ms : millis) {
      l.record(ms * 1_000_000);
    }
    return Latencies.merge(java.util.List.of(l));
  }

  @Test
  void confirmedOrdersOverTheTimeToTheLastConfirmation() {
    StockAudit.Confirmed confirmed =
        new StockAudit.Confirmed(5000, FIRST_CHECKOUT.plusMillis(2500));

    HotSkuEndToEnd e2e = HotSkuEndToEnd.of(5000, FIRST_CHECKOUT, confirmed, confirmations(10, 30));

    assertThat(e2e.seconds()).isCloseTo(2.5, within(1e-9));
    assertThat(e2e.ordersPerSecond()).isCloseTo(2000.0, within(1e-9));
    assertThat(e2e.describe()).contains("5000 of 5000 sold").doesNotContain("NOT ALL");
    assertThat(e2e.properties())
        .contains("b.e2e_orders_per_s=2000.0")
        .contains("b.confirm_p50_ms=10.0")
        .contains("b.confirm_p99_ms=30.0");
  }

  @Test
  void anOrderLeftUnconfirmedIsSaidAndNotCounted() {
    StockAudit.Confirmed confirmed = new StockAudit.Confirmed(4, FIRST_CHECKOUT.plusSeconds(2));

    HotSkuEndToEnd e2e = HotSkuEndToEnd.of(5, FIRST_CHECKOUT, confirmed, confirmations(1));

    assertThat(e2e.ordersPerSecond()).isCloseTo(2.0, within(1e-9));
    assertThat(e2e.describe()).contains("4 of 5 sold").contains("NOT ALL CONFIRMED");
  }

  @Test
  void noneConfirmedIsARateOfZeroNotADivisionByZero() {
    HotSkuEndToEnd e2e =
        HotSkuEndToEnd.of(
            3,
            FIRST_CHECKOUT,
            new StockAudit.Confirmed(0, null),
            Latencies.merge(java.util.List.of()));

    assertThat(e2e.seconds()).isNaN();
    assertThat(e2e.ordersPerSecond()).isZero();
    assertThat(e2e.properties()).contains("b.e2e_confirmed=0");
  }
}
