package com.securecart.load;

import static io.gatling.javaapi.core.CoreDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * The everyday mix, as an open model: shoppers arrive at {@code -Drate} per second for {@code
 * -Dduration} seconds; 60% browse, 30% search as they type, 10% buy. Passes if under 1% of requests
 * fail and the p99 of all requests stays under {@code -Dp99Ms} (default 1000).
 */
public class ShopMixSimulation extends Simulation {
  private final List<Long> products = Shop.productsInStock();
  private final double rate = Shop.property("rate", 20.0);
  private final long duration = Shop.property("duration", 30L);

  private final ScenarioBuilder shoppers =
      scenario("shopping mix")
          .randomSwitch()
          .on(
              percent(60.0).then(Chains.browse(products)),
              percent(30.0).then(Chains.search()),
              percent(10.0).then(Chains.buy(products)));

  {
    setUp(shoppers.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(duration))))
        .protocols(Chains.protocol())
        .assertions(
            global().failedRequests().percent().lt(1.0),
            global().responseTime().percentile(99.0).lt((int) Shop.property("p99Ms", 1000L)));
  }
}
