package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The summary line comparing (c)'s cart adds/s with the bare insert of the same run. */
class CheckoutRatiosTest {
  @Test
  void ratioAtTheGoalIsMet() {
    assertThat(CheckoutRatios.cartAddsLine(800, 1000))
        .startsWith("cart adds/bare-insert ratio (c): 0.800   (goal >= 0.80: met)")
        .contains("(800.0 adds/s over 1000.0 bare inserts/s)");
  }

  @Test
  void ratioJustBelowTheGoalIsNotMetEvenIfItRoundsUp() {
    // 0.7996 prints as 0.800 at three places but is below the goal.
    assertThat(CheckoutRatios.cartAddsLine(799.6, 1000))
        .startsWith("cart adds/bare-insert ratio (c): 0.800   (goal >= 0.80: not met)");
  }

  @Test
  void aFailedBaselineReadsZeroNotInfinity() {
    assertThat(CheckoutRatios.cartAddsLine(500, 0))
        .startsWith("cart adds/bare-insert ratio (c): 0.000   (goal >= 0.80: not met)");
  }
}
