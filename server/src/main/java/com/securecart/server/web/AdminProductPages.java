package com.securecart.server.web;

import static com.securecart.server.web.AdminSupport.PAGE_SIZE;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.catalog.ProductDetails;
import com.securecart.inventory.InventoryApi;
import com.securecart.inventory.StockLevel;
import com.securecart.server.http.Http;
import com.securecart.server.http.RouteTable;
import com.securecart.server.http.StaffChanges;
import com.securecart.shared.DomainException;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ProductId;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The staff's catalog pages: every product (active or not), and the form that creates, edits and
 * deactivates one. Behind the staff-only filter ({@link StaffOnly}), like every {@code /admin}
 * page.
 */
public final class AdminProductPages implements RouteTable.Api {
  /** The product form: what was typed, and what is wrong with it. */
  public record ProductForm(
      Long id,
      String action,
      Map<String, String> values,
      Map<String, String> errors,
      boolean active) {
    public String value(String name) {
      return values.getOrDefault(name, "");
    }

    public String error(String name) {
      return errors.get(name);
    }
  }

  /** A row of the staff's product list: the card, and whether shoppers can see the product. */
  public record StaffProduct(WebViews.ProductCard card, boolean active) {}

  private static final List<String> PRODUCT_FIELDS =
      List.of(
          "sku",
          "name",
          "description",
          "brand",
          "category",
          "price",
          "currency",
          "imageUrl",
          "attributes",
          "stock");

  private final Pages pages;
  private final CatalogApi catalog;
  private final InventoryApi inventory;
  private final StaffChanges changes;

  public AdminProductPages(
      Pages pages, CatalogApi catalog, InventoryApi inventory, StaffChanges changes) {
    this.pages = pages;
    this.changes = changes;
    this.catalog = catalog;
    this.inventory = inventory;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/admin/products", pages.get(this::products))
        .get("/admin/products/new", pages.get(this::newProduct))
        .post("/admin/products", pages.post(this::create))
        .get("/admin/products/{id}/edit", pages.get(this::editProduct))
        .post("/admin/products/{id}", pages.post(this::update))
        .post("/admin/products/{id}/deactivate", pages.post(this::deactivate));
  }

  private void products(WebRequest w, ServerResponse res) {
    int page = w.pageNumber();
    String state = w.query("state").map(String::strip).orElse("all");
    Boolean active =
        switch (state) {
          case "all" -> null;
          case "active" -> true;
          case "inactive" -> false;
          default -> throw new ValidationException("state", "must be all, active or inactive");
        };
    Page<Product> list = catalog.listForStaff(active, new PageRequest(page, PAGE_SIZE));
    Map<String, StockLevel> levels =
        inventory.levels(list.items().stream().map(Product::sku).toList());
    List<WebViews.Link> filters = new ArrayList<>();
    for (String s : List.of("all", "active", "inactive")) {
      filters.add(
          new WebViews.Link(
              s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1),
              s.equals("all") ? "/admin/products" : "/admin/products?state=" + s,
              0,
              s.equals(state)));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("state", active == null ? null : state);
    pages.render(
        w,
        res,
        "web/admin/products.jte",
        Map.of(
            "ctx",
            w.page("Products"),
            "filters",
            filters,
            "products",
            list.items().stream()
                .map(
                    p ->
                        new StaffProduct(
                            WebViews.ProductCard.of(p, levels.get(p.sku()).available()),
                            p.active()))
                .toList(),
            "pager",
            WebViews.pager("/admin/products", params, page, PAGE_SIZE, list.total())));
  }

  private void newProduct(WebRequest w, ServerResponse res) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("currency", "EUR");
    values.put("stock", "0");
    showProduct(w, res, 200, new ProductForm(null, "/admin/products", values, Map.of(), true));
  }

  private void editProduct(WebRequest w, ServerResponse res) {
    Product p = catalog.get(new ProductId(Http.pathId(w.req(), "id", "Product")));
    Map<String, String> values = new LinkedHashMap<>();
    values.put("sku", p.sku());
    values.put("name", p.name());
    values.put("description", p.description());
    values.put("brand", p.brand());
    values.put("category", p.category());
    values.put("price", Format.plain(p.price().cents()));
    values.put("currency", p.price().currencyCode());
    values.put("imageUrl", p.imageUrl() == null ? "" : p.imageUrl());
    values.put(
        "attributes",
        p.attributes().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining("\n")));
    showProduct(
        w,
        res,
        200,
        new ProductForm(
            p.id().value(), "/admin/products/" + p.id().value(), values, Map.of(), p.active()));
  }

  private void showProduct(WebRequest w, ServerResponse res, int status, ProductForm form) {
    pages.render(
        w,
        res,
        status,
        "web/admin/product-form.jte",
        Map.of("ctx", w.page(form.id() == null ? "New product" : "Edit product"), "form", form));
  }

  private Map<String, String> productValues(WebRequest w) {
    Map<String, String> values = new LinkedHashMap<>();
    PRODUCT_FIELDS.forEach(
        f -> values.put(f, Optional.ofNullable(w.form().get(f)).orElse("").strip()));
    return values;
  }

  private static ProductDetails details(Map<String, String> v) {
    Long cents = Format.cents(v.get("price"));
    if (cents == null) {
      throw new ValidationException("price", "must be an amount such as 12.99");
    }
    return ProductDetails.of(
        v.get("sku"),
        v.get("name"),
        v.get("description"),
        v.get("brand"),
        v.get("category"),
        cents,
        v.get("currency"),
        attributes(v.get("attributes")),
        v.get("imageUrl").isEmpty() ? null : v.get("imageUrl"));
  }

  /** "key=value" per line. */
  private static Map<String, String> attributes(String text) {
    Map<String, String> attributes = new LinkedHashMap<>();
    for (String line : text.split("\\R")) {
      if (line.isBlank()) {
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ValidationException("attributes", "must be one name=value per line");
      }
      attributes.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
    return attributes;
  }

  private void create(WebRequest w, ServerResponse res) {
    Map<String, String> values = productValues(w);
    ProductId id;
    try {
      int stock = AdminSupport.stockCount("stock", values.get("stock"));
      id = changes.createProduct(w.req(), details(values), stock);
    } catch (ValidationException e) {
      showProduct(w, res, 422, new ProductForm(null, "/admin/products", values, errors(e), true));
      return;
    } catch (DomainException e) {
      showProduct(
          w,
          res,
          409,
          new ProductForm(null, "/admin/products", values, Map.of("sku", e.detail()), true));
      return;
    }
    pages.redirect(w, res, "/admin/products/" + id.value() + "/edit?saved=1");
  }

  private void update(WebRequest w, ServerResponse res) {
    ProductId id = new ProductId(Http.pathId(w.req(), "id", "Product"));
    Map<String, String> values = productValues(w);
    boolean active = w.form().get("active") != null;
    try {
      changes.updateProduct(w.req(), id, details(values), active);
    } catch (ValidationException e) {
      showProduct(
          w,
          res,
          422,
          new ProductForm(id.value(), "/admin/products/" + id.value(), values, errors(e), active));
      return;
    } catch (DomainException e) {
      if (e.kind() == DomainException.Kind.NOT_FOUND) {
        throw e;
      }
      showProduct(
          w,
          res,
          409,
          new ProductForm(
              id.value(),
              "/admin/products/" + id.value(),
              values,
              Map.of("sku", e.detail()),
              active));
      return;
    }
    pages.redirect(w, res, "/admin/products/" + id.value() + "/edit?saved=1");
  }

  private void deactivate(WebRequest w, ServerResponse res) {
    ProductId id = new ProductId(Http.pathId(w.req(), "id", "Product"));
    changes.setActive(w.req(), id, false);
    pages.redirect(w, res, "/admin/products/" + id.value() + "/edit?saved=1");
  }

  private static Map<String, String> errors(ValidationException e) {
    Map<String, String> errors = new LinkedHashMap<>();
    e.fieldErrors().forEach((k, v) -> errors.put(k.equals("priceCents") ? "price" : k, v));
    return errors;
  }
}
