package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import com.securecart.planner.simulation.LatencyCurve;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeasuredRoleTest {
  /** A sweep as a server with 500 requests/s per vCPU would give it, with some noise. */
  static final List<StepResult> SWEEP =
      List.of(
          new StepResult(
              100, 100, 0.30, 3, 12, 500, 0, "test"), // JIT still busy: CPU high for the load
          new StepResult(
              130, 130, 0.26, 3, 10, 650, 0, "test"), // a lower p99 at a higher load: noise
          new StepResult(169, 168, 0.34, 4, 40, 845, 0, "test"),
          new StepResult(219.7, 219, 0.44, 5, 120, 1098, 0, "test"), // the best step
          // over the SLO of 250 ms with the CPU 90% busy: the CPU is the limit
          new StepResult(285.6, 280, 0.90, 9, 400, 1428, 0, "test"),
          new StepResult(600, 300, 0.99, 900, 5000, 3000, 50, "test"), // beyond capacity
          new StepResult(
              780, 290, 1.0, 2000, 4000, 3900, 400, "test")); // beyond, a lower p99: noise

  static MeasuredRole search() {
    return new MeasuredRole("search", 250, 6, "test sweep", SWEEP);
  }

  @Test
  void theBestStepIsTheHighestLoadWithinTheSlo() {
    assertThat(search().best().offeredPerSecond()).isEqualTo(219.7);
  }

  @Test
  void capacityPerVcpuIsAchievedOverUtilizationAtTheBestStep() {
    assertThat(search().requestsPerSecondPerVcpu()).isCloseTo(219 / 0.44, offset(1e-9));
  }

  @Test
  void aRoleStoppedByALimitOtherThanTheCpuIsNotExtrapolated() {
    // The same sweep, but the step after the best shed at 40% CPU (admission control, a pause):
    // twice the CPU would not serve twice the load, so the capacity is what was served.
    List<StepResult> sweep = new java.util.ArrayList<>(SWEEP);
    sweep.set(4, new StepResult(285.6, 270, 0.40, 9, 90, 1428, 60, "503 overloaded x60"));
    MeasuredRole role = new MeasuredRole("search", 250, 6, "test sweep", sweep);

    assertThat(role.cpuBound()).isFalse();
    assertThat(role.requestsPerSecondPerVcpu()).isEqualTo(219);
    assertThat(role.limit()).contains("not CPU-bound", "40% CPU", "503 overloaded x60");
    assertThat(search().cpuBound()).isTrue();
    assertThat(search().limit()).contains("CPU-bound: the next step failed at 90% CPU");
  }

  @Test
  void aSweepThatRanOutOfStepsIsExtrapolated() {
    MeasuredRole role = new MeasuredRole("search", 250, 6, "", SWEEP.subList(0, 4));
    assertThat(role.stop()).isEmpty();
    assertThat(role.requestsPerSecondPerVcpu()).isCloseTo(219 / 0.44, offset(1e-9));
  }

  @Test
  void theCurveRisesWithLoadAndNeverFalls() {
    List<LatencyCurve.Point> points = search().curvePoints();

    double capacity = 219 / 0.44;
    assertThat(points.getFirst().utilization()).isCloseTo(100 / capacity, offset(0.001));
    // 12 ms at 100/s then 10 ms at 130/s: pooled into their mean weighted by requests
    double pooled = (12 * 500 + 10 * 650) / 1150.0;
    assertThat(points.get(0).p99Ms()).isCloseTo(pooled, offset(0.05));
    assertThat(points.get(1).p99Ms()).isCloseTo(pooled, offset(0.05));
    // what rises is kept as measured
    assertThat(points.get(2).p99Ms()).isEqualTo(40);
    assertThat(points.get(3).p99Ms()).isEqualTo(120);
    for (int i = 1; i < points.size(); i++) {
      assertThat(points.get(i).utilization()).isGreaterThan(points.get(i - 1).utilization());
      assertThat(points.get(i).p99Ms()).isGreaterThanOrEqualTo(points.get(i - 1).p99Ms());
    }
    // the best step sits at its measured CPU utilization (offered 219.7 against achieved 219)
    assertThat(points.get(3).utilization()).isCloseTo(0.44, offset(0.002));
    // 600/s and 780/s are beyond capacity: one point, capped at 1, their pooled p99
    assertThat(points).hasSize(6);
    assertThat(points.getLast().utilization()).isEqualTo(1.0);
    assertThat(points.getLast().p99Ms())
        .isCloseTo((5000 * 3000 + 4000 * 3900) / 6900.0, offset(0.05));
    assertThat(new LatencyCurve(points).p99At(0.44)).isCloseTo(120, offset(1.0));
  }

  @Test
  void oneEarlyOutlierDoesNotLiftTheWholeCurve() {
    List<StepResult> sweep =
        List.of(
            new StepResult(
                100, 100, 0.2, 3, 180, 150, 0, "test"), // one slow request in a short step
            new StepResult(200, 200, 0.4, 3, 10, 600, 0, "test"),
            new StepResult(300, 300, 0.6, 3, 12, 900, 0, "test"),
            new StepResult(400, 400, 0.8, 3, 14, 1200, 0, "test"));

    List<LatencyCurve.Point> points = new MeasuredRole("cart", 1000, 5, "", sweep).curvePoints();

    // pooled: (180 * 150 + 10 * 600 + 12 * 900 + 14 * 1200) / 2850, far below 180
    assertThat(points).allSatisfy(p -> assertThat(p.p99Ms()).isLessThan(30));
  }

  @Test
  void stepsAreKeptInRisingLoadWhateverOrderTheyCameIn() {
    MeasuredRole role =
        new MeasuredRole("search", 250, 6, "", List.of(SWEEP.get(2), SWEEP.get(0), SWEEP.get(1)));
    assertThat(role.steps())
        .extracting(StepResult::offeredPerSecond)
        .containsExactly(100.0, 130.0, 169.0);
  }

  @Test
  void aRepeatWithinTheSloCountsAndMergesWithItsFirstTryOnTheCurve() {
    List<StepResult> sweep =
        List.of(
            new StepResult(100, 100, 0.2, 3, 20, 500, 0, "test"),
            new StepResult(130, 130, 0.3, 3, 300, 650, 0, "test"), // a slow moment
            new StepResult(130, 130, 0.26, 3, 30, 650, 0, "test")); // its repeat

    MeasuredRole role = new MeasuredRole("search", 250, 6, "", sweep);

    assertThat(role.best()).isEqualTo(sweep.get(2));
    assertThat(role.curvePoints()).hasSize(2);
    assertThat(role.curvePoints().getLast().p99Ms()).isCloseTo(165, offset(0.05));
  }

  @Test
  void withoutAStepWithinTheSloThereIsNoCapacity() {
    MeasuredRole role = new MeasuredRole("search", 250, 6, "", List.of(SWEEP.get(4)));
    assertThatThrownBy(role::requestsPerSecondPerVcpu)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no step met the SLO");
  }

  @Test
  void aStepWithoutTheServersCpuCannotBeTheBest() {
    MeasuredRole role =
        new MeasuredRole(
            "search",
            250,
            6,
            "",
            List.of(new StepResult(100, 100, Double.NaN, 3, 12, 500, 0, "test")));
    assertThatThrownBy(role::best).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsAnUnknownRole() {
    assertThatThrownBy(() -> new MeasuredRole("api", 250, 6, "", SWEEP))
        .hasMessageContaining("unknown role 'api'");
  }
}
