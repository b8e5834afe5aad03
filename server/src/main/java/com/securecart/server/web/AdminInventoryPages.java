package com.securecart.server.web;

import static com.securecart.server.web.AdminSupport.PAGE_SIZE;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.catalog.ProductFilter;
import com.securecart.inventory.InventoryApi;
import com.securecart.inventory.StockLevel;
import com.securecart.server.http.Http;
import com.securecart.server.http.RouteTable;
import com.securecart.server.http.StaffChanges;
import com.securecart.shared.DomainException;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The staff's stock pages: the inventory, its low-stock list and the inline edit of a count. Behind
 * the staff-only filter ({@link StaffOnly}), like every {@code /admin} page.
 */
public final class AdminInventoryPages implements RouteTable.Api {
  static final int LOW_STOCK = 5;

  /** A row of the inventory table, and the fragment its inline edit swaps in. */
  public record InventoryRow(
      long productId,
      String sku,
      String name,
      String editUrl,
      int onHand,
      int reserved,
      int available,
      boolean low,
      String error) {}

  private final Pages pages;
  private final CatalogApi catalog;
  private final InventoryApi inventory;
  private final StaffChanges changes;

  public AdminInventoryPages(
      Pages pages, CatalogApi catalog, InventoryApi inventory, StaffChanges changes) {
    this.pages = pages;
    this.changes = changes;
    this.catalog = catalog;
    this.inventory = inventory;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/admin/inventory", pages.get(this::inventory))
        .post("/admin/inventory/{sku}", pages.post(this::setStock));
  }

  private void inventory(WebRequest w, ServerResponse res) {
    int page = w.pageNumber();
    String sku = w.query("sku").map(String::strip).orElse("");
    Page<Product> list =
        sku.isEmpty()
            ? productPage(page)
            : found(catalog.findBySkus(List.of(sku.toUpperCase(Locale.ROOT))));
    List<StockLevel> low = inventory.lowStock(LOW_STOCK, 20);
    Map<String, Product> lowProducts =
        catalog.findBySkus(low.stream().map(StockLevel::sku).toList()).stream()
            .collect(Collectors.toMap(Product::sku, Function.identity(), (a, b) -> a));
    pages.render(
        w,
        res,
        "web/admin/inventory.jte",
        Map.of(
            "ctx",
            w.page("Inventory"),
            "rows",
            rows(list.items()),
            "low",
            low.stream().map(l -> row(lowProducts.get(l.sku()), l, null)).toList(),
            "threshold",
            LOW_STOCK,
            "pager",
            WebViews.pager("/admin/inventory", Map.of(), page, PAGE_SIZE, list.total()),
            "sku",
            sku));
  }

  private static Page<Product> found(List<Product> products) {
    return new Page<>(products, 0, PAGE_SIZE, products.size());
  }

  /** A page of the active catalog, by id. */
  private Page<Product> productPage(int page) {
    return catalog.list(
        new ProductFilter(null, null, null, null, new PageRequest(page, PAGE_SIZE)));
  }

  private List<InventoryRow> rows(List<Product> products) {
    Map<String, StockLevel> levels = inventory.levels(products.stream().map(Product::sku).toList());
    return products.stream().map(p -> row(p, levels.get(p.sku()), null)).toList();
  }

  private static InventoryRow row(Product p, StockLevel level, String error) {
    return new InventoryRow(
        p == null ? 0 : p.id().value(),
        level.sku(),
        p == null ? level.sku() : p.name(),
        "/admin/inventory/" + Format.encode(level.sku()),
        level.onHand(),
        level.reserved(),
        level.available(),
        level.available() <= LOW_STOCK,
        error);
  }

  private void setStock(WebRequest w, ServerResponse res) {
    String sku = Http.pathParam(w.req(), "sku");
    Product product =
        catalog.findBySkus(List.of(sku)).stream()
            .findFirst()
            .orElseThrow(() -> DomainException.notFound("SKU " + sku));
    String error = null;
    try {
      int onHand = AdminSupport.stockCount("onHand", w.form().get("onHand"));
      changes.setStock(w.req(), sku, onHand);
    } catch (DomainException e) {
      if (!w.htmx()) {
        throw e;
      }
      error =
          e instanceof ValidationException v
              ? "On hand " + v.fieldErrors().getOrDefault("onHand", "is invalid")
              : e.detail();
    }
    if (w.htmx()) {
      // The inline edit swaps just this row; an error shows in it and the value is unchanged.
      pages.render(
          w,
          res,
          "web/admin/stock-row.jte",
          Map.of(
              "row",
              row(product, inventory.level(sku), error),
              "csrf",
              w.browser().csrf(),
              "scope",
              "low".equals(w.form().get("scope")) ? "low" : "all"));
    } else {
      pages.redirect(
          w,
          res,
          "/admin/inventory?page="
              + Format.wholeNumber(Optional.ofNullable(w.form().get("page")).orElse("0")));
    }
  }
}
