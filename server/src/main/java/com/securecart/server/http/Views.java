package com.securecart.server.http;

import com.securecart.cart.CartLine;
import com.securecart.cart.CartView;
import com.securecart.catalog.Product;
import com.securecart.orders.Address;
import com.securecart.orders.Order;
import com.securecart.orders.OrderDetails;
import com.securecart.orders.OrderLine;
import com.securecart.orders.StatusChange;
import com.securecart.payments.AuthorizationResult;
import com.securecart.shared.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The JSON shapes SecureCart answers with; documented in openapi.yaml. */
final class Views {
  private Views() {}

  record ProductJson(
      long id,
      String sku,
      String name,
      String description,
      String brand,
      String category,
      long priceCents,
      String currency,
      Map<String, String> attributes,
      String imageUrl,
      boolean active,
      Integer available) {
    static ProductJson of(Product p, Integer available) {
      return new ProductJson(
          p.id().value(),
          p.sku(),
          p.name(),
          p.description(),
          p.brand(),
          p.category(),
          p.price().cents(),
          p.price().currencyCode(),
          p.attributes(),
          p.imageUrl(),
          p.active(),
          available);
    }
  }

  record PageJson<T>(List<T> items, int page, int size, long total) {
    static <S, T> PageJson<T> of(Page<S> page, Function<S, T> view) {
      return new PageJson<>(
          page.items().stream().map(view).toList(), page.page(), page.size(), page.total());
    }
  }

  record CartLineJson(
      long productId,
      String sku,
      String name,
      long unitPriceCents,
      int quantity,
      long lineTotalCents,
      String currency,
      boolean purchasable) {
    static CartLineJson of(CartLine l) {
      return new CartLineJson(
          l.productId().value(),
          l.sku(),
          l.name(),
          l.unitPrice().cents(),
          l.quantity(),
          l.lineTotal().cents(),
          l.unitPrice().currencyCode(),
          l.purchasable());
    }
  }

  record CartJson(
      String id,
      boolean guest,
      List<CartLineJson> lines,
      int itemCount,
      long subtotalCents,
      String currency) {
    static CartJson of(CartView c) {
      return new CartJson(
          c.id().value(),
          c.guest(),
          c.lines().stream().map(CartLineJson::of).toList(),
          c.itemCount(),
          c.subtotal() == null ? 0 : c.subtotal().cents(),
          c.subtotal() == null ? null : c.subtotal().currencyCode());
    }
  }

  record OrderLineJson(
      long productId,
      String sku,
      String name,
      long unitPriceCents,
      int quantity,
      long lineTotalCents) {
    static OrderLineJson of(OrderLine l) {
      return new OrderLineJson(
          l.productId().value(),
          l.sku(),
          l.name(),
          l.unitPrice().cents(),
          l.quantity(),
          l.lineTotal().cents());
    }
  }

  record AddressJson(
      String name, String line1, String line2, String city, String postalCode, String country) {
    static AddressJson of(Address a) {
      return new AddressJson(a.name(), a.line1(), a.line2(), a.city(), a.postalCode(), a.country());
    }
  }

  /** What the shopper's browser needs to complete a 3-D Secure step with Stripe.js. */
  record PaymentActionJson(String provider, String paymentIntent, String clientSecret) {
    static PaymentActionJson of(AuthorizationResult.RequiresAction action) {
      return new PaymentActionJson("stripe", action.authorizationId(), action.clientSecret());
    }
  }

  record HistoryJson(String status, String reason, Instant at) {
    static HistoryJson of(StatusChange c) {
      return new HistoryJson(c.status().name(), c.reason(), c.at());
    }
  }

  record OrderJson(
      long orderId,
      String orderNumber,
      String status,
      String statusReason,
      String email,
      AddressJson shippingAddress,
      List<OrderLineJson> lines,
      long subtotalCents,
      long taxCents,
      long shippingCents,
      long totalCents,
      String currency,
      Instant createdAt,
      List<HistoryJson> history,
      String accessToken,
      PaymentActionJson paymentAction) {
    static OrderJson of(Order o, List<StatusChange> history, String accessToken) {
      return of(o, history, accessToken, null);
    }

    static OrderJson of(
        Order o, List<StatusChange> history, String accessToken, PaymentActionJson action) {
      return new OrderJson(
          o.id().value(),
          o.number(),
          o.status().name(),
          o.statusReason(),
          o.email(),
          AddressJson.of(o.shippingAddress()),
          o.lines().stream().map(OrderLineJson::of).toList(),
          o.totals().subtotal().cents(),
          o.totals().tax().cents(),
          o.totals().shipping().cents(),
          o.totals().total().cents(),
          o.totals().total().currencyCode(),
          o.createdAt(),
          history == null ? null : history.stream().map(HistoryJson::of).toList(),
          accessToken,
          action);
    }

    static OrderJson of(OrderDetails d) {
      return of(d.order(), d.history(), null);
    }

    /** One order as its owner reads it, with the payment step he still has to complete. */
    static OrderJson of(OrderDetails d, Optional<AuthorizationResult.RequiresAction> action) {
      return of(d.order(), d.history(), null, action.map(PaymentActionJson::of).orElse(null));
    }

    static OrderJson summary(Order o) {
      return of(o, null, null);
    }
  }
}
