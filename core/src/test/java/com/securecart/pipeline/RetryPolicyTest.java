package com.securecart.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.testing.ExtremeRandom;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(8, Duration.ofMillis(200), Duration.ofSeconds(30));

  @Test
  void standardIsEightAttemptsFrom200MillisecondsCappedAt30Seconds() {
    assertThat(RetryPolicy.standard()).isEqualTo(policy);
  }

  @ParameterizedTest(name = "attempt {0}: [{1}, {2}] ms")
  @CsvSource({
    "0, 100, 200",
    "1, 100, 200",
    "2, 200, 400",
    "3, 400, 800",
    "4, 800, 1600",
    "8, 12800, 25600",
    "9, 15000, 30000", // 51200 capped at 30000
    "10, 15000, 30000",
    "21, 15000, 30000",
    "1000, 15000, 30000",
    "2147483647, 15000, 30000",
  })
  void delayRangesFromHalfToAllOfTheCappedCeiling(int attempt, long lowest, long highest) {
    assertThat(policy.delay(attempt, ExtremeRandom.lowest())).isEqualTo(Duration.ofMillis(lowest));
    assertThat(policy.delay(attempt, ExtremeRandom.highest()))
        .isEqualTo(Duration.ofMillis(highest));
  }

  @Test
  void everyDelayLiesWithinHalfAndAllOfTheCeiling() {
    SplittableRandom random = new SplittableRandom(42);
    for (int attempt = 1; attempt <= 15; attempt++) {
      long ceiling = Math.min(30_000, 200L << (attempt - 1));
      for (int i = 0; i < 200; i++) {
        long millis = policy.delay(attempt, random).toMillis();
        assertThat(millis).as("attempt %d", attempt).isBetween(ceiling / 2, ceiling);
      }
    }
  }

  @Test
  void jitterSpreadsDelaysOverTheRange() {
    SplittableRandom random = new SplittableRandom(7);
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < 500; i++) {
      long millis = policy.delay(5, random).toMillis();
      min = Math.min(min, millis);
      max = Math.max(max, millis);
    }
    // attempt 5: [1600, 3200]; 500 uniform draws land near both ends
    assertThat(min).isLessThan(1700);
    assertThat(max).isGreaterThan(3100);
  }

  @Test
  void delaysGrowWithAttemptsUntilTheCap() {
    Duration previousHigh = Duration.ZERO;
    Duration previousLow = Duration.ZERO;
    for (int attempt = 1; attempt <= 8; attempt++) {
      Duration high = policy.delay(attempt, ExtremeRandom.highest());
      Duration low = policy.delay(attempt, ExtremeRandom.lowest());
      assertThat(high).as("highest at attempt %d", attempt).isGreaterThan(previousHigh);
      assertThat(low).as("lowest at attempt %d", attempt).isGreaterThan(previousLow);
      previousHigh = high;
      previousLow = low;
    }
    for (int attempt = 9; attempt <= 40; attempt++) {
      assertThat(policy.delay(attempt, ExtremeRandom.highest())).isEqualTo(Duration.ofSeconds(30));
    }
  }

  @Test
  void aDelayNeverExceedsTheCapEvenWithAHugeBase() {
    RetryPolicy slow = new RetryPolicy(3, Duration.ofHours(1), Duration.ofHours(1));

    assertThat(slow.delay(1, ExtremeRandom.highest())).isEqualTo(Duration.ofHours(1));
    assertThat(slow.delay(30, ExtremeRandom.highest())).isEqualTo(Duration.ofHours(1));
    assertThat(slow.delay(30, ExtremeRandom.lowest())).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void aZeroBaseMeansNoDelay() {
    RetryPolicy immediate = new RetryPolicy(3, Duration.ZERO, Duration.ZERO);

    assertThat(immediate.delay(1, ExtremeRandom.highest())).isZero();
    assertThat(immediate.delay(5, ExtremeRandom.lowest())).isZero();
  }

  @Test
  void exhaustedOnceAttemptsReachTheMaximum() {
    RetryPolicy three = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(1));

    assertThat(three.exhausted(0)).isFalse();
    assertThat(three.exhausted(1)).isFalse();
    assertThat(three.exhausted(2)).isFalse();
    assertThat(three.exhausted(3)).isTrue();
    assertThat(three.exhausted(4)).isTrue();
  }

  @Test
  void aSingleAttemptPolicyIsExhaustedAfterTheFirstAttempt() {
    RetryPolicy once = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

    assertThat(once.exhausted(1)).isTrue();
  }

  @Test
  void rejectsInconsistentSettings() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(-1), Duration.ofMillis(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
