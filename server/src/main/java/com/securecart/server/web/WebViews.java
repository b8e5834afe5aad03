package com.securecart.server.web;

import com.securecart.cart.CartLine;
import com.securecart.cart.CartView;
import com.securecart.catalog.Product;
import com.securecart.orders.Order;
import com.securecart.orders.OrderDetails;
import com.securecart.orders.OrderStatus;
import com.securecart.search.SearchHit;
import java.util.List;
import java.util.Map;

/** What the page templates see: display-ready values, so that templates hold no logic. */
public final class WebViews {
  private WebViews() {}

  /** A product in a grid or a list. */
  public record ProductCard(
      long id, String url, String name, String brand, String category, String price, Stock stock) {
    static ProductCard of(SearchHit h) {
      return new ProductCard(
          h.id(),
          "/products/" + h.id(),
          h.name(),
          h.brand(),
          h.category(),
          Format.money(h.priceCents(), h.currency()),
          Stock.of(h.available()));
    }

    static ProductCard of(Product p, int available) {
      return new ProductCard(
          p.id().value(),
          "/products/" + p.id().value(),
          p.name(),
          p.brand(),
          p.category(),
          Format.money(p.price()),
          Stock.of(available));
    }
  }

  /** Availability as a shopper reads it. */
  public record Stock(int available, String label, String tone) {
    static final int FEW = 5;

    static Stock of(int available) {
      if (available <= 0) {
        return new Stock(0, "Out of stock", "bad");
      }
      if (available <= FEW) {
        return new Stock(available, "Only " + available + " left", "warn");
      }
      return new Stock(available, "In stock (" + available + " available)", "ok");
    }

    public boolean inStock() {
      return available > 0;
    }
  }

  /** A link with a count: a category on the home page, a facet value on the search page. */
  public record Link(String label, String url, long count, boolean selected) {}

  /** A choice in a select or a radio group. */
  public record Option(String value, String label, boolean selected) {}

  public record Home(List<Link> categories, List<ProductCard> featured) {}

  public record SearchPage(
      String q,
      long total,
      List<ProductCard> hits,
      List<Link> categories,
      List<Link> brands,
      List<Link> prices,
      List<Link> activeFilters,
      String suggestion,
      String suggestionUrl,
      List<Option> sorts,
      String category,
      String brand,
      String minPrice,
      String maxPrice,
      boolean inStock,
      String prevUrl,
      String nextUrl,
      int page,
      long pages,
      String tookMs) {}

  public record Attribute(String name, String value) {}

  public record ProductPage(
      long id,
      String sku,
      String name,
      String description,
      String brand,
      String category,
      String categoryUrl,
      String price,
      List<Attribute> attributes,
      Stock stock,
      String liveUrl,
      String added) {
    static ProductPage of(Product p, int available, String added) {
      return new ProductPage(
          p.id().value(),
          p.sku(),
          p.name(),
          p.description(),
          p.brand(),
          p.category(),
          Format.url("/search", Map.of("category", p.category())),
          Format.money(p.price()),
          p.attributes().entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .map(e -> new Attribute(e.getKey(), e.getValue()))
              .toList(),
          Stock.of(available),
          "/products/" + p.id().value() + "/stock/events",
          added);
    }
  }

  public record CartRow(
      long productId,
      String name,
      String url,
      String sku,
      String unitPrice,
      int quantity,
      String lineTotal,
      boolean purchasable) {
    static CartRow of(CartLine l) {
      return new CartRow(
          l.productId().value(),
          l.name(),
          "/products/" + l.productId().value(),
          l.sku(),
          Format.money(l.unitPrice()),
          l.quantity(),
          Format.money(l.lineTotal()),
          l.purchasable());
    }
  }

  public record CartPage(List<CartRow> lines, int itemCount, String subtotal) {
    static final CartPage EMPTY = new CartPage(List.of(), 0, "");

    static CartPage of(CartView cart) {
      return new CartPage(
          cart.lines().stream().map(CartRow::of).toList(),
          cart.itemCount(),
          cart.subtotal() == null ? "" : Format.money(cart.subtotal()));
    }

    public boolean empty() {
      return lines.isEmpty();
    }

    public boolean purchasable() {
      return itemCount > 0;
    }
  }

  public record CheckoutPage(
      CartPage cart,
      String idempotencyKey,
      Map<String, String> values,
      Map<String, String> errors,
      String message,
      List<Option> paymentTokens,
      boolean guest,
      long amountCents,
      String currency) {
    public String value(String name) {
      return values.getOrDefault(name, "");
    }

    public String error(String name) {
      return errors.get(name);
    }
  }

  /** Where an order is, in words for its customer. */
  public record OrderStatusView(
      String code, String label, String message, String tone, boolean settled) {
    static OrderStatusView of(Order o) {
      return switch (o.status()) {
        case PENDING_PAYMENT, AUTHORIZED ->
            new OrderStatusView(
                o.status().name(),
                "Pending",
                "We are confirming your payment. This page updates by itself.",
                "warn",
                false);
        case CONFIRMED ->
            new OrderStatusView(
                "CONFIRMED",
                "Confirmed",
                "Your payment went through and your order is confirmed. A confirmation e-mail is on"
                    + " its way.",
                "ok",
                true);
        case PAYMENT_FAILED ->
            new OrderStatusView(
                "PAYMENT_FAILED",
                "Payment failed",
                "Your card was declined, so the order was not placed and nothing was charged. The"
                    + " items went back on sale; you can order again with another card.",
                "bad",
                true);
        case CANCELLED ->
            new OrderStatusView("CANCELLED", "Cancelled", "This order was cancelled.", "bad", true);
        case EXPIRED ->
            new OrderStatusView(
                "EXPIRED",
                "Expired",
                "Payment was not completed in time, so the order was cancelled.",
                "bad",
                true);
        case FAILED ->
            new OrderStatusView(
                "FAILED",
                "Failed",
                "We could not complete this order and nothing was charged. Please try again.",
                "bad",
                true);
      };
    }
  }

  public record OrderRow(
      String name, String sku, String url, int quantity, String unitPrice, String lineTotal) {}

  public record HistoryRow(String status, String reason, String at) {}

  public record OrderPage(
      long id,
      String number,
      String email,
      String placedAt,
      OrderStatusView status,
      List<OrderRow> lines,
      String subtotal,
      String tax,
      String shipping,
      String total,
      List<String> address,
      List<HistoryRow> history,
      String liveUrl) {
    static OrderPage of(OrderDetails d) {
      Order o = d.order();
      var a = o.shippingAddress();
      List<String> address =
          java.util.stream.Stream.of(
                  a.name(), a.line1(), a.line2(), a.postalCode() + " " + a.city(), a.country())
              .filter(s -> s != null && !s.isBlank())
              .toList();
      return new OrderPage(
          o.id().value(),
          o.number(),
          o.email(),
          Format.when(o.createdAt()),
          OrderStatusView.of(o),
          o.lines().stream()
              .map(
                  l ->
                      new OrderRow(
                          l.name(),
                          l.sku(),
                          "/products/" + l.productId().value(),
                          l.quantity(),
                          Format.money(l.unitPrice()),
                          Format.money(l.lineTotal())))
              .toList(),
          Format.money(o.totals().subtotal()),
          Format.money(o.totals().tax()),
          Format.money(o.totals().shipping()),
          Format.money(o.totals().total()),
          address,
          d.history().stream()
              .map(h -> new HistoryRow(label(h.status()), h.reason(), Format.when(h.at())))
              .toList(),
          "/orders/" + o.id().value() + "/events");
    }
  }

  /** An order in a list (my orders, the admin's orders). */
  public record OrderSummary(
      long id,
      String url,
      String number,
      String email,
      String placedAt,
      String status,
      String tone,
      String total,
      int items) {
    static OrderSummary of(Order o, String url) {
      OrderStatusView status = OrderStatusView.of(o);
      return new OrderSummary(
          o.id().value(),
          url,
          o.number(),
          o.email(),
          Format.when(o.createdAt()),
          label(o.status()),
          status.tone(),
          Format.money(o.totals().total()),
          o.lines().stream().mapToInt(com.securecart.orders.OrderLine::quantity).sum());
    }
  }

  public record Pager(String prevUrl, String nextUrl, int page, long pages, long total) {}

  static String label(OrderStatus status) {
    return switch (status) {
      case PENDING_PAYMENT -> "Pending payment";
      case AUTHORIZED -> "Payment authorized";
      case CONFIRMED -> "Confirmed";
      case PAYMENT_FAILED -> "Payment failed";
      case CANCELLED -> "Cancelled";
      case EXPIRED -> "Expired";
      case FAILED -> "Failed";
    };
  }

  static Pager pager(String path, Map<String, String> params, int page, int size, long total) {
    long pages = Math.max(1, (total + size - 1) / size);
    return new Pager(
        page > 0 ? Format.url(path, with(params, "page", String.valueOf(page - 1))) : null,
        page + 1 < pages ? Format.url(path, with(params, "page", String.valueOf(page + 1))) : null,
        page,
        pages,
        total);
  }

  static Map<String, String> with(Map<String, String> params, String key, String value) {
    Map<String, String> copy = new java.util.LinkedHashMap<>(params);
    copy.put(key, value);
    return copy;
  }
}
