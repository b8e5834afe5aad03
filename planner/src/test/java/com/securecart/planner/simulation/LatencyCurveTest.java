package com.securecart.planner.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyCurveTest {
  private final LatencyCurve curve = LatencyCurve.of(0.8, 120, 0.2, 40, 1.0, 900);

  @Test
  void interpolatesBetweenPointsInUtilizationOrder() {
    assertThat(curve.p99At(0.5)).isCloseTo(80, within(1e-9));
    assertThat(curve.p99At(0.9)).isCloseTo(510, within(1e-9));
  }

  @Test
  void holdsTheEndValuesOutsideTheMeasuredRange() {
    assertThat(curve.p99At(0)).isEqualTo(40);
    assertThat(curve.p99At(1.5)).isEqualTo(900);
  }
}
