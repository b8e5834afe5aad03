package com.securecart.server.http;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** Liveness (the process answers) and readiness (migrated, demo data loaded, database reachable). */
public final class HealthRoutes implements HttpService {
  private final Http http;
  private final BooleanSupplier ready;

  public HealthRoutes(Http http, BooleanSupplier ready) {
    this.http = http;
    this.ready = ready;
  }

  @Override
  public void routing(HttpRules rules) {
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
