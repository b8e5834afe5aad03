package com.securecart.server.http;

import com.securecart.checkout.CheckoutCommand;
import com.securecart.idempotency.IdempotencyKey;
import com.securecart.idempotency.IdempotentExecutor;
import com.securecart.orders.Address;
import com.securecart.shared.CartId;
import com.securecart.shared.Check;
import com.securecart.shared.Hashing;
import com.securecart.shared.Principal;
import com.securecart.shared.ValidationException;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * {@code POST /api/checkout}, idempotent by the required {@code Idempotency-Key} header. Input that
 * fails validation is refused before the key is used, so the client can fix it and retry with the
 * same key.
 */
public final class CheckoutRoutes implements RouteTable.Api {
  record AddressRequest(
      String name, String line1, String line2, String city, String postalCode, String country) {}

  record CheckoutRequest(
      String cartId, String email, AddressRequest shippingAddress, String paymentToken) {}

  private final Http http;
  private final Authn authn;
  private final IdempotentCheckout checkout;
  private final Problems problems;

  public CheckoutRoutes(Http http, Authn authn, IdempotentCheckout checkout, Problems problems) {
    this.http = http;
    this.authn = authn;
    this.checkout = checkout;
    this.problems = problems;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules.post("/api/checkout", this::checkout);
  }

  private void checkout(ServerRequest req, ServerResponse res) {
    IdempotencyKey key =
        new IdempotencyKey(
            Http.header(req, "Idempotency-Key")
                .orElseThrow(
                    () -> new ValidationException("Idempotency-Key", "header is required")));
    Optional<Principal> caller = authn.optional(req);
    CheckoutRequest body = http.body(req, CheckoutRequest.class);
    CheckoutCommand command = command(body);
    if (caller.isEmpty() && command.email() == null) {
      // Checked before the key is used, so that the client can add it and retry with the same key.
      throw new ValidationException("email", "is required for a guest checkout");
    }
    String fingerprint = Hashing.sha256Hex(http.json().writeString(body));
    IdempotentExecutor.Result result = checkout.place(key, command, caller, fingerprint);
    if (result.replayed()) {
      res.header(HeaderNames.create("Idempotent-Replayed"), "true");
    }
    problems.send(res, result.response());
  }

  private static CheckoutCommand command(CheckoutRequest body) {
    AddressRequest a = Check.required("shippingAddress", body.shippingAddress());
    return new CheckoutCommand(
        new CartId(body.cartId()),
        body.email(),
        new Address(a.name(), a.line1(), a.line2(), a.city(), a.postalCode(), a.country()),
        body.paymentToken());
  }
}
