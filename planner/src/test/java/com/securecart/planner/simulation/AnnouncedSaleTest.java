package com.securecart.planner.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Predictive and scheduled capacity must be in service before the load arrives. */
class AnnouncedSaleTest {
  private static final int NOON = 12 * 3600;

  @Test
  void scheduledCapacityIsInServiceBeforeTheSale() {
    int sale = 3600;
    int lead = 30 * 60;
    double[] load = Tiers.steps(100, sale, 900, 1800);
    FleetSettings scheduled =
        Tiers.checkout(
            0,
            null,
            List.of(
                new FleetSettings.ScheduledAction(sale - lead, 10, 12),
                new FleetSettings.ScheduledAction(sale + 1800, 2, null)));

    FleetResult result = new FleetSimulator(scheduled).run(load);
    FleetResult reactive = new FleetSimulator(Tiers.checkout()).run(load);

    // Between the raise and the sale the low alarm scales in, but not below the raised minimum.
    assertThat(result.inServicePerSecond()[sale - 1]).isEqualTo(10);
    assertThat(result.minutes().subList(sale / 60, sale / 60 + 5))
        .allSatisfy(m -> assertThat(m.shedRequests()).isZero());
    assertThat(reactive.minutes().get(sale / 60).shedRequests()).isPositive();
  }

  @Test
  void predictiveCapacityIsInServiceBeforeADailyPeak() {
    double[] history = Tiers.dailyNoonPeak(14, 100, 900);
    double[] today = Tiers.dailyNoonPeak(1, 100, 900);
    FleetSettings predictive =
        Tiers.checkout(0, new FleetSettings.Predictive(600, Tiers.REQUESTS, history), List.of());

    FleetResult result = new FleetSimulator(predictive).run(today);
    FleetResult reactive = new FleetSimulator(Tiers.checkout()).run(today);

    // 900 requests/s at 60 per instance: 15, launched 10 minutes ahead of noon.
    assertThat(result.launches()).anySatisfy(l -> assertThat(l.decidedAt()).isEqualTo(NOON - 600));
    assertThat(result.inServicePerSecond()[NOON - 1]).isEqualTo(15);
    assertThat(result.minutes().get(NOON / 60).shedRequests()).isZero();
    assertThat(reactive.minutes().get(NOON / 60).shedRequests()).isPositive();
  }

  @Test
  void predictiveNeedsADayOfHistory() {
    double[] today = Tiers.dailyNoonPeak(1, 100, 900);
    FleetSettings predictive =
        Tiers.checkout(
            0, new FleetSettings.Predictive(600, Tiers.REQUESTS, new double[0]), List.of());

    FleetResult result = new FleetSimulator(predictive).run(today);

    assertThat(result.minutes().get(NOON / 60).shedRequests()).isPositive();
  }
}
