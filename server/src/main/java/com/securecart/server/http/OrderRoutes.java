package com.securecart.server.http;

import com.securecart.orders.OrderDetails;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrdersApi;
import com.securecart.payments.PaymentsApi;
import com.securecart.shared.OrderId;
import com.securecart.shared.PageRequest;
import com.securecart.shared.Principal;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * A customer's orders; a guest reads and cancels his with the {@code X-Order-Token} from checkout.
 */
public final class OrderRoutes implements RouteTable.Api {
  private static final String ORDER_TOKEN = "X-Order-Token";

  private final Http http;
  private final Authn authn;
  private final OrdersApi orders;
  private final PaymentsApi payments;

  public OrderRoutes(Http http, Authn authn, OrdersApi orders, PaymentsApi payments) {
    this.http = http;
    this.authn = authn;
    this.orders = orders;
    this.payments = payments;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/api/orders", this::list)
        .get("/api/orders/{id}", this::get)
        .post("/api/orders/{id}/cancel", this::cancel);
  }

  private void list(ServerRequest req, ServerResponse res) {
    Principal caller = authn.required(req);
    PageRequest page =
        new PageRequest(Http.queryInt(req, "page", 0), Http.queryInt(req, "size", 20));
    http.ok(res, Views.PageJson.of(orders.listOwn(caller, page), Views.OrderJson::summary));
  }

  private void get(ServerRequest req, ServerResponse res) {
    OrderId id = new OrderId(Http.pathId(req, "id", "Order"));
    Optional<Principal> caller = authn.optional(req);
    Optional<String> token = Http.header(req, ORDER_TOKEN);
    // The order token wins: a guest who signs in later can still open the order placed as a guest.
    OrderDetails details =
        token.isPresent() || caller.isEmpty()
            ? orders.getAsGuest(id, token.orElse(null))
            : orders.get(id, caller.get());
    // Read only after access was granted above: the client secret completes this order's payment.
    http.ok(
        res,
        Views.OrderJson.of(
            details,
            details.order().status() == OrderStatus.PENDING_PAYMENT
                ? payments.pendingAction(id)
                : Optional.empty()));
  }

  private void cancel(ServerRequest req, ServerResponse res) {
    OrderId id = new OrderId(Http.pathId(req, "id", "Order"));
    Optional<Principal> caller = authn.optional(req);
    Optional<String> token = Http.header(req, ORDER_TOKEN);
    http.ok(
        res,
        Views.OrderJson.of(
            orders.cancel(id, token.isPresent() ? Optional.empty() : caller, token)));
  }
}
