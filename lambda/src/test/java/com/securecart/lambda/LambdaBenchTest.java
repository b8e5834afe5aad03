package com.securecart.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The bench driver's figures and options (the driver itself runs from bench/lambda.sh). */
class LambdaBenchTest {
  @Test
  void percentilesAreNearestRankSoThatP99OfTwentyIsTheSlowest() {
    double[] twenty = new double[20];
    for (int i = 0; i < 20; i++) {
      twenty[i] = 20 - i;
    }

    assertThat(LambdaBench.percentile(twenty, 50)).isEqualTo(10);
    assertThat(LambdaBench.percentile(twenty, 99)).isEqualTo(20);
    assertThat(LambdaBench.percentile(new double[] {7}, 99)).isEqualTo(7);
    assertThat(LambdaBench.percentile(new double[0], 50)).isNaN();
  }

  @Test
  void optionsHaveTheIssuesDefaultsAndRefuseWhatTheyDoNotKnow() {
    LambdaBench.Settings settings =
        LambdaBench.parse(
            new String[] {"--db-url", "jdbc:postgresql://x/y", "--function-cp", "a.jar"});

    assertThat(settings.coldStarts()).isEqualTo(20);
    assertThat(settings.invocations()).isEqualTo(200);
    assertThat(settings.targets())
        .containsExactly(
            LambdaBench.Target.AUTHORIZE_PAYMENT,
            LambdaBench.Target.CONFIRM_ORDER,
            LambdaBench.Target.VOID_AUTHORIZATION);
    assertThat(settings.jvmOptions()).isEqualTo(List.of());
    assertThatThrownBy(() -> LambdaBench.parse(new String[] {"--db-url", "u", "--bogus", "1"}))
        .isInstanceOf(LambdaBench.UsageException.class)
        .hasMessageContaining("--bogus");
    assertThatThrownBy(() -> LambdaBench.parse(new String[] {"--function-cp", "a.jar"}))
        .hasMessageContaining("--db-url is required");
    assertThatThrownBy(
            () ->
                LambdaBench.parse(
                    new String[] {"--db-url", "u", "--function-cp", "a", "--steps", "send-mail"}))
        .hasMessageContaining("unknown step 'send-mail'");
  }

  @Test
  void theReportSaysWhetherEachGoalIsMetAndThatTheAnchorWasNotMeasuredHere() {
    double[] fast = {400, 450, 500};
    double[] slow = {900, 1_200, 1_500};
    double[] warm = {3, 4, 25};
    LambdaBench.Figures figures =
        new LambdaBench.Figures(
            LambdaBench.Target.CONFIRM_ORDER,
            slow,
            fast,
            slow,
            fast,
            "1.0 -> 1.0",
            warm,
            warm,
            1,
            0);
    LambdaBench.Settings settings =
        LambdaBench.parse(
            new String[] {"--db-url", "u", "--function-cp", "a", "--cold-starts", "3"});

    String report = LambdaBench.report(List.of(figures), settings);

    assertThat(report)
        .contains("without AOT cache NOT MET (1500.0 ms), with MET (500.0 ms)")
        .contains("warm p99 < 20 ms: NOT MET (25.00 ms")
        .contains("NOT measured here")
        .contains("1,598 ms");
  }
}
