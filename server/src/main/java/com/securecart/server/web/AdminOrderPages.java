package com.securecart.server.web;

import static com.securecart.server.web.AdminSupport.PAGE_SIZE;

import com.securecart.orders.Order;
import com.securecart.orders.OrderDetails;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrdersApi;
import com.securecart.server.http.Http;
import com.securecart.server.http.RouteTable;
import com.securecart.shared.OrderId;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.Permission;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The staff dashboard's home and its orders: every order, by status, and one order in full. Behind
 * the staff-only filter ({@link StaffOnly}), like every {@code /admin} page.
 */
public final class AdminOrderPages implements RouteTable.Api {
  private final Pages pages;
  private final OrdersApi orders;

  public AdminOrderPages(Pages pages, OrdersApi orders) {
    this.pages = pages;
    this.orders = orders;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/admin", pages.get((w, res) -> pages.redirect(w, res, home(w))))
        .get("/admin/orders", pages.get(this::orders))
        .get("/admin/orders/{id}", pages.get(this::order));
  }

  /** The dashboard's first page for this staff member's role: one it may open. */
  private static String home(WebRequest w) {
    return w.staff().may(Permission.ORDERS_READ) ? "/admin/orders" : "/admin/products";
  }

  private void orders(WebRequest w, ServerResponse res) {
    OrderStatus status = w.query("status").map(AdminOrderPages::status).orElse(null);
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
    OrderDetails details = orders.get(new OrderId(Http.pathId(w.req(), "id", "Order")), w.staff());
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

  private static OrderStatus status(String value) {
    try {
      return OrderStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
