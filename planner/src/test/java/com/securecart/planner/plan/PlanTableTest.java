package com.securecart.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTableTest {
  private static final SharedCosts NONE =
      new SharedCosts(
          BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

  /** An option that cost {@code usd} for 1,000 orders (no tiers: only the pipeline is priced). */
  private static OptionResult costing(String name, String usd) {
    PlanOption option =
        PlanOption.compared().stream().filter(o -> o.name().equals(name)).findFirst().get();
    return new OptionResult(option, List.of(), new BigDecimal(usd), NONE, 1000, 1);
  }

  @Test
  void neverChoosesAnOptionTheCdkAppCannotDeploy() {
    var chosen =
        PlanTable.chosen(
            List.of(
                costing("baseline", "10"),
                costing("express pipeline", "1"),
                costing("x86", "2"),
                costing("EC2 for services", "4"),
                costing("on-demand only", "9")));

    assertThat(chosen.option().name()).isEqualTo("on-demand only");
  }

  @Test
  void keepsTheBaselineUnlessAChangeSavesAtLeastOnePercent() {
    assertThat(
            PlanTable.chosen(List.of(costing("baseline", "1.0099"), costing("reactive only", "1")))
                .option()
                .name())
        .isEqualTo("baseline");
    assertThat(
            PlanTable.chosen(List.of(costing("baseline", "1.0101"), costing("reactive only", "1")))
                .option()
                .name())
        .isEqualTo("reactive only");
  }

  @Test
  void saysWhyARowIsComparedOnly() {
    String table = PlanTable.format(List.of(costing("baseline", "1"), costing("x86", "1")));

    assertThat(table)
        .contains("compared only, never chosen: x86 (images and functions are built for arm64)")
        .doesNotContain("never chosen: baseline");
  }
}
