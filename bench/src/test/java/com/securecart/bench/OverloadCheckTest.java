package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OverloadCheckTest {

  @Test
  void goodputAndAdmittedLatencyAreJudgedAgainstTheGoals() {
    String met = OverloadCheck.verdict(1000, 950, 4.0, 11.9, "503 overloaded x40000");
    assertThat(met)
        .contains("950.0/s over a peak of 1000.0/s = 0.95 (goal >= 0.90: met)")
        .contains("503 overloaded x40000")
        .contains("11.9 ms over 4.0 ms unloaded = 2.98x (goal <= 3x: met)");

    String missed = OverloadCheck.verdict(1000, 640, 10.0, 1268.0, "none");
    assertThat(missed)
        .contains("= 0.64 (goal >= 0.90: not met)")
        .contains("= 126.80x (goal <= 3x: not met)");
  }

  @Test
  void noAdmittedRequestAtAllIsNotMet() {
    assertThat(OverloadCheck.verdict(1000, 0, 4.0, Double.NaN, "503 overloaded x3000"))
        .contains("(goal >= 0.90: not met)")
        .contains("(goal <= 3x: not met)");
  }
}
