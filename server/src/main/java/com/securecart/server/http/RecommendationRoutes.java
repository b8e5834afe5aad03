package com.securecart.server.http;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.inventory.InventoryApi;
import com.securecart.recommendations.RecommendationsApi;
import com.securecart.shared.Principal;
import com.securecart.shared.ProductId;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Map;

/** "Customers who bought this also bought" and "recommended for you", as products with stock. */
public final class RecommendationRoutes implements RouteTable.Api {
  private final Http http;
  private final Authn authn;
  private final RecommendationsApi recommendations;
  private final CatalogApi catalog;
  private final InventoryApi inventory;

  public RecommendationRoutes(
      Http http,
      Authn authn,
      RecommendationsApi recommendations,
      CatalogApi catalog,
      InventoryApi inventory) {
    this.http = http;
    this.authn = authn;
    this.recommendations = recommendations;
    this.catalog = catalog;
    this.inventory = inventory;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get(
            "/api/recommendations/products/{id}",
            (req, res) -> {
              // 404 for a product that does not exist or is not for sale, like GET
              // /api/products/{id}.
              Product product = catalog.getActive(new ProductId(Http.pathId(req, "id", "Product")));
              send(
                  res,
                  recommendations.similarTo(
                      product.id(), product.category(), Http.queryInt(req, "limit", 10)));
            })
        .get(
            "/api/recommendations/me",
            (req, res) -> {
              Principal caller = authn.required(req);
              send(
                  res,
                  recommendations.forCustomer(
                      caller.customerId(), Http.queryInt(req, "limit", 10)));
            });
  }

  private void send(ServerResponse res, List<ProductId> ids) {
    Map<ProductId, Product> products = catalog.getAll(ids);
    List<Product> found = ids.stream().map(products::get).filter(p -> p != null).toList();
    Map<String, Integer> available = inventory.available(found.stream().map(Product::sku).toList());
    http.ok(
        res,
        Map.of(
            "items",
            found.stream()
                .map(p -> Views.ProductJson.of(p, available.getOrDefault(p.sku(), 0)))
                .toList()));
  }
}
