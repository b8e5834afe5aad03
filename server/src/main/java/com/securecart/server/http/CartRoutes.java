package com.securecart.server.http;

import com.securecart.cart.CartApi;
import com.securecart.shared.CartId;
import com.securecart.shared.Check;
import com.securecart.shared.DomainException;
import com.securecart.shared.Principal;
import com.securecart.shared.ProductId;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/** Carts: guests address theirs by its secret id; a customer's is bound to his account. */
public final class CartRoutes implements RouteTable.Api {
  record SetQuantity(Integer quantity) {}

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
        .get("/api/carts/{id}", this::get)
        .put("/api/carts/{id}/items/{productId}", this::setQuantity)
        .delete("/api/carts/{id}/items/{productId}", this::remove);
  }

  private void create(ServerRequest req, ServerResponse res) {
    Optional<Principal> caller = authn.optional(req);
    CartId id = carts.open(caller);
    http.send(res, 201, Views.CartJson.of(carts.view(id, caller)));
  }

  private void get(ServerRequest req, ServerResponse res) {
    Optional<Principal> caller = authn.optional(req);
    http.ok(res, Views.CartJson.of(carts.view(cartId(req), caller)));
  }

  private void setQuantity(ServerRequest req, ServerResponse res) {
    Optional<Principal> caller = authn.optional(req);
    CartId id = cartId(req);
    ProductId product = new ProductId(Http.pathId(req, "productId", "Product"));
    SetQuantity body = http.body(req, SetQuantity.class);
    int quantity =
        (int)
            Check.range(
                "quantity", Check.required("quantity", body.quantity()), 0, CartApi.MAX_QUANTITY);
    http.ok(res, Views.CartJson.of(carts.setQuantity(id, caller, product, quantity)));
  }

  private void remove(ServerRequest req, ServerResponse res) {
    Optional<Principal> caller = authn.optional(req);
    CartId id = cartId(req);
    ProductId product = new ProductId(Http.pathId(req, "productId", "Product"));
    http.ok(res, Views.CartJson.of(carts.remove(id, caller, product)));
  }

  /** A malformed cart id names no cart: 404, like an unknown one. */
  private static CartId cartId(ServerRequest req) {
    try {
      return new CartId(Http.pathParam(req, "id"));
    } catch (ValidationException e) {
      throw DomainException.notFound("Cart");
    }
  }
}
