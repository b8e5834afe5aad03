package com.securecart.server.http;

import com.securecart.checkout.CheckoutApi;
import com.securecart.checkout.CheckoutCommand;
import com.securecart.idempotency.IdempotencyKey;
import com.securecart.idempotency.IdempotentExecutor;
import com.securecart.idempotency.StoredResponse;
import com.securecart.orders.PlacedOrder;
import com.securecart.shared.Principal;
import java.util.Optional;

/**
 * A checkout under an idempotency key, shared by the JSON API and the checkout form: the same key
 * gives the same stored answer (201 with the order, or the problem), so a retried request or a
 * double-clicked button places one order.
 */
public final class IdempotentCheckout {
  private final JsonCodec json;
  private final CheckoutApi checkout;
  private final IdempotentExecutor idempotent;
  private final Problems problems;
  private final Runnable onOrderPlaced;

  public IdempotentCheckout(
      JsonCodec json,
      CheckoutApi checkout,
      IdempotentExecutor idempotent,
      Problems problems,
      Runnable onOrderPlaced) {
    this.json = json;
    this.checkout = checkout;
    this.idempotent = idempotent;
    this.problems = problems;
    this.onOrderPlaced = onOrderPlaced;
  }

  /**
   * Places the order once per key and caller. The answer is the API's: 201 with the order JSON
   * (including its access token) or a problem document.
   */
  public IdempotentExecutor.Result place(
      IdempotencyKey key, CheckoutCommand command, Optional<Principal> caller, String fingerprint) {
    String scope = caller.map(p -> "customer:" + p.customerId()).orElse("guest");
    IdempotentExecutor.Result result =
        idempotent.execute(
            scope,
            key,
            fingerprint,
            // Read only in the coalesced mode: it costs the cart's rows.
            () -> checkout.coalescingKey(command, caller),
            () -> {
              PlacedOrder placed = checkout.checkout(command, caller);
              return new StoredResponse(
                  201,
                  "application/json",
                  json.writeString(Views.OrderJson.of(placed.order(), null, placed.accessToken())));
            },
            problems::render);
    if (!result.replayed() && result.response().status() == 201) {
      onOrderPlaced.run();
    }
    return result;
  }

  public JsonCodec json() {
    return json;
  }
}
