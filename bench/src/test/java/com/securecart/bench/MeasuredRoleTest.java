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
          new StepResult(100, 100, 0.30, 3, 12, 500, 0), // JIT still busy: CPU high for the load
          new StepResult(130, 130, 0.26, 3, 10, 650, 0), // a lower p99 at a higher load: noise
          new StepResult(169, 168, 0.34, 4, 40, 845, 0),
          new StepResult(219.7, 219, 0.44, 5, 120, 1098, 0), // the best step
          new StepResult(285.6, 280, 0.56, 9, 400, 1428, 0), // over the SLO of 250 ms
          new StepResult(600, 300, 0.99, 900, 5000, 3000, 50), // beyond capacity
          new StepResult(780, 290, 1.0, 2000, 4000, 3900, 400)); // beyond, a lower p99: noise

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
  void theCurveRisesWithLoadAndNeverFalls() {
    List<LatencyCurve.Point> points = search().curvePoints();

    double capacity = 219 / 0.44;
    assertThat(points.getFirst().utilization()).isCloseTo(100 / capacity, offset(0.001));
    assertThat(points.getFirst().p99Ms()).isEqualTo(12);
    // 130/s measured 10 ms, after 12 ms at 100/s: kept at 12
    assertThat(points.get(1).p99Ms()).isEqualTo(12);
    for (int i = 1; i < points.size(); i++) {
      assertThat(points.get(i).utilization()).isGreaterThan(points.get(i - 1).utilization());
      assertThat(points.get(i).p99Ms()).isGreaterThanOrEqualTo(points.get(i - 1).p99Ms());
    }
    // the best step sits at its measured CPU utilization (offered 219.7 against achieved 219)
    assertThat(points.get(3).utilization()).isCloseTo(0.44, offset(0.002));
    // 600/s and 780/s are beyond capacity: one point, capped at 1, with the higher p99
    assertThat(points).hasSize(6);
    assertThat(points.getLast().utilization()).isEqualTo(1.0);
    assertThat(points.getLast().p99Ms()).isEqualTo(5000);
    assertThat(new LatencyCurve(points).p99At(0.44)).isCloseTo(120, offset(1.0));
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
            "search", 250, 6, "", List.of(new StepResult(100, 100, Double.NaN, 3, 12, 500, 0)));
    assertThatThrownBy(role::best).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void rejectsAnUnknownRole() {
    assertThatThrownBy(() -> new MeasuredRole("api", 250, 6, "", SWEEP))
        .hasMessageContaining("unknown role 'api'");
  }
}
