package com.securecart.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.config.ConfigLoader;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /metrics}: closed by a configured token, and holding the meters operators alarm on.
 */
class MetricsEndpointIT {
  private static final String TOKEN = "scrape-token-0123456789";

  private static TestApp app;
  private static Api api;

  @BeforeAll
  static void start() {
    // Through the real loader, so that the variable an operator sets is the one tested.
    app =
        TestApp.start(
            Engine.H2,
            c ->
                ConfigLoader.load(
                    new String[] {
                      "--port",
                      "0",
                      "--db",
                      c.app().database().url(),
                      "--data-dir",
                      c.dataDir().toString(),
                      "--demo-products",
                      "0"
                    },
                    Map.of(
                        "SECURECART_METRICS_TOKEN",
                        TOKEN,
                        "SECURECART_ADMIN_EMAIL",
                        TestApp.ADMIN_EMAIL,
                        "SECURECART_ADMIN_PASSWORD",
                        TestApp.ADMIN_PASSWORD,
                        "SECURECART_ADMIN_TOTP_SECRET",
                        TestApp.ADMIN_TOTP_SECRET,
                        "SECURECART_WORKER_POLL_MS",
                        "50")));
    api = app.api();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void aConfiguredTokenIsRequired() {
    assertThat(api.get("/metrics").status()).isEqualTo(401);
    assertThat(api.get("/metrics", Api.bearer("scrape-token-wrong-guess")).status()).isEqualTo(401);
    Api.Response scraped = api.get("/metrics", Api.bearer(TOKEN));
    assertThat(scraped.status()).isEqualTo(200);
    assertThat(scraped.contentType()).startsWith("text/plain");
  }

  @Test
  void routesAreLabelledByTemplateAndEveryAlarmHasItsMeter() {
    long product = api.createProduct(app.adminToken(), "METRICS-1", 1_500, 10);
    Api.Response placed = api.checkout(api.cartWith(product, 1), "tok_visa");
    assertThat(placed.status()).isEqualTo(201);
    long orderId = placed.json().get("orderId").asLong();
    String orderPath = "/api/orders/" + orderId;
    String[] orderToken = {"X-Order-Token", placed.json().get("accessToken").asText()};
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> "CONFIRMED".equals(api.get(orderPath, orderToken).json().get("status").asText()));
    assertThat(api.get("/api/search?q=anything").status()).isEqualTo(200);
    assertThat(api.get("/no/such/route/" + orderId).status()).isEqualTo(404);

    String text = api.get("/metrics", Api.bearer(TOKEN)).body();

    assertThat(text)
        .contains(
            "http_server_requests_seconds_count{method=\"GET\",outcome=\"SUCCESS\","
                + "route=\"/api/orders/{id}\",status=\"200\"}")
        .contains("route=\"/api/checkout\",status=\"201\"")
        .contains("http_server_requests_seconds_bucket{")
        .contains("route=\"unmatched\",status=\"404\"")
        .doesNotContain("route=\"" + orderPath)
        .doesNotContain("/no/such/route");
    assertThat(text)
        .contains("jvm_memory_used_bytes{")
        .contains("jvm_gc_")
        .contains("process_cpu_usage")
        .contains("hikaricp_connections_active{pool=\"securecart\"}")
        .contains("securecart_outbox_backlog")
        .contains("securecart_outbox_oldest_age_seconds")
        .contains("securecart_orders_placed_total")
        .contains(
            "securecart_pipeline_step_duration_seconds_count{outcome=\"done\","
                + "step=\"authorize-payment\"}")
        .contains("securecart_search_latency_seconds_count{operation=\"search\"}");
  }
}
