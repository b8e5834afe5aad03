package com.securecart.planner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.planner.prices.PriceTable;
import com.securecart.planner.prices.SpotDiscount;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The costs beside compute, worked by hand for one hour at one order a second. */
class SharedCostsTest {
  private static final PriceTable PRICES = PriceTable.bundled();

  /** RequestsPerOrder.DEFAULT: storefront 6, search 12, cart 2, checkout 1, recommendations 6. */
  private static final double REQUESTS_PER_ORDER = 27;

  private static SharedCosts oneHourAtOneOrderASecond() {
    double[] orders = new double[3600];
    Arrays.fill(orders, 1);
    return SharedCosts.of(orders, REQUESTS_PER_ORDER, PRICES, SpotDiscount.of("0.6"));
  }

  @Test
  void theLoadBalancerIsItsHourAndTheBytesDimensionOfItsLcus() {
    // 27 requests/s: new connections 2.7/s = 0.108 LCU, active 2.7 x 60 = 162 = 0.054 LCU,
    // 27 x 20,000 B x 3,600 s = 1.944 GB/h = 1.944 LCU, no paid rules: 1.944 LCU.
    assertThat(SharedCosts.lcus(BigDecimal.valueOf(27))).isEqualByComparingTo("1.944");
    // $0.0225 an hour + 1.944 x $0.008 per LCU-hour.
    assertThat(oneHourAtOneOrderASecond().loadBalancers()).isEqualByComparingTo("0.038052");
  }

  @Test
  void natIsThreeGatewaysAndThePaymentBytes() {
    // 3 x $0.045 + 3,600 orders x 20,000 B = 0.072 GB x $0.045.
    assertThat(oneHourAtOneOrderASecond().nat()).isEqualByComparingTo("0.13824");
  }

  @Test
  void sqsIsThreeRequestsPerOrder() {
    // 3,600 orders x 3 x $0.0000004.
    assertThat(oneHourAtOneOrderASecond().sqs()).isEqualByComparingTo("0.00432");
  }

  @Test
  void theNightlyJobScalesWithOrdersPerDayAndIsSpreadOverTheDay() {
    // 86,400 orders/day is 7.776 times the bench's 1,000,000 / 90: 61.2 x 7.776 = 475.8912
    // vCPU-s, + 120 s x 4 vCPUs = 955.8912 vCPU-s; m7g.xlarge $0.1632 x 0.4 / 4 = $0.01632 per
    // vCPU-hour: $0.0043333734 a night, a 24th of it in this hour (kept to 10 places).
    assertThat(oneHourAtOneOrderASecond().batch()).isEqualByComparingTo("0.0001805572");
  }

  @Test
  void theFixedPartIsTheHoursAndTheNightlyJob() {
    SharedCosts c = oneHourAtOneOrderASecond();
    assertThat(c.fixed())
        .isEqualByComparingTo(new BigDecimal("0.0225").add(new BigDecimal("0.135")).add(c.batch()));
  }
}
