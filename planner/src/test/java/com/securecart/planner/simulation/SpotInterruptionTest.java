package com.securecart.planner.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An ECS service on Fargate Spot losing tasks with the two-minute notice. */
class SpotInterruptionTest {
  private static final int NOTICE_AT = 600;
  private static final double[] LOAD = Tiers.steps(250, 1800);

  /** Four tasks: one On-Demand base, the rest 1 : 2 On-Demand to Spot; CPU target 70%. */
  private static FleetSettings catalog(int taskStartSeconds) {
    LaunchTimes fargate = new LaunchTimes(taskStartSeconds - 40, 0, 20, 20, 60);
    FleetSettings.Spot spot =
        new FleetSettings.Spot(1, 2, List.of(new FleetSettings.SpotInterruption(NOTICE_AT, 2)));
    return new FleetSettings(
        4,
        10,
        Tiers.CAPACITY,
        List.of(TrackingTarget.cpu(70)),
        fargate,
        0,
        null,
        List.of(),
        spot,
        Tiers.CURVE,
        1000);
  }

  @Test
  void aReplacementStartingWithinTheNoticeLosesNothing() {
    FleetResult result = new FleetSimulator(catalog(100)).run(LOAD);

    assertThat(result.interruptions()).isEqualTo(2);
    assertThat(result.launches()).hasSize(2);
    assertThat(result.launches()).allSatisfy(l -> assertThat(l.decidedAt()).isEqualTo(NOTICE_AT));
    assertThat(result.inServicePerSecond()).containsOnly(4, 6);
    assertThat(result.shedRequests()).isZero();
  }

  @Test
  void aSlowReplacementShedsOnlyUntilItIsReady() {
    FleetResult result = new FleetSimulator(catalog(240)).run(LOAD);

    int[] inService = result.inServicePerSecond();
    int stop = NOTICE_AT + FleetSimulator.SPOT_NOTICE_SECONDS;
    assertThat(Arrays.copyOfRange(inService, stop, NOTICE_AT + 240)).containsOnly(2);
    assertThat(inService[NOTICE_AT + 240]).isEqualTo(4);
    // Two tasks short for two minutes: 50 requests/s over capacity, then nothing.
    assertThat(result.shedRequests()).isEqualTo(50.0 * 120);
    assertThat(result.minutes().get(NOTICE_AT / 60 + 5).sloViolated()).isFalse();
  }

  @Test
  void theStrategyKeepsTheOnDemandBaseAndSplitsTheRest() {
    FleetResult result = new FleetSimulator(catalog(100)).run(LOAD);

    // Base 1 On-Demand, then Spot, Spot, On-Demand: two of the four tasks on Spot.
    assertThat(result.spotInstanceSeconds()).isEqualTo(2L * 1800 + 2L * 120);
    assertThat(result.launches()).allSatisfy(l -> assertThat(l.spot()).isTrue());
  }

  /** Four tasks as above, reclaimed at a rate instead of at given seconds. */
  private static FleetSettings reclaimedAt(double perHour, long seed) {
    FleetSettings given = catalog(100);
    return new FleetSettings(
        4,
        10,
        Tiers.CAPACITY,
        given.targets(),
        given.launch(),
        0,
        null,
        List.of(),
        new FleetSettings.Spot(1, 2, List.of(), perHour, seed),
        Tiers.CURVE,
        1000);
  }

  @Test
  void aReclaimRateGivesNoticesThatARunRepeatsAndReplacementsAbsorb() {
    // Two Spot tasks for 30 minutes at 4 an hour each: about four notices expected.
    FleetResult first = new FleetSimulator(reclaimedAt(4, 7)).run(LOAD);
    FleetResult again = new FleetSimulator(reclaimedAt(4, 7)).run(LOAD);

    assertThat(first.interruptions()).isPositive();
    assertThat(again.interruptions()).isEqualTo(first.interruptions());
    assertThat(again.instanceSeconds()).isEqualTo(first.instanceSeconds());
    // Each notice's replacement runs beside the task for the notice: billed, nothing shed.
    assertThat(first.instanceSeconds()).isGreaterThan(4L * 1800);
    assertThat(first.shedRequests()).isZero();
    assertThat(first.launches()).hasSize(first.interruptions());
  }

  @Test
  void noRateNoNotices() {
    FleetResult result = new FleetSimulator(reclaimedAt(0, 7)).run(LOAD);

    assertThat(result.interruptions()).isZero();
    assertThat(result.instanceSeconds()).isEqualTo(4L * 1800);
  }

  @Test
  void aNegativeRateIsRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new FleetSettings.Spot(1, 2, List.of(), -0.1, 7))
        .withMessageContaining("-0.1");
  }

  @Test
  void awsAllowsNoWarmPoolWithSpot() {
    FleetSettings spot = catalog(100);
    assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new FleetSettings(
                    4,
                    10,
                    Tiers.CAPACITY,
                    spot.targets(),
                    spot.launch(),
                    2,
                    null,
                    List.of(),
                    spot.spot(),
                    Tiers.CURVE,
                    1000));
  }
}
