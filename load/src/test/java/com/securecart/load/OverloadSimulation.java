package com.securecart.load;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.List;

/**
 * Overload: searches arrive at {@code -Drate} per second (the load script passes three times the
 * saturation it measured) while buyers keep arriving at a tenth of that. An overloaded server must
 * answer quickly, with the result or with 503 and Retry-After (shed, counted by Gatling as a failed
 * search, which is how the scripts count goodput: successful searches per second). Passes if no
 * checkout fails and the p99 of checkouts stays under {@code -Dp99Ms} (default 3000); the scripts
 * add that no request timed out.
 */
public class OverloadSimulation extends Simulation {
  private final List<Long> products = Shop.productsInStock();
  private final double rate = Shop.property("rate", 300.0);
  private final long duration = Shop.property("duration", 30L);

  private final ScenarioBuilder searchers =
      scenario("overload: searches")
          .exec(http("search").get("/api/search?q=headphones").check(status().is(200)));
  private final ScenarioBuilder buyers = scenario("overload: buyers").exec(Chains.buy(products));

  {
    setUp(
            searchers.injectOpen(constantUsersPerSec(rate).during(Duration.ofSeconds(duration))),
            buyers.injectOpen(constantUsersPerSec(rate / 10).during(Duration.ofSeconds(duration))))
        .protocols(Chains.protocol())
        .assertions(
            details("checkout").failedRequests().count().is(0L),
            details("checkout")
                .responseTime()
                .percentile(99.0)
                .lt((int) Shop.property("p99Ms", 3000L)));
  }
}
