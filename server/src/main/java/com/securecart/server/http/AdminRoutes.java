package com.securecart.server.http;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.catalog.ProductDetails;
import com.securecart.inventory.InventoryApi;
import com.securecart.inventory.StockLevel;
import com.securecart.notifications.NotificationsApi;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrdersApi;
import com.securecart.shared.Check;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ProductId;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.Map;

/**
 * Staff operations: products, stock, orders and the local mailbox. Every route needs an admin
 * token, checked once for all of {@code /api/admin} by the staff-only filter ({@link Staff}).
 */
public final class AdminRoutes implements RouteTable.Api {
  /** The product fields both admin bodies carry, turned into validated details in one place. */
  interface ProductFields {
    String sku();

    String name();

    String description();

    String brand();

    String category();

    Long priceCents();

    String currency();

    Map<String, String> attributes();

    String imageUrl();

    default ProductDetails details() {
      return ProductDetails.of(
          sku(),
          name(),
          description(),
          brand(),
          category(),
          priceCents(),
          currency(),
          attributes(),
          imageUrl());
    }
  }

  record CreateProduct(
      String sku,
      String name,
      String description,
      String brand,
      String category,
      Long priceCents,
      String currency,
      Integer stock,
      Map<String, String> attributes,
      String imageUrl)
      implements ProductFields {}

  record UpdateProduct(
      String sku,
      String name,
      String description,
      String brand,
      String category,
      Long priceCents,
      String currency,
      Map<String, String> attributes,
      String imageUrl,
      Boolean active)
      implements ProductFields {}

  record SetStock(Integer onHand) {}

  record StockJson(String sku, int onHand, int reserved, int available) {
    static StockJson of(StockLevel s) {
      return new StockJson(s.sku(), s.onHand(), s.reserved(), s.available());
    }
  }

  private final Http http;
  private final CatalogApi catalog;
  private final InventoryApi inventory;
  private final OrdersApi orders;
  private final NotificationsApi notifications;
  private final StaffChanges changes;

  public AdminRoutes(
      Http http,
      CatalogApi catalog,
      InventoryApi inventory,
      OrdersApi orders,
      NotificationsApi notifications,
      StaffChanges changes) {
    this.http = http;
    this.changes = changes;
    this.catalog = catalog;
    this.inventory = inventory;
    this.orders = orders;
    this.notifications = notifications;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .post("/api/admin/products", this::create)
        .get("/api/admin/products/{id}", this::get)
        .put("/api/admin/products/{id}", this::update)
        .put("/api/admin/inventory/{sku}", this::setStock)
        .get("/api/admin/orders", this::orders)
        .get("/api/admin/mail", this::mail);
  }

  private void create(ServerRequest req, ServerResponse res) {
    CreateProduct body = http.body(req, CreateProduct.class);
    ProductDetails details = body.details();
    int stock =
        (int)
            Check.range(
                "stock", Check.required("stock", body.stock()), 0, InventoryApi.MAX_ON_HAND);
    ProductId id = changes.createProduct(req, details, stock);
    http.send(res, 201, Map.of("id", id.value()));
  }

  private void get(ServerRequest req, ServerResponse res) {
    Product product = catalog.get(new ProductId(Http.pathId(req, "id", "Product")));
    http.ok(res, Views.ProductJson.of(product, inventory.level(product.sku()).available()));
  }

  private void update(ServerRequest req, ServerResponse res) {
    ProductId id = new ProductId(Http.pathId(req, "id", "Product"));
    UpdateProduct body = http.body(req, UpdateProduct.class);
    ProductDetails details = body.details();
    Product product = changes.updateProduct(req, id, details, body.active());
    http.ok(res, Views.ProductJson.of(product, inventory.level(product.sku()).available()));
  }

  private void setStock(ServerRequest req, ServerResponse res) {
    String sku = Http.pathParam(req, "sku");
    SetStock body = http.body(req, SetStock.class);
    int onHand =
        (int)
            Check.range(
                "onHand", Check.required("onHand", body.onHand()), 0, InventoryApi.MAX_ON_HAND);
    http.ok(res, StockJson.of(changes.setStock(req, sku, onHand)));
  }

  private void orders(ServerRequest req, ServerResponse res) {
    OrderStatus status = Http.query(req, "status").map(AdminRoutes::status).orElse(null);
    PageRequest page =
        new PageRequest(Http.queryInt(req, "page", 0), Http.queryInt(req, "size", 20));
    http.ok(res, Views.PageJson.of(orders.listAll(status, page), Views.OrderJson::summary));
  }

  private void mail(ServerRequest req, ServerResponse res) {
    int limit = (int) Check.range("limit", Http.queryInt(req, "limit", 50), 1, 500);
    http.ok(res, Map.of("items", notifications.mailbox(limit)));
  }

  private static OrderStatus status(String value) {
    try {
      return OrderStatus.valueOf(value);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          "status", "must be one of " + Arrays.toString(OrderStatus.values()));
    }
  }
}
