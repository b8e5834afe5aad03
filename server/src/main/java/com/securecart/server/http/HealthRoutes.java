package com.securecart.server.http;

import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Liveness (the process answers) and readiness (migrated, demo data loaded, search index open, not
 * draining for shutdown). Readiness does not touch the database: see {@code SecureCart#isReady}.
 */
public final class HealthRoutes implements RouteTable.Api {
  private final Http http;
  private final BooleanSupplier ready;
  private final Supplier<List<String>> warnings;

  /**
   * @param warnings configuration problems worth an operator's attention that do not make the
   *     instance unready (such as {@code trusted-proxies-missing}); listed when there are any
   */
  public HealthRoutes(Http http, BooleanSupplier ready, Supplier<List<String>> warnings) {
    this.http = http;
    this.ready = ready;
    this.warnings = warnings;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/health/live", (req, res) -> http.ok(res, Map.of("status", "UP")))
        .get(
            "/health/ready",
            (req, res) -> {
              boolean up = ready.getAsBoolean();
              List<String> warned = warnings.get();
              http.send(
                  res,
                  up ? 200 : 503,
                  warned.isEmpty()
                      ? Map.of("status", up ? "UP" : "DOWN")
                      : Map.of("status", up ? "UP" : "DOWN", "warnings", warned));
            });
  }
}
