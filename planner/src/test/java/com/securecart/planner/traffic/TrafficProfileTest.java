package com.securecart.planner.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class TrafficProfileTest {
  private static final int DAY = TrafficProfile.DAY;

  @Test
  void aWeekAveragesTheOrdersPerDayAndFollowsTheWeekdays() {
    var week = TrafficProfile.week(200_000);
    assertThat(week.seconds()).isEqualTo(7 * DAY);
    assertThat(week.orders(0, 7 * DAY) / 7).isCloseTo(200_000, within(0.01));
    var shape = WeekShape.bundled();
    for (var day : DayOfWeek.values()) {
      int from = (day.getValue() - 1) * DAY;
      double expected = 0;
      for (int h = 0; h < 24; h++) {
        expected += 7 * 200_000 * shape.share(day, h);
      }
      assertThat(week.orders(from, from + DAY))
          .as(day.toString())
          .isCloseTo(expected, within(0.01));
    }
    // Saturday is the sixth day: the wholesaler's data has no orders then.
    assertThat(week.orders(5 * DAY, 6 * DAY)).isZero();
  }

  @Test
  void theWeekPeaksInTheHourTheDataPeaks() {
    var week = TrafficProfile.week(10_000);
    int peak = 0;
    for (int s = 0; s < week.seconds(); s++) {
      peak = week.ordersPerSecond(s) > week.ordersPerSecond(peak) ? s : peak;
    }
    // Wednesday 12:00-13:00 holds the most invoices per Wednesday in the data.
    assertThat(peak / DAY).isEqualTo(2);
    assertThat(peak % DAY / 3600).isEqualTo(12);
  }

  @Test
  void anAnnouncedFlashSaleReachesItsMultiplierWithinTheRampAndEndsOnTime() {
    var start = LocalTime.of(12, 0);
    var sale = TrafficProfile.flashSale(200_000, 10, 60, start, Duration.ofMinutes(30), true);
    var normal = TrafficProfile.flashSale(200_000, 1, 1, start, Duration.ofMinutes(30), false);
    int from = start.toSecondOfDay();
    int to = from + 30 * 60;
    assertThat(sale.ordersPerSecond(from - 1)).isEqualTo(normal.ordersPerSecond(from - 1));
    assertThat(sale.ordersPerSecond(from)).isLessThan(2 * normal.ordersPerSecond(from));
    assertThat(sale.ordersPerSecond(from + 59))
        .isCloseTo(10 * normal.ordersPerSecond(from + 59), within(1e-9));
    assertThat(sale.ordersPerSecond(to - 1))
        .isCloseTo(10 * normal.ordersPerSecond(to - 1), within(1e-9));
    assertThat(sale.ordersPerSecond(to)).isEqualTo(normal.ordersPerSecond(to));
    assertThat(normal.orders(0, DAY)).isCloseTo(200_000, within(0.01));
    assertThat(sale.announced()).containsExactly(new AnnouncedEvent("flash-sale", from, to, 10));
  }

  @Test
  void aSpikeIsNotAnnounced() {
    var spike = TrafficProfile.spike(50_000, 5, 30, LocalTime.of(15, 0), Duration.ofMinutes(10));
    assertThat(spike.announced()).isEmpty();
    assertThat(spike.name()).isEqualTo("spike");
    var normal = TrafficProfile.spike(50_000, 1, 1, LocalTime.of(15, 0), Duration.ofMinutes(10));
    int from = LocalTime.of(15, 0).toSecondOfDay();
    assertThat(spike.ordersPerSecond(from + 29))
        .isCloseTo(5 * normal.ordersPerSecond(from + 29), within(1e-9));
  }

  @Test
  void aSaleWhenTheShopIsQuietOrBeyondTheDayIsRefused() {
    assertThatThrownBy(
            () ->
                TrafficProfile.flashSale(
                    1000, 10, 60, LocalTime.of(3, 0), Duration.ofMinutes(30), true))
        .hasMessageContaining("no orders at 03:00");
    assertThatThrownBy(
            () ->
                TrafficProfile.flashSale(
                    1000, 10, 60, LocalTime.of(23, 50), Duration.ofMinutes(30), true))
        .hasMessageContaining("within the day");
    assertThatThrownBy(
            () ->
                TrafficProfile.flashSale(
                    1000, 10, 600, LocalTime.of(12, 0), Duration.ofMinutes(5), true))
        .hasMessageContaining("ramp");
  }

  @Test
  void requestsPerOrderDefaultsCanBeOverridden() {
    var mix = RequestsPerOrder.DEFAULT.with("search", 20);
    assertThat(mix.requestsPerSecond("search", 3)).isEqualTo(60);
    assertThat(mix.requests("checkout")).isEqualTo(1);
    assertThatThrownBy(() -> mix.requests("admin"))
        .hasMessageContaining("'admin'")
        .hasMessageContaining("storefront");
    assertThatThrownBy(() -> mix.with("cart", -1)).hasMessageContaining(">= 0");
  }
}
