package com.securecart.load;

import static io.gatling.javaapi.core.CoreDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * A flash sale on one hot SKU: buyers arrive at {@code -Drate} per second, the rate climbs to ten
 * times that in 10 s, holds for {@code -Dhold} seconds and falls back. Every buyer opens a cart,
 * adds the hot item and checks out; 201 or 409 (sold out) are the only valid answers. Passes if no
 * request fails and the p99 of checkouts stays under {@code -Dp99Ms} (default 2000).
 */
public class FlashSaleSimulation extends Simulation {
  private final long hotProduct = Shop.createHotProduct((int) Shop.property("stock", 1_000L));
  private final double rate = Shop.property("rate", 5.0);
  private final long hold = Shop.property("hold", 20L);

  private final ScenarioBuilder buyers =
      scenario("flash sale")
          .exec(session -> session.set("product", hotProduct))
          .exec(Chains.buyProduct());

  {
    setUp(
            buyers.injectOpen(
                rampUsersPerSec(rate).to(rate * 10).during(Duration.ofSeconds(10)),
                constantUsersPerSec(rate * 10).during(Duration.ofSeconds(hold)),
                rampUsersPerSec(rate * 10).to(rate).during(Duration.ofSeconds(10))))
        .protocols(Chains.protocol())
        .assertions(
            global().failedRequests().count().is(0L),
            details("checkout")
                .responseTime()
                .percentile(99.0)
                .lt((int) Shop.property("p99Ms", 2000L)));
  }
}
