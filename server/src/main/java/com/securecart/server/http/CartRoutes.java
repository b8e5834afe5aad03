package com.securecart.server.http;

import com.securecart.cart.CartApi;
import com.securecart.shared.CartId;
import com.securecart.shared.Check;
import com.securecart.shared.DomainException;
import com.securecart.shared.Principal;
import com.securecart.shared.ProductId;
import com.securecart.shared.ValidationException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * Carts: guests address theirs by its secret id; a customer's is bound to his account.
 *
 * <p>The secret travels in the {@code X-Cart-Secret} header on {@code /api/cart}. The older form
 * with the secret in the path ({@code /api/carts/{id}}) still works for one release, marked
 * deprecated: a path ends up in access logs, proxies' logs and browser history, a header does not.
 */
public final class CartRoutes implements RouteTable.Api {
  record SetQuantity(Integer quantity) {}

  /** The header that carries a cart's secret id. */
  public static final String SECRET_HEADER = "X-Cart-Secret";

  // RFC 9745's Deprecation (the date it was deprecated, as @epoch-seconds) and RFC 8594's Sunset.
  private static final HeaderName DEPRECATION = HeaderNames.create("Deprecation");
  private static final HeaderName SUNSET = HeaderNames.create("Sunset");
  private static final String DEPRECATED_SINCE = "@1796601600"; // 2026-12-07T00:00:00Z
  private static final String SUNSET_DATE = "Wed, 30 Jun 2027 00:00:00 GMT";

  private final Http http;
  private final Authn authn;
  private final CartApi carts;

  public CartRoutes(Http http, Authn authn, CartApi carts) {
    this.http = http;
    this.authn = authn;
    this.carts = carts;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .post("/api/carts", this::create)
        .get("/api/cart", (req, res) -> get(req, res, secretHeader(req)))
        .put("/api/cart/items/{productId}", (req, res) -> setQuantity(req, res, secretHeader(req)))
        .delete("/api/cart/items/{productId}", (req, res) -> remove(req, res, secretHeader(req)))
        .get("/api/carts/{id}", (req, res) -> get(req, res, deprecatedPath(req, res)))
        .put(
            "/api/carts/{id}/items/{productId}",
            (req, res) -> setQuantity(req, res, deprecatedPath(req, res)))
        .delete(
            "/api/carts/{id}/items/{productId}",
            (req, res) -> remove(req, res, deprecatedPath(req, res)));
  }

  private void create(ServerRequest req, ServerResponse res) {
    Optional<Principal> caller = authn.optional(req);
    http.send(res, 201, Views.CartJson.of(carts.openView(caller)));
  }

  private void get(ServerRequest req, ServerResponse res, CartId id) {
    Optional<Principal> caller = authn.optional(req);
    http.ok(res, Views.CartJson.of(carts.view(id, caller)));
  }

  private void setQuantity(ServerRequest req, ServerResponse res, CartId id) {
    Optional<Principal> caller = authn.optional(req);
    ProductId product = new ProductId(Http.pathId(req, "productId", "Product"));
    SetQuantity body = http.body(req, SetQuantity.class);
    int quantity =
        (int)
            Check.range(
                "quantity", Check.required("quantity", body.quantity()), 0, CartApi.MAX_QUANTITY);
    http.ok(res, Views.CartJson.of(carts.setQuantity(id, caller, product, quantity)));
  }

  private void remove(ServerRequest req, ServerResponse res, CartId id) {
    Optional<Principal> caller = authn.optional(req);
    ProductId product = new ProductId(Http.pathId(req, "productId", "Product"));
    http.ok(res, Views.CartJson.of(carts.remove(id, caller, product)));
  }

  /** The secret from the header; missing is a client error, malformed names no cart. */
  private static CartId secretHeader(ServerRequest req) {
    String secret =
        Http.header(req, SECRET_HEADER)
            .orElseThrow(() -> new ValidationException(SECRET_HEADER, "is required"));
    return cartId(secret);
  }

  /** The secret from the deprecated path form; the answer says what replaces it. */
  private static CartId deprecatedPath(ServerRequest req, ServerResponse res) {
    res.header(DEPRECATION, DEPRECATED_SINCE);
    res.header(SUNSET, SUNSET_DATE);
    res.header(HeaderNames.LINK, "</api/cart>; rel=\"successor-version\"");
    return cartId(Http.pathParam(req, "id"));
  }

  /** A malformed cart id names no cart: 404, like an unknown one. */
  private static CartId cartId(String raw) {
    try {
      return new CartId(raw);
    } catch (ValidationException e) {
      throw DomainException.notFound("Cart");
    }
  }
}
