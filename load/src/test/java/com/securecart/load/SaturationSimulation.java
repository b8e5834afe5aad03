package com.securecart.load;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * Finds the saturation point the overload run is scaled from: {@code -Dusers} (default 32) users
 * search back to back for {@code -Dduration} seconds; the searches/s Gatling reports is as much as
 * the server answers. Passes if no search fails.
 */
public class SaturationSimulation extends Simulation {
  private final ScenarioBuilder searchers =
      scenario("saturation")
          .forever()
          .on(exec(http("search").get("/api/search?q=headphones").check(status().is(200))));

  {
    setUp(
            searchers.injectClosed(
                constantConcurrentUsers((int) Shop.property("users", 32L))
                    .during(Duration.ofSeconds(Shop.property("duration", 15L)))))
        .maxDuration(Duration.ofSeconds(Shop.property("duration", 15L)))
        .protocols(Chains.protocol())
        .assertions(global().failedRequests().count().is(0L));
  }
}
