package com.securecart.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.app.PaymentSettings;
import com.securecart.server.config.Config;
import com.securecart.server.security.SecurityEvents;
import com.securecart.server.testing.AdjustableClock;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.LocalStripeApi;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.testing.WebClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checkout with {@code SECURECART_PAYMENTS=stripe}, through the HTTP API, against {@link
 * LocalStripeApi}: the order is authorized, captured on confirmation or declined; a card that needs
 * 3-D Secure leaves the order waiting with its next action shown until a signed webhook moves it
 * on; forged and replayed webhooks change nothing.
 */
class StripeCheckoutIT {
  private static final String WEBHOOK = "/api/payments/stripe/webhook";

  private static LocalStripeApi stripe;
  // Held: java.util.logging keeps loggers weakly, and a collected one would lose the handler.
  private static final Logger SECURITY_LOG = Logger.getLogger(SecurityEvents.LOGGER);
  private static TestApp app;
  private static Api api;
  private static long product;

  @BeforeAll
  static void start() {
    stripe = LocalStripeApi.start();
    app = TestApp.start(Engine.H2, c -> stripeMode(c, stripe));
    api = app.api();
    product = api.createProduct(app.adminToken(), "STRIPE-1", 2_500, 100);
  }

  /** Stripe payments in production, against {@code stub}. */
  static Config stripeMode(Config c, LocalStripeApi stub) {
    return c.withApp(
        c.app()
            .withPayments(
                new PaymentSettings(
                    PaymentSettings.Provider.STRIPE,
                    PaymentSettings.Environment.PRODUCTION,
                    false,
                    LocalStripeApi.SECRET_KEY,
                    "pk_test_local_stub",
                    LocalStripeApi.WEBHOOK_SECRET,
                    stub.uri())));
  }

  @AfterAll
  static void stop() {
    app.close();
    stripe.close();
  }

  /** A guest order placed with {@code paymentMethod}: its id and access token. */
  private record Placed(long id, String token) {
    String[] access() {
      return new String[] {"X-Order-Token", token};
    }
  }

  private static Placed place(String paymentMethod) {
    Api.Response placed = api.checkout(api.cartWith(product, 2), paymentMethod);
    assertThat(placed.status()).isEqualTo(201);
    return new Placed(
        placed.json().get("orderId").asLong(), placed.json().get("accessToken").asText());
  }

  private static JsonNode order(Placed order) {
    return api.get("/api/orders/" + order.id(), order.access()).json();
  }

  private static JsonNode awaitStatus(Placed order, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> status.equals(order(order).get("status").asText()));
    return order(order);
  }

  private static JsonNode awaitAction(Placed order) {
    await().atMost(Duration.ofSeconds(30)).until(() -> order(order).hasNonNull("paymentAction"));
    return order(order);
  }

  private static List<String> calls(String path) {
    return stripe.calls().stream()
        .filter(c -> c.path().equals(path))
        .map(LocalStripeApi.Call::idempotencyKey)
        .toList();
  }

  private static long available() {
    return api.get("/api/products/" + product).json().get("available").asLong();
  }

  private static List<String> history(JsonNode order) {
    return StreamSupport.stream(order.get("history").spliterator(), false)
        .map(h -> h.get("status").asText())
        .toList();
  }

  @Test
  void anApprovedCardIsAuthorizedThenCapturedWhenTheOrderIsConfirmed() {
    Placed order = place("pm_card_visa");

    JsonNode confirmed = awaitStatus(order, "CONFIRMED");

    String intent =
        stripe.calls().stream()
            .filter(c -> ("order-" + order.id() + "-authorize").equals(c.idempotencyKey()))
            .findFirst()
            .orElseThrow()
            .params()
            .get("payment_method");
    assertThat(intent).isEqualTo("pm_card_visa");
    assertThat(confirmed.get("totalCents").asLong()).isPositive();
    // The capture was asked once, under the order's own key, and Stripe took the money.
    List<String> captures =
        stripe.calls().stream()
            .filter(c -> c.path().endsWith("/capture"))
            .map(LocalStripeApi.Call::idempotencyKey)
            .filter(k -> k.equals("order-" + order.id() + "-capture"))
            .toList();
    assertThat(captures).hasSize(1);
    assertThat(confirmed.hasNonNull("paymentAction")).isFalse();
  }

  @Test
  void aDeclinedCardFailsTheOrderAndCapturesNothing() {
    long before = available();
    Placed order = place("pm_card_chargeDeclined");

    JsonNode failed = awaitStatus(order, "PAYMENT_FAILED");

    assertThat(failed.get("statusReason").asText()).isEqualTo("card declined");
    assertThat(stripe.calls())
        .noneMatch(c -> ("order-" + order.id() + "-capture").equals(c.idempotencyKey()));
    await().atMost(Duration.ofSeconds(30)).until(() -> available() == before);
  }

  @Test
  void threeDSecureWaitsWithTheNextActionShownUntilStripeSaysTheMoneyIsHeld() {
    Placed order = place("pm_card_authenticationRequired");

    JsonNode waiting = awaitAction(order);
    assertThat(waiting.get("status").asText()).isEqualTo("PENDING_PAYMENT");
    String intent = waiting.get("paymentAction").get("paymentIntent").asText();
    assertThat(waiting.get("paymentAction").get("clientSecret").asText())
        .isEqualTo(stripe.intent(intent).get("client_secret"));
    assertThat(calls("/v1/payment_intents/" + intent + "/capture")).isEmpty();

    LocalStripeApi.SignedEvent event = stripe.authenticate(intent);
    Api.Response received =
        api.post(WEBHOOK, event.payload(), "Stripe-Signature", event.signature());

    assertThat(received.status()).isEqualTo(200);
    JsonNode confirmed = awaitStatus(order, "CONFIRMED");
    assertThat(confirmed.hasNonNull("paymentAction")).isFalse();
    assertThat(calls("/v1/payment_intents/" + intent + "/capture"))
        .containsExactly("order-" + order.id() + "-capture");
    assertThat(stripe.intent(intent)).containsEntry("status", "succeeded");
  }

  @Test
  void aFailed3dSecureFailsTheOrderAndReturnsItsStock() {
    long before = available();
    Placed order = place("pm_card_authenticationRequired");
    String intent = awaitAction(order).get("paymentAction").get("paymentIntent").asText();

    LocalStripeApi.SignedEvent event = stripe.failAuthentication(intent);
    assertThat(api.post(WEBHOOK, event.payload(), "Stripe-Signature", event.signature()).status())
        .isEqualTo(200);

    assertThat(awaitStatus(order, "PAYMENT_FAILED").get("statusReason").asText())
        .isEqualTo("payment authentication failed");
    await().atMost(Duration.ofSeconds(30)).until(() -> available() == before);
  }

  @Test
  void anOrderWhoseShopperNeverCompletes3dSecureExpiresAndItsIntentIsCancelled() {
    AdjustableClock clock = new AdjustableClock();
    try (LocalStripeApi ownStripe = LocalStripeApi.start(clock);
        TestApp shop = TestApp.start(Engine.H2, c -> stripeMode(c, ownStripe), clock)) {
      Api a = shop.api();
      long item = a.createProduct(shop.adminToken(), "STRIPE-EXPIRE", 1_000, 3);
      Api.Response placed = a.checkout(a.cartWith(item, 3), "pm_card_authenticationRequired");
      String[] access = {"X-Order-Token", placed.json().get("accessToken").asText()};
      String path = "/api/orders/" + placed.json().get("orderId").asLong();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> a.get(path, access).json().hasNonNull("paymentAction"));
      String intent = a.get(path, access).json().get("paymentAction").get("paymentIntent").asText();

      clock.advance(Duration.ofMinutes(16));
      assertThat(shop.app().contexts().maintenance().expireReservations(500)).isEqualTo(1);

      assertThat(a.get(path, access).json().get("status").asText()).isEqualTo("EXPIRED");
      assertThat(a.get("/api/products/" + item).json().get("available").asInt()).isEqualTo(3);
      // The void step cancels the intent that waited, under the order's cancel key.
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> "canceled".equals(ownStripe.intent(intent).get("status")));
      // The shopper authenticating too late moves nothing: the order is no longer waiting.
      LocalStripeApi.SignedEvent late = ownStripe.authenticate(intent);
      assertThat(a.post(WEBHOOK, late.payload(), "Stripe-Signature", late.signature()).status())
          .isEqualTo(200);
      assertThat(a.get(path, access).json().get("status").asText()).isEqualTo("EXPIRED");
    }
  }

  @Test
  void aForgedSignatureIsRefusedAndChangesNothing() {
    Placed order = place("pm_card_authenticationRequired");
    String intent = awaitAction(order).get("paymentAction").get("paymentIntent").asText();
    LocalStripeApi.SignedEvent event = stripe.authenticate(intent);
    long now = System.currentTimeMillis() / 1000;

    // Signed with another secret, unsigned, and a genuine signature over another body.
    String forged = "t=" + now + ",v1=" + "0".repeat(64);
    List<String> logged = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            logged.add(record.getMessage());
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    SECURITY_LOG.addHandler(capture);
    try {
      assertThat(api.post(WEBHOOK, event.payload(), "Stripe-Signature", forged).status())
          .isEqualTo(400);
    } finally {
      SECURITY_LOG.removeHandler(capture);
    }
    // A refused signature is a security event (an alert can watch for a stream of them).
    assertThat(logged).anyMatch(m -> m.contains("webhook_rejected"));
    assertThat(api.post(WEBHOOK, event.payload()).status()).isEqualTo(400);
    String other = stripe.authenticate(intent).signature();
    Api.Response refused = api.post(WEBHOOK, event.payload(), "Stripe-Signature", other);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.problemType()).endsWith("/bad-request");

    JsonNode still = order(order);
    assertThat(still.get("status").asText()).isEqualTo("PENDING_PAYMENT");
    assertThat(still.hasNonNull("paymentAction")).isTrue();
    // Nothing was recorded for the event id: the genuine delivery still applies.
    assertThat(api.post(WEBHOOK, event.payload(), "Stripe-Signature", event.signature()).status())
        .isEqualTo(200);
    awaitStatus(order, "CONFIRMED");
  }

  @Test
  void aReplayedWebhookIsAppliedOnce() {
    Placed order = place("pm_card_authenticationRequired");
    String intent = awaitAction(order).get("paymentAction").get("paymentIntent").asText();
    LocalStripeApi.SignedEvent event = stripe.authenticate(intent);

    for (int i = 0; i < 3; i++) {
      assertThat(api.post(WEBHOOK, event.payload(), "Stripe-Signature", event.signature()).status())
          .isEqualTo(200);
    }
    JsonNode confirmed = awaitStatus(order, "CONFIRMED");
    // A late failure event for a payment that moved on is acknowledged and ignored.
    LocalStripeApi.SignedEvent late =
        stripe.event("payment_intent.payment_failed", stripe.intent(intent));
    assertThat(api.post(WEBHOOK, late.payload(), "Stripe-Signature", late.signature()).status())
        .isEqualTo(200);

    assertThat(history(order(order))).containsExactly("PENDING_PAYMENT", "AUTHORIZED", "CONFIRMED");
    assertThat(history(confirmed)).containsOnlyOnce("AUTHORIZED");
    assertThat(calls("/v1/payment_intents/" + intent + "/capture")).hasSize(1);
  }

  @Test
  void theCheckoutPagePostsOnlyAPaymentMethodIdAndTheOrderPageOffers3dSecure() {
    WebClient web = new WebClient(api.base());
    WebClient.Page productPage = web.get("/products/" + product);
    web.submit(
        productPage, "/cart/items", Map.of("productId", String.valueOf(product), "quantity", "1"));
    WebClient.Page form = web.get("/checkout");

    // Stripe's Payment Element mounts in Stripe's frame; the form has no card field of its own,
    // no sandbox token, and only a hidden field for the PaymentMethod id.
    assertThat(form.body())
        .contains("id=\"payment-element\" data-stripe-key=\"pk_test_local_stub\"")
        .contains("<input type=\"hidden\" name=\"paymentToken\" id=\"payment-method\" value=\"\">")
        .contains("<script src=\"https://js.stripe.com/v3\" defer></script>")
        .doesNotContain("tok_visa")
        .doesNotContain("Test mode");
    assertThat(form.body().toLowerCase(Locale.ROOT))
        .doesNotContainPattern("name=\"(card|cardnumber|number|cvc|cvv|exp)")
        .doesNotContain("autocomplete=\"cc-");
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("idempotencyKey", form.input("idempotencyKey"));
    fields.put("email", "threeds@example.com");
    fields.put("name", "Ada Buyer");
    fields.put("line1", "1 Main Street");
    fields.put("city", "Berlin");
    fields.put("postalCode", "10115");
    fields.put("country", "DE");
    fields.put("paymentToken", "pm_card_authenticationRequired");
    WebClient.Page placed = web.submit(form, "/checkout", fields);
    assertThat(placed.status()).isEqualTo(303);
    String location = placed.header("Location");

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> web.get(location).body().contains("id=\"payment-action\""));
    WebClient.Page page = web.get(location);
    String orderId = location.substring("/orders/".length());
    assertThat(stripe.calls())
        .anyMatch(
            c ->
                ("order-" + orderId + "-authorize").equals(c.idempotencyKey())
                    && "pm_card_authenticationRequired".equals(c.params().get("payment_method")));
    assertThat(page.body())
        .contains("Confirm the payment with your bank")
        .containsPattern("data-client-secret=\"pi_[A-Za-z0-9]+_secret_[A-Za-z0-9]+\"")
        .contains("<script src=\"https://js.stripe.com/v3\" defer></script>");
    assertThat(page.header("Content-Security-Policy")).contains("https://hooks.stripe.com");
  }

  @Test
  void stripeModePagesShowNoTestModeBannerAndAdmitStripeOnlyWhereStripeJsLoads() {
    Api.Response home = api.get("/", "Accept", "text/html");
    assertThat(home.body()).doesNotContain("Test mode");
    assertThat(home.header("Content-Security-Policy")).doesNotContain("stripe.com");

    Api.Response checkout = api.get("/checkout", "Accept", "text/html");
    assertThat(checkout.header("Content-Security-Policy"))
        .contains("script-src 'self' https://js.stripe.com;")
        .contains("frame-src https://js.stripe.com https://hooks.stripe.com;")
        .contains("connect-src 'self' https://api.stripe.com;");
  }
}
