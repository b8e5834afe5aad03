package com.securecart.planner.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.DayOfWeek;
import org.junit.jupiter.api.Test;

class WeekShapeTest {
  private final WeekShape shape = WeekShape.bundled();

  @Test
  void sharesSumToOneOverTheWeek() {
    double sum = 0;
    for (var day : DayOfWeek.values()) {
      for (int h = 0; h < 24; h++) {
        sum += shape.share(day, h);
      }
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void theDataPeaksAtNoonAndNeverTradesOnSaturdayOrAtNight() {
    assertThat(shape.peakHour()).isEqualTo(12);
    assertThat(shape.share(DayOfWeek.WEDNESDAY, 12))
        .isGreaterThan(shape.share(DayOfWeek.WEDNESDAY, 9));
    for (int h = 0; h < 24; h++) {
      assertThat(shape.share(DayOfWeek.SATURDAY, h)).isZero();
    }
    assertThat(shape.dailyShare(3)).isZero();
  }
}
