package com.securecart.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.cart.CartApi;
import com.securecart.cart.CartView;
import com.securecart.checkout.CheckoutCommand;
import com.securecart.idempotency.IdempotencyKey;
import com.securecart.idempotency.IdempotentExecutor;
import com.securecart.orders.Address;
import com.securecart.orders.OrderDetails;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrdersApi;
import com.securecart.payments.AuthorizationResult;
import com.securecart.payments.PaymentsApi;
import com.securecart.server.http.Http;
import com.securecart.server.http.IdempotentCheckout;
import com.securecart.server.http.Problems;
import com.securecart.server.http.RouteTable;
import com.securecart.shared.CartId;
import com.securecart.shared.DomainException;
import com.securecart.shared.Hashing;
import com.securecart.shared.OrderId;
import com.securecart.shared.Principal;
import com.securecart.shared.ProblemType;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Checkout from a form, and the order page whose status follows the pipeline live. The form carries
 * a server-made idempotency key, so a double submit places one order.
 */
public final class CheckoutPages implements RouteTable.Api {
  private static final List<String> FIELDS =
      List.of("email", "name", "line1", "line2", "city", "postalCode", "country", "paymentToken");
  private static final Duration STATUS_POLL = Duration.ofMillis(250);
  private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(5);

  private final Pages pages;
  private final CartApi carts;
  private final IdempotentCheckout checkout;
  private final OrdersApi orders;
  private final PaymentsApi payments;
  private final EventStreams streams;

  public CheckoutPages(
      Pages pages,
      CartApi carts,
      IdempotentCheckout checkout,
      OrdersApi orders,
      PaymentsApi payments,
      EventStreams streams) {
    this.pages = pages;
    this.carts = carts;
    this.checkout = checkout;
    this.orders = orders;
    this.payments = payments;
    this.streams = streams;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/checkout", pages.get(this::form))
        .post("/checkout", pages.post(this::place))
        .get("/orders/{id}", pages.get(this::order))
        .get("/orders/{id}/events", pages.get(this::statusEvents));
  }

  private void form(WebRequest w, ServerResponse res) {
    Optional<CartView> cart = CartPages.current(w, carts);
    if (cart.isEmpty() || cart.get().itemCount() == 0) {
      pages.redirect(w, res, "/cart");
      return;
    }
    Map<String, String> values = new LinkedHashMap<>();
    values.put("country", "DE");
    if (!pages.payments().stripe()) {
      values.put("paymentToken", "tok_visa");
    }
    w.principal().ifPresent(p -> values.put("email", p.email()));
    show(w, res, 200, cart.get(), UUID.randomUUID().toString(), values, Map.of(), null);
  }

  private void show(
      WebRequest w,
      ServerResponse res,
      int status,
      CartView cart,
      String key,
      Map<String, String> values,
      Map<String, String> errors,
      String message) {
    String token = values.getOrDefault("paymentToken", "tok_visa");
    List<WebViews.Option> tokens =
        List.of(
            new WebViews.Option("tok_visa", "Visa test card (approved)", token.equals("tok_visa")),
            new WebViews.Option(
                "tok_mastercard",
                "Mastercard test card (approved)",
                token.equals("tok_mastercard")),
            new WebViews.Option(
                "tok_chargeDeclined",
                "Test card that is declined",
                token.equals("tok_chargeDeclined")),
            new WebViews.Option(
                "tok_processingError",
                "Test card whose processor fails twice, then approves",
                token.equals("tok_processingError")));
    pages.render(
        w,
        res,
        status,
        "web/checkout.jte",
        Map.of(
            "ctx",
            w.page("Checkout"),
            "view",
            new WebViews.CheckoutPage(
                WebViews.CartPage.of(cart),
                key,
                values,
                errors,
                message,
                tokens,
                w.principal().isEmpty(),
                cart.subtotal() == null ? 0 : cart.subtotal().cents(),
                cart.subtotal() == null
                    ? "eur"
                    : cart.subtotal().currencyCode().toLowerCase(Locale.ROOT))));
  }

  /** A checkout form that passed validation: what {@link #placeOnce} is called with. */
  private record ValidCheckout(IdempotencyKey key, CheckoutCommand command) {}

  private void place(WebRequest w, ServerResponse res) {
    Optional<CartId> cartId = w.browser().cart();
    if (cartId.isEmpty()) {
      pages.redirect(w, res, "/cart");
      return;
    }
    Map<String, String> values = new LinkedHashMap<>();
    FIELDS.forEach(f -> values.put(f, Optional.ofNullable(w.form().get(f)).orElse("").strip()));
    String key = Optional.ofNullable(w.form().get("idempotencyKey")).orElse("");
    Optional<Principal> caller = w.principal();
    ValidCheckout valid;
    try {
      valid = validate(cartId.get(), key, values, caller);
    } catch (ValidationException e) {
      showOrBackToCart(
          w, res, 422, key, values, fieldErrors(e), "Please correct the marked fields.");
      return;
    }
    // The cart's own state is not checked first: a second click that arrives after the first
    // checked the cart out must still reach the idempotency key and be answered with that order.
    IdempotentExecutor.Result result;
    try {
      result = placeOnce(valid.key(), valid.command(), caller, fingerprint(values));
    } catch (DomainException e) {
      showOrBackToCart(
          w,
          res,
          Math.max(400, Problems.status(e.kind())),
          UUID.randomUUID().toString(),
          values,
          Map.of(),
          e.detail());
      return;
    }
    showResult(w, res, values, result);
  }

  private static ValidCheckout validate(
      CartId cartId, String key, Map<String, String> values, Optional<Principal> caller) {
    IdempotencyKey idempotencyKey = new IdempotencyKey(key);
    CheckoutCommand command =
        new CheckoutCommand(
            cartId,
            values.get("email").isEmpty() ? null : values.get("email"),
            new Address(
                values.get("name"),
                values.get("line1"),
                values.get("line2"),
                values.get("city"),
                values.get("postalCode"),
                values.get("country")),
            values.get("paymentToken"));
    if (caller.isEmpty() && command.email() == null) {
      throw new ValidationException("email", "is required");
    }
    return new ValidCheckout(idempotencyKey, command);
  }

  /** The placed order's page, or the form again with the stored rejection. */
  private void showResult(
      WebRequest w,
      ServerResponse res,
      Map<String, String> values,
      IdempotentExecutor.Result result) {
    JsonNode body = json(result.response().body());
    if (result.response().status() == 201) {
      OrderId order = new OrderId(body.path("orderId").asLong());
      pages.sessions().grantOrderAccess(res, w.browser(), order, body.path("accessToken").asText());
      // The cart cookie stays: the cart is checked out, so the browser has no open cart, yet a
      // resubmitted form (back button, second click) still reaches this key and this order.
      pages.redirect(w, res, "/orders/" + order.value());
      return;
    }
    // A stored rejection (out of stock, a product gone): say what it was; a new key for the retry.
    showOrBackToCart(
        w,
        res,
        result.response().status(),
        UUID.randomUUID().toString(),
        values,
        Map.of(),
        rejection(body));
  }

  private void showOrBackToCart(
      WebRequest w,
      ServerResponse res,
      int status,
      String key,
      Map<String, String> values,
      Map<String, String> errors,
      String message) {
    Optional<CartView> cart = CartPages.current(w, carts);
    if (cart.isEmpty()) {
      pages.redirect(w, res, "/cart");
      return;
    }
    show(w, res, status, cart.get(), key, values, errors, message);
  }

  /** Runs the checkout; a double submit that arrives while the first is running waits for it. */
  private IdempotentExecutor.Result placeOnce(
      IdempotencyKey key, CheckoutCommand command, Optional<Principal> caller, String fingerprint) {
    long deadline = System.nanoTime() + IN_FLIGHT_WAIT.toNanos();
    while (true) {
      try {
        return checkout.place(key, command, caller, fingerprint);
      } catch (DomainException e) {
        if (e.problemType() != ProblemType.IDEMPOTENCY_IN_FLIGHT || System.nanoTime() > deadline) {
          throw e;
        }
        try {
          Thread.sleep(100);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static String fingerprint(Map<String, String> values) {
    return Hashing.sha256Hex("web-checkout|" + values);
  }

  private JsonNode json(String body) {
    try {
      return checkout.json().read(body.getBytes(StandardCharsets.UTF_8), JsonNode.class);
    } catch (IOException e) {
      throw new IllegalStateException("stored checkout response is not JSON", e);
    }
  }

  private static String rejection(JsonNode problem) {
    String type = problem.path("type").asText("");
    if (type.endsWith("/" + ProblemType.OUT_OF_STOCK.slug())) {
      StringBuilder message =
          new StringBuilder("Sorry, there is not enough stock for everything in your cart:");
      for (JsonNode shortage : problem.path("lines")) {
        message
            .append(' ')
            .append(shortage.path("sku").asText())
            .append(" (")
            .append(shortage.path("available").asInt())
            .append(" left);");
      }
      return message.append(" please change the quantities and try again.").toString();
    }
    return problem.path("detail").asText("The order could not be placed.");
  }

  private static Map<String, String> fieldErrors(ValidationException e) {
    Map<String, String> errors = new LinkedHashMap<>();
    e.fieldErrors()
        .forEach((field, message) -> errors.put(field.replace("shippingAddress.", ""), message));
    return errors;
  }

  private OrderDetails access(WebRequest w) {
    OrderId id = new OrderId(Http.pathId(w.req(), "id", "Order"));
    Optional<String> token = pages.sessions().orderAccess(w.req(), id);
    if (token.isPresent()) {
      try {
        return orders.getAsGuest(id, token.get());
      } catch (DomainException e) {
        // A stale cookie: fall back to the signed-in account.
      }
    }
    Principal caller = w.principal().orElseThrow(() -> DomainException.notFound("Order " + id));
    // Ownership is part of the query: another customer's order is "not found", like a missing one.
    return orders.get(id, caller);
  }

  private void order(WebRequest w, ServerResponse res) {
    OrderDetails details = access(w);
    // Read only after access was granted: the client secret completes this order's payment.
    String clientSecret =
        details.order().status() == OrderStatus.PENDING_PAYMENT && pages.payments().stripe()
            ? payments
                .pendingAction(details.order().id())
                .map(AuthorizationResult.RequiresAction::clientSecret)
                .orElse("")
            : "";
    pages.render(
        w,
        res,
        "web/order.jte",
        Map.of(
            "ctx",
            w.page("Order " + details.order().number()),
            "order",
            WebViews.OrderPage.of(details),
            "paymentAction",
            clientSecret));
  }

  /**
   * The order's status as it changes. Access is checked once, when the stream opens; then the
   * stream reads the order's status (one primary-key read) every 250 ms until it settles (ADR 0009:
   * only this one page cares, and the pipeline usually settles in well under a second).
   */
  private void statusEvents(WebRequest w, ServerResponse res) {
    OrderDetails first = access(w);
    OrderId id = first.order().id();
    OrderStatus[] last = {first.order().status()};
    streams.stream(
        w.req(),
        res,
        statusEvent(first),
        max -> {
          long deadline = System.nanoTime() + max.toNanos();
          while (streams.open() && System.nanoTime() < deadline) {
            Thread.sleep(STATUS_POLL);
            Optional<OrderStatus> now = orders.status(id);
            if (now.isPresent() && now.get() != last[0]) {
              last[0] = now.get();
              return orders.findDetails(id).map(this::statusEvent).orElse(null);
            }
          }
          return null;
        });
  }

  private EventStreams.Event statusEvent(OrderDetails details) {
    WebViews.OrderStatusView status = WebViews.OrderStatusView.of(details.order());
    return new EventStreams.Event(
        "status",
        pages.renderToString("web/order-status.jte", Map.of("status", status)),
        status.settled());
  }
}
