package com.securecart.server.web;

import com.securecart.server.http.JsonCodec;
import com.securecart.server.http.RouteTable;
import com.securecart.server.metrics.Metrics;
import com.securecart.server.metrics.ScrapeEndpoint;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * The operations page: live charts of this instance's requests/s, latency percentiles, orders/s,
 * outbox backlog and worker activity. The page's script polls {@code /admin/ops/data} every two
 * seconds and draws the charts itself; {@code /admin/metrics} is the same registry for Prometheus.
 */
public final class OpsPages implements RouteTable.Api {
  private final Pages pages;
  private final Metrics metrics;
  private final JsonCodec json;

  public OpsPages(Pages pages, Metrics metrics, JsonCodec json) {
    this.pages = pages;
    this.metrics = metrics;
    this.json = json;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/admin/ops", pages.get(this::page))
        .get("/admin/ops/data", pages.get(this::data))
        .get("/admin/metrics", pages.get(this::prometheus));
  }

  private void page(WebRequest w, ServerResponse res) {
    pages.render(w, res, "web/admin/ops.jte", Map.of("ctx", w.page("Operations")));
  }

  private void data(WebRequest w, ServerResponse res) {
    res.header(HeaderNames.CONTENT_TYPE, "application/json");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.send(json.write(metrics.snapshot()));
  }

  private void prometheus(WebRequest w, ServerResponse res) {
    ScrapeEndpoint.send(metrics, res);
  }
}
