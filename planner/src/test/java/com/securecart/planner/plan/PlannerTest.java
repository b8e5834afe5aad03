package com.securecart.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.planner.prices.Architecture;
import com.securecart.planner.prices.PriceTable;
import com.securecart.planner.prices.SpotDiscount;
import com.securecart.planner.traffic.RequestsPerOrder;
import com.securecart.planner.traffic.TrafficProfile;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
  private static final PriceTable PRICES = PriceTable.bundled();
  private static final Infra INFRA = infra();

  /** The sale at ten times the 200k-order day: big enough to outgrow the minimum sizes. */
  private static final double BIG_DAY = 2_000_000;

  /**
   * Fixed capacity figures (src/test/resources), not the bundled measurement: the behaviour these
   * tests check must not change each time the sweep is run again.
   */
  static final Capacity TEST_CAPACITY = testCapacity();

  private static Capacity testCapacity() {
    try {
      return Capacity.read(
          Path.of("src/test/resources/com/securecart/planner/plan/test-capacity.json"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Infra infra() {
    try {
      return Infra.read(Path.of("../infra/securecart.json"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Planner planner(TrafficProfile profile, Infra infra, double[] history) {
    return planner(profile, infra, history, 0);
  }

  private static Planner planner(
      TrafficProfile profile, Infra infra, double[] history, double spotInterruptionsPerHour) {
    return new Planner(
        new Planner.Inputs(
            profile,
            TEST_CAPACITY,
            infra,
            PRICES,
            SpotDiscount.of("0.6"),
            RequestsPerOrder.DEFAULT,
            history,
            spotInterruptionsPerHour));
  }

  private static Planner flashSale() {
    return planner(
        TrafficProfile.flashSale(
            BIG_DAY,
            Main.SALE_MULTIPLIER,
            Main.SALE_RAMP_SECONDS,
            Main.SALE_START,
            Main.SALE_LENGTH,
            true),
        INFRA,
        Main.history("flash-sale", BIG_DAY));
  }

  @Test
  void reactiveOnlyShedsInAnAnnouncedSaleWherePredictiveAndScheduledDoesNot() {
    Planner planner = flashSale();
    OptionResult planned = planner.plan(PlanOption.BASELINE);
    OptionResult reactive = planner.plan(option("reactive only"));

    assertThat(planned.sloMinutesViolated()).isZero();
    assertThat(reactive.sloMinutesViolated()).isPositive();
    assertThat(reactive.tier("checkout").result().shedRequests()).isPositive();
    assertThat(planned.tier("checkout").settings().scheduled()).isNotEmpty();
    assertThat(reactive.tier("checkout").settings().scheduled()).isEmpty();
  }

  @Test
  void gravitonCostsLessPerThousandOrdersThanX86AtTheSameLoad() {
    Planner planner = flashSale();
    OptionResult graviton = planner.plan(PlanOption.BASELINE);
    OptionResult x86 = planner.plan(option("x86"));

    assertThat(graviton.orders()).isEqualTo(x86.orders());
    assertThat(x86.tier("web").runsOn()).isEqualTo("m7i.large");
    assertThat(x86.tier("web").cpuTargetPercent()).isEqualTo(50);
    assertThat(graviton.costPer1000Orders()).isLessThan(x86.costPer1000Orders());
  }

  @Test
  void expressPipelineCostsLessThanStandardForTheSameOrders() {
    Planner planner = flashSale();
    assertThat(planner.plan(option("express pipeline")).pipelineCost())
        .isLessThan(planner.plan(PlanOption.BASELINE).pipelineCost());
  }

  @Test
  void costPerThousandOrdersIsTheCostOverTheOrdersByHand(@TempDir Path dir) throws IOException {
    // One hour at one order a second, two groups at their minimum of two, no services.
    Path csv =
        Files.writeString(dir.resolve("hour.csv"), "second,orders_per_second\n0,1\n3599,1\n");
    Infra small = new Infra(INFRA.web(), INFRA.checkout(), Map.of(), INFRA.pipeline());
    OptionResult r = planner(TrafficProfile.csv(csv), small, null).plan(PlanOption.BASELINE);

    BigDecimal web = PRICES.ec2("m7g.large").usdPerHour().multiply(BigDecimal.TWO);
    BigDecimal checkout = PRICES.ec2("c7g.large").usdPerHour().multiply(BigDecimal.TWO);
    assertThat(r.orders()).isEqualTo(3600);
    assertThat(r.tier("web").peak()).isEqualTo(2);
    assertThat(r.tier("web").cost()).isEqualByComparingTo(web);
    assertThat(r.tier("checkout").cost()).isEqualByComparingTo(checkout);
    SharedCosts shared = r.shared();
    BigDecimal total =
        web.add(checkout)
            .add(r.pipelineCost())
            .add(shared.loadBalancers())
            .add(shared.nat())
            .add(shared.sqs())
            .add(shared.batch());
    assertThat(r.costPerHour()).isEqualByComparingTo(total.setScale(6, RoundingMode.HALF_UP));
    assertThat(r.costPer1000Orders())
        .isEqualByComparingTo(
            total
                .multiply(BigDecimal.valueOf(1000))
                .divide(BigDecimal.valueOf(3600), 6, RoundingMode.HALF_UP));
    assertThat(r.costPerMonth())
        .isEqualByComparingTo(r.costPerHour().multiply(BigDecimal.valueOf(730)));
  }

  @Test
  void spotReclaimsAreAbsorbedAtAModestLoadAndTheirReplacementsArePaidFor() {
    TrafficProfile day =
        TrafficProfile.flashSale(
            200_000,
            Main.SALE_MULTIPLIER,
            Main.SALE_RAMP_SECONDS,
            Main.SALE_START,
            Main.SALE_LENGTH,
            true);
    double[] history = Main.history("flash-sale", 200_000);
    PlanOption spotWeb = option("spot mix (web too)");
    OptionResult never = planner(day, INFRA, history, 0).plan(spotWeb);
    // Half the Spot capacity reclaimed every hour: far above any Spot Instance Advisor bucket.
    OptionResult often = planner(day, INFRA, history, 0.5).plan(spotWeb);

    assertThat(never.spotInterruptions()).isZero();
    assertThat(often.tier("web").interruptions()).isPositive();
    assertThat(often.tier("search").interruptions()).isPositive();
    assertThat(often.sloMinutesViolated()).isZero();
    assertThat(often.computeCost()).isGreaterThan(never.computeCost());
    assertThat(often.costPer1000Orders()).isGreaterThan(never.costPer1000Orders());
  }

  @Test
  void eachScheduledActionNamesItsEventAndTheEdgeItIsOffsetFrom() {
    TierPlan checkout = flashSale().plan(PlanOption.BASELINE).tier("checkout");
    var raise = checkout.eventActions().get(0);
    var restore = checkout.eventActions().get(1);
    int start = Main.SALE_START.toSecondOfDay();

    // checkout's saleLeadMinutes is 30 in securecart.json.
    assertThat(raise.event()).isEqualTo("flash-sale");
    assertThat(raise.anchor()).isEqualTo("start");
    assertThat(raise.offsetSeconds()).isEqualTo(-1800);
    assertThat(raise.action().atSecond()).isEqualTo(start - 1800);
    assertThat(restore.anchor()).isEqualTo("end");
    assertThat(restore.offsetSeconds()).isZero();
    assertThat(restore.action().atSecond()).isEqualTo(start + (int) Main.SALE_LENGTH.toSeconds());
    assertThat(restore.action().desired()).isNull();
  }

  @Test
  void x86VariantKeepsTenPointsMoreHeadroom() {
    assertThat(Planner.instanceType("c7g.large", Architecture.X86_64)).isEqualTo("c7i.large");
    assertThat(Planner.instanceType("m7i.large", Architecture.ARM64)).isEqualTo("m7g.large");
    assertThat(Planner.cpuTarget(60, Architecture.ARM64)).isEqualTo(60);
    assertThat(Planner.cpuTarget(60, Architecture.X86_64)).isEqualTo(50);
    assertThat(Planner.cpuTarget(0, Architecture.X86_64)).isEqualTo(50);
  }

  private static PlanOption option(String name) {
    return PlanOption.compared().stream()
        .filter(o -> o.name().equals(name))
        .findFirst()
        .orElseThrow();
  }
}
