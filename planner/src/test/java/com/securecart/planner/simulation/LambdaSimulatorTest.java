package com.securecart.planner.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LambdaSimulatorTest {
  /** 200 ms warm, 1 s INIT, reserved concurrency 20, 1 GiB, environments kept 5 minutes. */
  private static final LambdaSettings CONFIRM = new LambdaSettings(200, 1000, 20, 1024, 300);

  @Test
  void throttlesAtTheReservedCeilingAndCountsColdStarts() {
    // 50/s needs 10 environments; 200/s needs 40, of which 20 may run: half is throttled.
    LambdaResult result = new LambdaSimulator(CONFIRM).run(Tiers.steps(50, 60, 200, 60));

    assertThat(result.peakConcurrency()).isEqualTo(20);
    assertThat(result.throttled()).isCloseTo(100.0 * 60, within(1e-6));
    assertThat(result.invocations()).isCloseTo(50.0 * 60 + 100.0 * 60, within(1e-6));
    assertThat(result.coldStarts()).isEqualTo(20);
    // Warm durations plus one INIT per cold start, at 1 GiB.
    assertThat(result.gbSeconds()).isCloseTo(9000 * 0.2 + 20 * 1.0, within(1e-6));
  }

  @Test
  void environmentsIdleLongerThanTheirLifetimeStartColdAgain() {
    LambdaResult shortPause = new LambdaSimulator(CONFIRM).run(Tiers.steps(50, 60, 0, 100, 50, 10));
    LambdaResult longPause = new LambdaSimulator(CONFIRM).run(Tiers.steps(50, 60, 0, 400, 50, 10));

    assertThat(shortPause.coldStarts()).isEqualTo(10);
    assertThat(longPause.coldStarts()).isEqualTo(20);
    assertThat(longPause.throttled()).isZero();
  }
}
