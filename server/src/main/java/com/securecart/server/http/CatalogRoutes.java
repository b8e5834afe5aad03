package com.securecart.server.http;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.catalog.ProductFilter;
import com.securecart.inventory.InventoryApi;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ProductId;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/** Shopper reads of the catalog, with available stock. */
public final class CatalogRoutes implements RouteTable.Api {
  private final Http http;
  private final CatalogApi catalog;
  private final InventoryApi inventory;

  public CatalogRoutes(Http http, CatalogApi catalog, InventoryApi inventory) {
    this.http = http;
    this.catalog = catalog;
    this.inventory = inventory;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/api/products", this::list)
        .get("/api/products/{id}", this::get)
        .get("/api/categories", (req, res) -> http.ok(res, Map.of("items", catalog.categories())));
  }

  private void list(ServerRequest req, ServerResponse res) {
    ProductFilter filter =
        new ProductFilter(
            Http.query(req, "category").orElse(null),
            Http.query(req, "brand").orElse(null),
            Http.queryLong(req, "minPrice"),
            Http.queryLong(req, "maxPrice"),
            new PageRequest(Http.queryInt(req, "page", 0), Http.queryInt(req, "size", 20)));
    Page<Product> page = catalog.list(filter);
    Map<String, Integer> available =
        inventory.available(page.items().stream().map(Product::sku).toList());
    http.ok(
        res,
        Views.PageJson.of(page, p -> Views.ProductJson.of(p, available.getOrDefault(p.sku(), 0))));
  }

  private void get(ServerRequest req, ServerResponse res) {
    Product product = catalog.getActive(new ProductId(Http.pathId(req, "id", "Product")));
    http.ok(res, Views.ProductJson.of(product, inventory.level(product.sku()).available()));
  }
}
