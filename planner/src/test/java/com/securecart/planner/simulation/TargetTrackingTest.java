package com.securecart.planner.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Target tracking against AWS's documented alarm rules: 3 datapoints out, 15 in. */
class TargetTrackingTest {
  private static final int STEP = 600;

  /** 10 minutes at 100 requests/s, a 10x step for 30 minutes, then back to 100 for 30. */
  private static final double[] STEP_PROFILE = Tiers.steps(100, STEP, 1000, 1800, 100, 1800);

  @Test
  void noCapacityIsAddedWithinThreeMinutesOfAStep() {
    FleetResult result = new FleetSimulator(Tiers.checkout()).run(STEP_PROFILE);

    assertThat(result.launches()).isNotEmpty();
    assertThat(result.launches())
        .allSatisfy(l -> assertThat(l.decidedAt()).isGreaterThanOrEqualTo(STEP + 180));
    // A cold launch adds boot, start-to-ready and the health check on top of the alarm's 3 minutes.
    assertThat(result.launches())
        .allSatisfy(l -> assertThat(l.inServiceAt()).isEqualTo(STEP + 180 + 160));
    int[] inService = result.inServicePerSecond();
    assertThat(Arrays.copyOfRange(inService, 0, STEP + 180 + 160)).containsOnly(2);
    // 1000 requests/s at 60 per instance: the group settles at 17, and meanwhile it sheds.
    assertThat(inService[STEP + 1200]).isEqualTo(17);
    assertThat(result.minutes().get(STEP / 60).shedRequests()).isEqualTo(800.0 * 60);
    assertThat(result.minutes().get(STEP / 60 + 10).sloViolated()).isFalse();
  }

  @Test
  void aWarmPoolShortensTheLaunchButNotTheAlarm() {
    FleetResult result = new FleetSimulator(Tiers.checkout(2, null, List.of())).run(STEP_PROFILE);

    List<Launch> pooled = result.launches().stream().filter(Launch::fromWarmPool).toList();
    assertThat(pooled).hasSize(2);
    assertThat(pooled).allSatisfy(l -> assertThat(l.inServiceAt()).isEqualTo(STEP + 180 + 70));
    assertThat(result.inServicePerSecond()[STEP + 180 + 69]).isEqualTo(2);
    assertThat(result.inServicePerSecond()[STEP + 180 + 70]).isEqualTo(4);
  }

  @Test
  void scaleInWaitsForFifteenLowDatapoints() {
    int drop = STEP + 1800;
    FleetResult result = new FleetSimulator(Tiers.checkout()).run(STEP_PROFILE);

    int[] inService = result.inServicePerSecond();
    assertThat(Arrays.copyOfRange(inService, drop - 300, drop + 900)).containsOnly(17);
    assertThat(inService[drop + 900]).isEqualTo(2);
  }

  @Test
  void cpuTrackingUnderSaturationScalesOutInRounds() {
    // CPU cannot read above 100%, so one decision only reaches 100/60 of the current count.
    FleetSettings cpu =
        FleetSettings.reactive(
            2, 24, Tiers.CAPACITY, List.of(TrackingTarget.cpu(60)), Tiers.EC2, Tiers.CURVE, 500);

    FleetResult result = new FleetSimulator(cpu).run(STEP_PROFILE);

    assertThat(result.minutes().get(STEP / 60 + 3).desired()).isEqualTo(4);
    assertThat(result.launches().stream().mapToInt(Launch::decidedAt).distinct().count())
        .isGreaterThan(1);
  }

  @Test
  void withTwoPoliciesEitherScalesOut() {
    FleetSettings both =
        FleetSettings.reactive(
            2,
            24,
            Tiers.CAPACITY,
            List.of(TrackingTarget.cpu(60), Tiers.REQUESTS),
            Tiers.EC2,
            Tiers.CURVE,
            500);

    FleetResult result = new FleetSimulator(both).run(STEP_PROFILE);

    assertThat(result.minutes().get(STEP / 60 + 3).desired()).isEqualTo(17);
  }
}
