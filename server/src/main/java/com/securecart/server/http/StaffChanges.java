package com.securecart.server.http;

import com.securecart.audit.AuditApi;
import com.securecart.audit.AuditApi.Change;
import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.catalog.ProductDetails;
import com.securecart.inventory.InventoryApi;
import com.securecart.inventory.StockLevel;
import com.securecart.sales.NewSale;
import com.securecart.sales.Sale;
import com.securecart.sales.SalesApi;
import com.securecart.shared.ProductId;
import io.helidon.webserver.http.ServerRequest;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every staff write, each with its audit entry: the JSON routes and the admin pages change the
 * catalog, stock and sales only through here, so that neither can change something unrecorded
 * (AuditTrailIT walks every staff write route). The change and its entry share a transaction (the
 * facades join {@link AuditApi#record}'s), and the "before" state is read inside it.
 */
public final class StaffChanges {
  private final AuditApi audit;
  private final CatalogApi catalog;
  private final InventoryApi inventory;
  private final SalesApi sales;

  public StaffChanges(AuditApi audit, CatalogApi catalog, InventoryApi inventory, SalesApi sales) {
    this.audit = audit;
    this.catalog = catalog;
    this.inventory = inventory;
    this.sales = sales;
  }

  public ProductId createProduct(ServerRequest req, ProductDetails details, int openingStock) {
    return audit.record(
        Staff.actor(req),
        () -> {
          ProductId id = catalog.create(details, openingStock);
          Map<String, String> after = fields(catalog.get(id));
          after.put("stock", Integer.toString(openingStock));
          return new Change<>(id, "product.created", "product", id(id), Map.of(), after);
        });
  }

  /** Replaces a product's details: {@code product.price.changed} when the price is among them. */
  public Product updateProduct(
      ServerRequest req, ProductId id, ProductDetails details, Boolean active) {
    return audit.record(
        Staff.actor(req),
        () -> {
          Product before = catalog.get(id);
          Product after = catalog.update(id, details, active);
          return Change.diff(
              after, action(before, after), "product", id(id), fields(before), fields(after));
        });
  }

  public Product setActive(ServerRequest req, ProductId id, boolean active) {
    return audit.record(
        Staff.actor(req),
        () -> {
          Product before = catalog.get(id);
          Product after = catalog.setActive(id, active);
          return Change.diff(
              after, action(before, after), "product", id(id), fields(before), fields(after));
        });
  }

  public StockLevel setStock(ServerRequest req, String sku, int onHand) {
    return audit.record(
        Staff.actor(req),
        () -> {
          int before = inventory.level(sku).onHand();
          StockLevel after = inventory.adjustOnHand(sku, onHand);
          return new Change<>(
              after,
              "stock.set",
              "sku",
              sku,
              Map.of("onHand", Integer.toString(before)),
              Map.of("onHand", Integer.toString(after.onHand())));
        });
  }

  public Sale createSale(ServerRequest req, NewSale sale) {
    return audit.record(
        Staff.actor(req),
        () -> {
          Sale created = sales.create(sale);
          Map<String, String> after = new TreeMap<>();
          after.put("sku", created.sku());
          after.put("perCustomerLimit", Integer.toString(created.perCustomerLimit()));
          after.put("startsAt", created.startsAt().toString());
          after.put("endsAt", created.endsAt().toString());
          return new Change<>(
              created, "sale.created", "sale", Long.toString(created.id()), Map.of(), after);
        });
  }

  /**
   * A staff-started nightly run, recorded before it starts: the job commits stage by stage in
   * transactions of its own, which the entry cannot share, so the request is recorded even if the
   * run then fails.
   */
  public void nightlyRequested(ServerRequest req, LocalDate day) {
    audit.record(
        Staff.actor(req),
        "analytics.nightly.requested",
        "nightly_run",
        day.toString(),
        Map.of(),
        Map.of("day", day.toString()));
  }

  private static String action(Product before, Product after) {
    if (!before.price().equals(after.price())) {
      return "product.price.changed";
    }
    if (before.active() != after.active()) {
      return after.active() ? "product.activated" : "product.deactivated";
    }
    return "product.updated";
  }

  private static String id(ProductId id) {
    return Long.toString(id.value());
  }

  private static Map<String, String> fields(Product p) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("sku", p.sku());
    f.put("name", p.name());
    f.put("description", p.description());
    f.put("brand", p.brand());
    f.put("category", p.category());
    f.put("priceCents", Long.toString(p.price().cents()));
    f.put("currency", p.price().currencyCode());
    f.put("attributes", new TreeMap<>(p.attributes()).toString());
    f.put("imageUrl", p.imageUrl() == null ? "" : p.imageUrl());
    f.put("active", Boolean.toString(p.active()));
    return f;
  }
}
