package com.securecart.server.http;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.inventory.InventoryApi;
import com.securecart.server.recommendations.Recommender;
import com.securecart.shared.Check;
import com.securecart.shared.Principal;
import com.securecart.shared.ProductId;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * "Customers who bought this also bought", "recommended for you" and "you may also like" for a
 * cart, as products with stock; answered by this instance's model or the recommendations service.
 */
public final class RecommendationRoutes implements RouteTable.Api {
  /** The most products a basket query may name: more than any cart page shows. */
  static final int MAX_BASKET = 50;

  private final Http http;
  private final Authn authn;
  private final Recommender recommender;
  private final CatalogApi catalog;
  private final InventoryApi inventory;

  public RecommendationRoutes(
      Http http, Authn authn, Recommender recommender, CatalogApi catalog, InventoryApi inventory) {
    this.http = http;
    this.authn = authn;
    this.recommender = recommender;
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
              send(res, recommender.similarTo(product.id(), product.category(), limit(req)));
            })
        .get(
            "/api/recommendations/me",
            (req, res) -> {
              Principal caller = authn.required(req);
              send(
                  res,
                  recommender.forCustomer(
                      caller.customerId(), Authn.bearer(req).orElseThrow(), limit(req)));
            })
        .get(
            "/api/recommendations/basket",
            (req, res) -> send(res, recommender.forBasket(basket(req), limit(req))));
  }

  // Checked here, before any call to the recommendations service, so that a bad value is the
  // caller's 400 and not a failed call.
  private static int limit(ServerRequest req) {
    return (int) Check.range("limit", Http.queryInt(req, "limit", 10), 1, 50);
  }

  private static List<ProductId> basket(ServerRequest req) {
    String text = Http.query(req, "products").orElse("");
    String[] parts = text.split(",", -1);
    if (text.isBlank() || parts.length > MAX_BASKET) {
      throw badBasket();
    }
    List<ProductId> ids = new ArrayList<>();
    for (String part : parts) {
      try {
        long id = Long.parseLong(part.strip());
        if (id <= 0) {
          throw badBasket();
        }
        ids.add(new ProductId(id));
      } catch (NumberFormatException e) {
        throw badBasket();
      }
    }
    return ids;
  }

  private static ValidationException badBasket() {
    return new ValidationException(
        "products", "must be 1 to " + MAX_BASKET + " product ids separated by commas");
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
