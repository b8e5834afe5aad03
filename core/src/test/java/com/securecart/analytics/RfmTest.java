package com.securecart.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class RfmTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

  private static CustomerValue customer(long id, int daysAgo, int orders) {
    return new CustomerValue(id, DAY.minusDays(daysAgo), orders, orders * 1_000L);
  }

  @Test
  void quintileScoresByMidRankSoTiesShareAScore() {
    List<CustomerValue> five =
        List.of(
            customer(1, 0, 1),
            customer(2, 0, 1),
            customer(3, 0, 1),
            customer(4, 0, 2),
            customer(5, 0, 3));

    // Orders 1,1,1,2,3: the three 1s sit at (0 + 3/2)/5 = 0.3, the 2 at 0.7, the 3 at 0.9.
    assertThat(Rfm.scores(five, CustomerValue::orders)).containsExactly(2, 2, 2, 4, 5);
    // Everybody equal: the middle score, not the lowest.
    assertThat(Rfm.scores(five, c -> 7)).containsExactly(3, 3, 3, 3, 3);
  }

  @Test
  void segmentsFollowRecencyAndFrequency() {
    assertThat(Rfm.segment(5, 5)).isEqualTo("champions");
    assertThat(Rfm.segment(3, 4)).isEqualTo("loyal");
    assertThat(Rfm.segment(4, 1)).isEqualTo("new");
    assertThat(Rfm.segment(1, 3)).isEqualTo("at risk");
    assertThat(Rfm.segment(2, 1)).isEqualTo("hibernating");
    assertThat(Rfm.segment(3, 3)).isEqualTo("needs attention");
  }

  @Test
  void everySegmentIsCountedAndEveryCustomerFallsInOne() {
    List<CustomerValue> customers =
        List.of(
            customer(1, 1, 9),
            customer(2, 2, 8),
            customer(3, 200, 7),
            customer(4, 300, 1),
            customer(5, 0, 1),
            customer(6, 100, 2));

    var segments = Rfm.segments(customers, DAY);

    assertThat(segments.keySet()).containsExactlyElementsOf(Rfm.SEGMENTS);
    assertThat(segments.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(6);
    // Recency scores (mid-rank): 1d->4, 2d->3, 200d->2, 300d->1, 0d->5, 100d->3; frequency:
    // 9->5, 8->4, 7->3, 1->1, 1->1, 2->3.
    assertThat(segments)
        .containsEntry("champions", 1)
        .containsEntry("loyal", 1)
        .containsEntry("new", 1)
        .containsEntry("at risk", 1)
        .containsEntry("hibernating", 1)
        .containsEntry("needs attention", 1);
    assertThat(Rfm.segments(List.of(), DAY).values()).containsOnly(0);
  }
}
