package com.securecart.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.bench.StepController.Action;
import org.junit.jupiter.api.Test;

class StepControllerTest {
  private final StepController controller = new StepController(250, 1.3, 10);

  private static StepResult step(double offered, double achieved, double p99, long errors) {
    return new StepResult(offered, achieved, 0.5, p99 / 2, p99, 1000, errors, "test");
  }

  @Test
  void goesOnWhileAStepIsWithinTheSlo() {
    assertThat(controller.after(step(100, 99, 249, 10), 1, false).action()).isEqualTo(Action.NEXT);
    assertThat(controller.after(step(100, 99, 249, 10), 2, true).action()).isEqualTo(Action.NEXT);
    assertThat(controller.next(100)).isCloseTo(130, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aStepOutsideTheSloIsRepeatedOnceAndTheSweepStopsIfTheRepeatIsOutsideToo() {
    StepController.Verdict first = controller.after(step(100, 100, 251, 0), 3, false);
    assertThat(first.action()).isEqualTo(Action.REPEAT);
    assertThat(first.reason()).contains("p99 251.0 ms > SLO 250 ms");

    StepController.Verdict again = controller.after(step(100, 100, 260, 0), 4, true);
    assertThat(again.action()).isEqualTo(Action.STOP);
    assertThat(again.reason()).contains("p99 260.0 ms > SLO 250 ms, again on the repeat");
  }

  @Test
  void stopsWhenMoreThanOnePercentFail() {
    assertThat(controller.breach(step(100, 100, 10, 10))).isEmpty();
    assertThat(controller.breach(step(100, 100, 10, 11)))
        .hasValueSatisfying(why -> assertThat(why).startsWith("errors 1.1%"));
  }

  @Test
  void stopsWhenTheServerGetsThroughLessThan95PercentOfTheOffer() {
    assertThat(controller.breach(step(100, 95, 10, 0))).isEmpty();
    assertThat(controller.breach(step(100, 94.9, 10, 0)))
        .hasValueSatisfying(why -> assertThat(why).contains("achieved 94.9/s < 95% of offered"));
  }

  @Test
  void aStepWithoutLatenciesIsOutside() {
    assertThat(
            controller.withinSlo(new StepResult(100, 0, 0.1, Double.NaN, Double.NaN, 0, 0, "test")))
        .isFalse();
  }

  @Test
  void stopsAtTheStepLimitWithoutARepeat() {
    assertThat(controller.after(step(100, 100, 10, 0), 9, false).action()).isEqualTo(Action.NEXT);
    StepController.Verdict last = controller.after(step(100, 100, 251, 0), 10, false);
    assertThat(last.action()).isEqualTo(Action.STOP);
    assertThat(last.reason()).contains("step limit 10");
  }

  @Test
  void rejectsAGrowthThatWouldNeverReachSaturation() {
    assertThatThrownBy(() -> new StepController(250, 1.0, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
