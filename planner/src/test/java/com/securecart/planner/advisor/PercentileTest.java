package com.securecart.planner.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentileTest {
  private static List<Double> oneTo(int n) {
    var values = new ArrayList<>(IntStream.rangeClosed(1, n).mapToObj(i -> (double) i).toList());
    Collections.shuffle(values, new java.util.Random(17));
    return values;
  }

  @Test
  void p99_5IsTheNearestRankOfTheSortedSeries() {
    // 99.5% of 200 is exactly 199 samples; of 1,000 it is 995; of 100 it rounds up to 100.
    assertThat(Percentile.of(oneTo(200), 99.5)).isEqualTo(199.0);
    assertThat(Percentile.of(oneTo(1000), 99.5)).isEqualTo(995.0);
    assertThat(Percentile.of(oneTo(100), 99.5)).isEqualTo(100.0);
  }

  @Test
  void aSingleSpikeAbove99_5PercentIsIgnoredButTwoOf200AreNot() {
    var quiet = new ArrayList<>(Collections.nCopies(199, 0.3));
    quiet.add(0.99);
    assertThat(Percentile.of(quiet, 99.5)).isEqualTo(0.3);
    quiet.set(0, 0.98);
    assertThat(Percentile.of(quiet, 99.5)).isEqualTo(0.98);
  }

  @Test
  void lowPercentilesAndOneSample() {
    assertThat(Percentile.of(List.of(5.0, 1.0, 3.0), 50)).isEqualTo(3.0);
    assertThat(Percentile.of(List.of(0.7), 99.5)).isEqualTo(0.7);
    assertThatThrownBy(() -> Percentile.of(List.of(), 99.5)).hasMessageContaining("no samples");
  }
}
