package com.securecart.server.web;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.catalog.ProductDetails;
import com.securecart.catalog.ProductFilter;
import com.securecart.inventory.InventoryApi;
import com.securecart.inventory.StockLevel;
import com.securecart.notifications.MailboxEntry;
import com.securecart.notifications.NotificationsApi;
import com.securecart.orders.Order;
import com.securecart.orders.OrderDetails;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrdersApi;
import com.securecart.server.http.Http;
import com.securecart.server.http.RouteTable;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.Principal;
import com.securecart.shared.ProductId;
import com.securecart.shared.ValidationException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The staff dashboard: orders, inventory, products and the mailbox. Admins only. */
public final class AdminPages implements RouteTable.Api {
  static final int LOW_STOCK = 5;
  private static final int PAGE_SIZE = 25;

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

  public record MailRow(long id, String url, String to, String subject, String sentAt) {}

  public record MailView(
      long id,
      String to,
      String subject,
      String sentAt,
      String messageId,
      String text,
      String htmlUrl) {}

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

  private final Pages pages;
  private final CatalogApi catalog;
  private final InventoryApi inventory;
  private final OrdersApi orders;
  private final NotificationsApi notifications;

  public AdminPages(
      Pages pages,
      CatalogApi catalog,
      InventoryApi inventory,
      OrdersApi orders,
      NotificationsApi notifications) {
    this.pages = pages;
    this.catalog = catalog;
    this.inventory = inventory;
    this.orders = orders;
    this.notifications = notifications;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get(
            "/admin",
            pages.get(
                (w, res) -> {
                  Pages.admin(w);
                  pages.redirect(w, res, "/admin/orders");
                }))
        .get("/admin/orders", pages.get(this::orders))
        .get("/admin/orders/{id}", pages.get(this::order))
        .get("/admin/inventory", pages.get(this::inventory))
        .post("/admin/inventory/{sku}", pages.post(this::setStock))
        .get("/admin/products", pages.get(this::products))
        .get("/admin/products/new", pages.get(this::newProduct))
        .post("/admin/products", pages.post(this::create))
        .get("/admin/products/{id}/edit", pages.get(this::editProduct))
        .post("/admin/products/{id}", pages.post(this::update))
        .post("/admin/products/{id}/deactivate", pages.post(this::deactivate))
        .get("/admin/mail", pages.get(this::mailbox))
        .get("/admin/mail/{id}", pages.get(this::message))
        .get("/admin/mail/{id}/html", pages.get(this::messageHtml));
  }

  private void orders(WebRequest w, ServerResponse res) {
    Pages.admin(w);
    OrderStatus status = w.query("status").map(AdminPages::status).orElse(null);
    int page = w.pageNumber();
    Page<Order> list = orders.listAll(status, new PageRequest(page, PAGE_SIZE));
    List<WebViews.Link> filters = new ArrayList<>();
    filters.add(new WebViews.Link("All", "/admin/orders", 0, status == null));
    for (OrderStatus s : OrderStatus.values()) {
      filters.add(
          new WebViews.Link(WebViews.label(s), "/admin/orders?status=" + s.name(), 0, s == status));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("status", status == null ? null : status.name());
    pages.render(
        w,
        res,
        "web/admin/orders.jte",
        Map.of(
            "ctx",
            w.page("Orders"),
            "filters",
            filters,
            "orders",
            list.items().stream()
                .map(o -> WebViews.OrderSummary.of(o, "/admin/orders/" + o.id().value()))
                .toList(),
            "pager",
            WebViews.pager("/admin/orders", params, page, PAGE_SIZE, list.total())));
  }

  private void order(WebRequest w, ServerResponse res) {
    Principal admin = Pages.admin(w);
    OrderDetails details = orders.get(new OrderId(Http.pathId(w.req(), "id", "Order")), admin);
    pages.render(
        w,
        res,
        "web/admin/order.jte",
        Map.of(
            "ctx",
            w.page("Order " + details.order().number()),
            "order",
            WebViews.OrderPage.of(details)));
  }

  private void inventory(WebRequest w, ServerResponse res) {
    Pages.admin(w);
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
    Pages.admin(w);
    String sku = Http.pathParam(w.req(), "sku");
    Product product =
        catalog.findBySkus(List.of(sku)).stream()
            .findFirst()
            .orElseThrow(() -> DomainException.notFound("SKU " + sku));
    String error = null;
    try {
      int onHand = stockCount("onHand", w.form().get("onHand"));
      inventory.adjustOnHand(sku, onHand);
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

  /** A row of the staff's product list: the card, and whether shoppers can see the product. */
  public record StaffProduct(WebViews.ProductCard card, boolean active) {}

  private void products(WebRequest w, ServerResponse res) {
    Pages.admin(w);
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
    Pages.admin(w);
    Map<String, String> values = new LinkedHashMap<>();
    values.put("currency", "EUR");
    values.put("stock", "0");
    showProduct(w, res, 200, new ProductForm(null, "/admin/products", values, Map.of(), true));
  }

  private void editProduct(WebRequest w, ServerResponse res) {
    Pages.admin(w);
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
    Pages.admin(w);
    Map<String, String> values = productValues(w);
    ProductId id;
    try {
      int stock = stockCount("stock", values.get("stock"));
      id = catalog.create(details(values), stock);
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
    Pages.admin(w);
    ProductId id = new ProductId(Http.pathId(w.req(), "id", "Product"));
    Map<String, String> values = productValues(w);
    boolean active = w.form().get("active") != null;
    try {
      catalog.update(id, details(values), active);
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
    Pages.admin(w);
    ProductId id = new ProductId(Http.pathId(w.req(), "id", "Product"));
    catalog.setActive(id, false);
    pages.redirect(w, res, "/admin/products/" + id.value() + "/edit?saved=1");
  }

  private void mailbox(WebRequest w, ServerResponse res) {
    Pages.admin(w);
    List<MailRow> rows =
        notifications.mailbox(100).stream()
            .map(
                m ->
                    new MailRow(
                        m.id(),
                        "/admin/mail/" + m.id(),
                        m.to(),
                        m.subject(),
                        Format.when(m.sentAt())))
            .toList();
    pages.render(w, res, "web/admin/mail.jte", Map.of("ctx", w.page("Mailbox"), "messages", rows));
  }

  private void message(WebRequest w, ServerResponse res) {
    Pages.admin(w);
    MailboxEntry m = notifications.mailboxEntry(Http.pathId(w.req(), "id", "Message"));
    pages.render(
        w,
        res,
        "web/admin/mail-message.jte",
        Map.of(
            "ctx",
            w.page(m.subject()),
            "message",
            new MailView(
                m.id(),
                m.to(),
                m.subject(),
                Format.when(m.sentAt()),
                m.messageId(),
                m.text(),
                "/admin/mail/" + m.id() + "/html")));
  }

  /**
   * The e-mail's HTML as the customer's mail client shows it, framed by the message page. Its own
   * policy lets the e-mail's inline styles apply but runs no script and loads nothing from outside,
   * and {@code sandbox} gives it an origin of its own.
   */
  private void messageHtml(WebRequest w, ServerResponse res) {
    Pages.admin(w);
    MailboxEntry m = notifications.mailboxEntry(Http.pathId(w.req(), "id", "Message"));
    res.header(
        SecurityHeaders.CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self';"
            + " sandbox");
    res.header(SecurityHeaders.X_FRAME_OPTIONS, "SAMEORIGIN");
    res.header(HeaderNames.CONTENT_TYPE, "text/html; charset=utf-8");
    res.header(HeaderNames.CACHE_CONTROL, "no-store");
    res.send(m.html().getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> errors(ValidationException e) {
    Map<String, String> errors = new LinkedHashMap<>();
    e.fieldErrors().forEach((k, v) -> errors.put(k.equals("priceCents") ? "price" : k, v));
    return errors;
  }

  /** A stock count typed into a form, 0 to the inventory's maximum. */
  private static int stockCount(String field, String value) {
    try {
      int n = Integer.parseInt(value == null ? "" : value.strip());
      if (n >= 0 && n <= InventoryApi.MAX_ON_HAND) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ValidationException(
        field, "must be a whole number from 0 to " + InventoryApi.MAX_ON_HAND);
  }

  private static OrderStatus status(String value) {
    try {
      return OrderStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
