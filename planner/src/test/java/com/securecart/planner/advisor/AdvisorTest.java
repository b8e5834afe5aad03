package com.securecart.planner.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.securecart.planner.prices.PriceTable;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdvisorTest {
  private static final PriceTable PRICES = PriceTable.bundled();
  private static final Preferences DEFAULTS = Preferences.defaults(PRICES.ec2Types());

  /** A role whose instances all used {@code cpu} of their vCPUs and {@code gib} of memory. */
  private static RoleUsage usage(String role, int instances, double cpu, double gib) {
    var usage = new RoleUsage(role);
    for (int i = 0; i < instances; i++) {
      usage.instance("i-" + i);
      for (int s = 0; s < 100; s++) {
        usage.cpu(cpu);
        usage.memoryGib(gib);
      }
    }
    return usage;
  }

  private static Recommendation advise(Preferences preferences, RoleUsage usage, String current) {
    return new Advisor(PRICES, preferences).advise(usage, PRICES.ec2(current));
  }

  @Test
  void headroomKeepsTwentyPercentOfTheTypeFreeAtThePeak() {
    var r = advise(DEFAULTS, usage("search", 1, 0.5, 4), "m7i.xlarge");
    assertThat(r.cpuPeakVcpus()).isCloseTo(2.0, within(1e-9));
    assertThat(r.requiredVcpus()).isCloseTo(2.5, within(1e-9));
    assertThat(r.memoryPeakGib()).isCloseTo(4.0, within(1e-9));
    assertThat(r.requiredGib()).isCloseTo(5.0, within(1e-9));
  }

  @Test
  void theCpuIsSizedAtP99_5NotAtItsMaximum() {
    var usage = usage("cart", 2, 0.2, 1);
    usage.cpu(1.0); // one scrape in 201 at 100%: above the 99.5th percentile
    var r = advise(DEFAULTS, usage, "m7g.xlarge");
    assertThat(r.cpuPeakVcpus()).isCloseTo(0.8, within(1e-9));
  }

  @Test
  void anOverProvisionedX86FleetGetsTheCheapestFittingTypeAGravitonOneAndASaving() {
    // 1 vCPU and 2 GiB used of 4 and 16: needs 1.25 vCPU and 2.5 GiB.
    var r = advise(DEFAULTS, usage("storefront", 2, 0.25, 2), "m7i.xlarge");
    assertThat(r.finding()).isEqualTo(Finding.OVER_PROVISIONED);
    // c6g.large (2 vCPU, 4 GiB, $0.068) is the cheapest that fits; t4g.medium is cheaper but
    // sustains 0.4 vCPU, and the cheapest x86 that fits, c6a.large, costs $0.0765.
    assertThat(r.recommended().orElseThrow().name()).isEqualTo("c6g.large");
    assertThat(r.recommended().orElseThrow().graviton()).isTrue();
    assertThat(r.savingPerInstanceHour().orElseThrow()).isEqualByComparingTo("0.1336");
    // (0.2016 - 0.068) x 730 h x 2 instances
    assertThat(r.savingPerMonth()).contains(new BigDecimal("195.06"));
    // 1 vCPU of 2 and 2 GiB of 4: half of each is very low risk; the m7i.xlarge is very low too.
    assertThat(r.recommendedRisk()).isZero();
    assertThat(r.currentRisk()).isZero();
  }

  @Test
  void withOnlyX86FamiliesTheCheapestX86TypeIsChosen() {
    var x86 = DEFAULTS.withFamilies(List.of("c6a", "c7i", "m7i"));
    var r = advise(x86, usage("storefront", 1, 0.25, 2), "m7i.xlarge");
    assertThat(r.recommended().orElseThrow().name()).isEqualTo("c6a.large");
  }

  @Test
  void anUnderProvisionedRoleGetsALargerTypeAndItsCurrentTypeAVeryHighRisk() {
    var r = advise(DEFAULTS, usage("checkout", 3, 1.0, 1.9), "c6g.medium");
    assertThat(r.finding()).isEqualTo(Finding.UNDER_PROVISIONED);
    assertThat(r.currentRisk()).isEqualTo(4);
    var bigger = r.recommended().orElseThrow();
    assertThat(bigger.vcpus()).isGreaterThan(1);
    assertThat(bigger.memoryGib()).isGreaterThanOrEqualTo(new BigDecimal("2.375"));
    assertThat(bigger.name()).isEqualTo("c6g.large");
    assertThat(r.savingPerInstanceHour().orElseThrow()).isNegative();
  }

  @Test
  void aTypeThatFitsWithNothingCheaperIsOptimized() {
    // 1.5 vCPU of 2 needs 1.875 vCPU: still a large, and c6g.large is the cheapest large.
    var r = advise(DEFAULTS, usage("search", 1, 0.75, 3), "c6g.large");
    assertThat(r.finding()).isEqualTo(Finding.OPTIMIZED);
    assertThat(r.recommended()).contains(PRICES.ec2("c6g.large"));
    assertThat(r.savingPerMonth()).contains(new BigDecimal("0.00"));
    assertThat(r.recommendedRisk()).isEqualTo(2); // CPU at 75%: fits, inside 80%
  }

  @Test
  void burstableTypesAreSizedOnTheirBaselineAndCarryOneMoreRiskPoint() {
    var t = DEFAULTS.withFamilies(List.of("t4g"));
    // 0.1 vCPU of t4g.medium's 0.4 baseline and 1 GiB of 4: both very low, plus one for bursting.
    var light = advise(t, usage("recommendations", 1, 0.0125, 1), "m7g.2xlarge");
    assertThat(light.recommended().orElseThrow().name()).isEqualTo("t4g.medium");
    assertThat(light.recommendedRisk()).isEqualTo(1);
    // 0.6 vCPU needs 0.75 sustained: t4g.medium (0.4) and t4g.large (0.6) do not, t4g.xlarge (1.6)
    // does.
    var busier = advise(t, usage("recommendations", 1, 0.075, 1), "m7g.2xlarge");
    assertThat(busier.recommended().orElseThrow().name()).isEqualTo("t4g.xlarge");
  }

  @Test
  void onAPriceTieTheEarlierFamilyInThePreferenceOrderWins() {
    // r6g.large and m7i.large both cost $0.1008 an hour; 1 vCPU and 4 GiB used fit either.
    var usage = usage("cart", 1, 0.25, 4);
    assertThat(
            advise(DEFAULTS.withFamilies(List.of("r6g", "m7i")), usage, "m7i.xlarge")
                .recommended()
                .orElseThrow()
                .name())
        .isEqualTo("r6g.large");
    assertThat(
            advise(DEFAULTS.withFamilies(List.of("m7i", "r6g")), usage, "m7i.xlarge")
                .recommended()
                .orElseThrow()
                .name())
        .isEqualTo("m7i.large");
  }

  @Test
  void theDefaultOrderPutsGravitonFamiliesFirst() {
    var families = DEFAULTS.families();
    assertThat(families).contains("c6g", "m7i", "t4g").doesNotContain("g5", "p4d");
    int lastGraviton = -1;
    for (int i = 0; i < families.size(); i++) {
      var family = families.get(i);
      if (family.endsWith("g")) {
        lastGraviton = i;
      }
    }
    assertThat(families.subList(0, lastGraviton + 1)).allMatch(f -> f.endsWith("g"));
  }

  @Test
  void whenNothingFitsTheRoleIsUnderProvisionedWithNoRecommendation() {
    var r = advise(DEFAULTS.withFamilies(List.of("c6g")), usage("search", 1, 0.5, 30), "c6g.large");
    assertThat(r.finding()).isEqualTo(Finding.UNDER_PROVISIONED);
    assertThat(r.recommended()).isEmpty();
    assertThat(r.recommendedRisk()).isEqualTo(4);
    assertThat(r.savingPerMonth()).isEmpty();
  }

  @Test
  void unmeasuredMemoryIsHeldAtTheCurrentTypesMemory() {
    var usage = new RoleUsage("search");
    usage.instance("i-1");
    usage.cpu(0.1);
    var r = advise(DEFAULTS, usage, "r7g.xlarge");
    assertThat(r.memoryMeasured()).isFalse();
    assertThat(r.requiredGib()).isCloseTo(32, within(1e-9));
    assertThat(r.recommended().orElseThrow().memoryGib())
        .isGreaterThanOrEqualTo(BigDecimal.valueOf(32));
  }

  @Test
  void memoryAsAFractionIsReadAgainstTheCurrentType() {
    var usage = new RoleUsage("cart");
    usage.instance("i-1");
    usage.cpu(0.1);
    usage.memoryFraction(0.25);
    var r = advise(DEFAULTS, usage, "m7g.xlarge");
    assertThat(r.memoryPeakGib()).isCloseTo(4, within(1e-9));
  }

  @Test
  void everyMeasuredRoleNeedsItsCurrentType() {
    var advisor = new Advisor(PRICES, DEFAULTS);
    assertThatThrownBy(
            () ->
                advisor.advise(
                    Map.of("search", usage("search", 1, 0.1, 1)), Map.of("cart", "m7g.large")))
        .hasMessageContaining("[search]");
    assertThatThrownBy(
            () ->
                advisor.advise(
                    Map.of("search", usage("search", 1, 0.1, 1)), Map.of("search", "m99.large")))
        .hasMessageContaining("m99.large");
  }
}
