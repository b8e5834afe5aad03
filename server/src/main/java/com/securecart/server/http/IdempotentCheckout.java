package com.securecart.server.http;

import com.securecart.checkout.CheckoutApi;
import com.securecart.checkout.CheckoutCommand;
import com.securecart.idempotency.IdempotencyKey;
import com.securecart.idempotency.IdempotentExecutor;
import com.securecart.idempotency.ResponseSeal;
import com.securecart.idempotency.StoredResponse;
import com.securecart.orders.PlacedOrder;
import com.securecart.shared.Hashing;
import com.securecart.shared.Principal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checkout under an idempotency key, shared by the JSON API and the checkout form: the same key
 * gives the same stored answer (201 with the order, or the problem), so a retried request or a
 * double-clicked button places one order.
 *
 * <p>A guest's key is scoped by his cart (so one guest's key never replays another's checkout), a
 * customer's by his account. The order's access token is stored sealed under the key ({@link
 * ResponseSeal}) and opened for the answer, so the idempotency table never holds it in plaintext.
 */
public final class IdempotentCheckout {
  private static final Pattern SEALED_TOKEN =
      Pattern.compile("\"accessToken\":\"(" + ResponseSeal.SEALED.pattern() + ")\"");

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
    String scope = scope(command, caller);
    // The token this request sealed, if its action ran: its own answer needs no opening.
    Sealed[] fresh = {null};
    IdempotentExecutor.Result result =
        idempotent.execute(
            scope,
            key,
            fingerprint,
            // Read only in the coalesced mode: it costs the cart's rows.
            () -> checkout.coalescingKey(command, caller),
            () -> {
              PlacedOrder placed = checkout.checkout(command, caller);
              String sealed = ResponseSeal.seal(key, scope, placed.accessToken());
              fresh[0] = new Sealed(sealed, placed.accessToken());
              return new StoredResponse(
                  201,
                  "application/json",
                  json.writeString(Views.OrderJson.of(placed.order(), null, sealed)));
            },
            problems::render);
    result =
        new IdempotentExecutor.Result(forClient(key, scope, result, fresh[0]), result.replayed());
    if (!result.replayed() && result.response().status() == 201) {
      onOrderPlaced.run();
    }
    return result;
  }

  /**
   * A customer's keys are his own; a guest's are his cart's (a digest of its id, which is the
   * cart's secret), so two guests never share a key space.
   */
  static String scope(CheckoutCommand command, Optional<Principal> caller) {
    return caller
        .map(p -> "customer:" + p.customerId())
        .orElseGet(() -> "guest:cart:" + Hashing.sha256Hex(command.cartId().value()));
  }

  /** A token as sealed into the stored body, and in the clear. */
  private record Sealed(String sealed, String token) {}

  /**
   * The answer for the client: a fresh order's body with the token it sealed put back in the clear
   * (no second key derivation and decryption for what this request already knows); a replay's, or a
   * body this request did not seal, opened as {@link #opened} does.
   */
  private static StoredResponse forClient(
      IdempotencyKey key, String scope, IdempotentExecutor.Result result, Sealed fresh) {
    StoredResponse stored = result.response();
    if (!result.replayed()
        && fresh != null
        && stored.body() != null
        && stored.body().contains(fresh.sealed())) {
      return new StoredResponse(
          stored.status(),
          stored.contentType(),
          stored.body().replace(fresh.sealed(), fresh.token()));
    }
    return opened(key, scope, stored);
  }

  /** The stored response with its sealed access token opened for the client. */
  private static StoredResponse opened(IdempotencyKey key, String scope, StoredResponse stored) {
    if (stored.body() == null) {
      return stored;
    }
    Matcher m = SEALED_TOKEN.matcher(stored.body());
    if (!m.find()) {
      return stored;
    }
    String token =
        ResponseSeal.open(key, scope, m.group(1))
            .orElseThrow(() -> new IllegalStateException("stored access token does not open"));
    String body =
        stored.body().substring(0, m.start(1)) + token + stored.body().substring(m.end(1));
    return new StoredResponse(stored.status(), stored.contentType(), body);
  }

  public JsonCodec json() {
    return json;
  }
}
