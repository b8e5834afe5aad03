package com.securecart.server.http;

import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Liveness (the process answers) and readiness (migrated, demo data loaded, search index open, not
 * draining for shutdown). Readiness does not touch the database: see {@code SecureCart#isReady}.
 */
public final class HealthRoutes implements RouteTable.Api {
  private final Http http;
  private final BooleanSupplier ready;

  public HealthRoutes(Http http, BooleanSupplier ready) {
    this.http = http;
    this.ready = ready;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/health/live", (req, res) -> http.ok(res, Map.of("status", "UP")))
        .get(
            "/health/ready",
            (req, res) -> {
              boolean up = ready.getAsBoolean();
              http.send(res, up ? 200 : 503, Map.of("status", up ? "UP" : "DOWN"));
            });
  }
}
