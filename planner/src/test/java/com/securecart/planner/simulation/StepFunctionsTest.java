package com.securecart.planner.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StepFunctionsTest {
  @Test
  void standardBillsTransitionsPerOrder() {
    StepFunctions.Workflow pipeline = new StepFunctions.Workflow(7, 250, 100);

    assertThat(StepFunctions.standardTransitions(pipeline, 1000)).isEqualTo(7000);
  }

  @Test
  void expressRoundsDurationTo100MsAndMemoryTo64Mb() {
    // 250 ms -> 0.3 s; 100 MB -> 128 MB = 0.125 GB.
    StepFunctions.Workflow pipeline = new StepFunctions.Workflow(7, 250, 100);

    assertThat(StepFunctions.expressGbSeconds(pipeline, 1000)).isCloseTo(37.5, within(1e-9));
  }
}
