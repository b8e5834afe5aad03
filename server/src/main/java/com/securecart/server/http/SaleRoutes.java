package com.securecart.server.http;

import com.securecart.sales.NewSale;
import com.securecart.sales.Sale;
import com.securecart.sales.SalesApi;
import com.securecart.shared.Check;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.Map;

/** Staff set up sales with a per-customer purchase limit (docs/adr/0012). Admins only. */
public final class SaleRoutes implements RouteTable.Api {
  record CreateSale(String sku, Integer perCustomerLimit, Instant startsAt, Instant endsAt) {}

  private final Http http;
  private final SalesApi sales;
  private final StaffChanges changes;

  public SaleRoutes(Http http, SalesApi sales, StaffChanges changes) {
    this.http = http;
    this.sales = sales;
    this.changes = changes;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules.post("/api/admin/sales", this::create).get("/api/admin/sales", this::list);
  }

  private void create(ServerRequest req, ServerResponse res) {
    CreateSale body = http.body(req, CreateSale.class);
    Sale sale =
        changes.createSale(
            req,
            new NewSale(
                Check.text("sku", body.sku(), 1, 40),
                (int) Check.required("perCustomerLimit", body.perCustomerLimit()),
                body.startsAt(),
                body.endsAt()));
    http.send(res, 201, sale);
  }

  private void list(ServerRequest req, ServerResponse res) {
    int limit = (int) Check.range("limit", Http.queryInt(req, "limit", 50), 1, 500);
    http.ok(res, Map.of("items", sales.list(limit)));
  }
}
