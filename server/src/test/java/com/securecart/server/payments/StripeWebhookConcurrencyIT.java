package com.securecart.server.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.app.PaymentSettings;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.LocalStripeApi;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Stripe delivers an event at least once, and may deliver it again while the first delivery is
 * still being applied (a timeout on its side, several instances behind the load balancer): the same
 * event arriving eight times at once moves the order once, on H2 and on PostgreSQL.
 */
class StripeWebhookConcurrencyIT {

  @ParameterizedTest
  @EnumSource(Engine.class)
  void concurrentDeliveriesOfOneEventMoveTheOrderOnce(Engine engine) throws Exception {
    try (LocalStripeApi stripe = LocalStripeApi.start();
        TestApp app =
            TestApp.start(
                engine,
                c ->
                    c.withApp(
                        c.app()
                            .withPayments(
                                new PaymentSettings(
                                    PaymentSettings.Provider.STRIPE,
                                    PaymentSettings.Environment.DEVELOPMENT,
                                    false,
                                    LocalStripeApi.SECRET_KEY,
                                    "pk_test_local_stub",
                                    LocalStripeApi.WEBHOOK_SECRET,
                                    stripe.uri()))))) {
      Api api = app.api();
      long product = api.createProduct(app.adminToken(), "STRIPE-RACE", 1_000, 10);
      Api.Response placed =
          api.checkout(api.cartWith(product, 1), "pm_card_authenticationRequired");
      long id = placed.json().get("orderId").asLong();
      String[] access = {"X-Order-Token", placed.json().get("accessToken").asText()};
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> api.get("/api/orders/" + id, access).json().hasNonNull("paymentAction"));
      String intent =
          api.get("/api/orders/" + id, access)
              .json()
              .get("paymentAction")
              .get("paymentIntent")
              .asText();
      LocalStripeApi.SignedEvent event = stripe.authenticate(intent);

      List<Future<Integer>> deliveries = new ArrayList<>();
      try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
        for (int i = 0; i < 8; i++) {
          deliveries.add(
              senders.submit(
                  () ->
                      api.post(
                              "/api/payments/stripe/webhook",
                              event.payload(),
                              "Stripe-Signature",
                              event.signature())
                          .status()));
        }
      }
      for (Future<Integer> delivery : deliveries) {
        assertThat(delivery.get()).isEqualTo(200);
      }

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  "CONFIRMED"
                      .equals(api.get("/api/orders/" + id, access).json().get("status").asText()));
      JsonNode history = api.get("/api/orders/" + id, access).json().get("history");
      assertThat(
              StreamSupport.stream(history.spliterator(), false).map(h -> h.get("status").asText()))
          .containsExactly("PENDING_PAYMENT", "AUTHORIZED", "CONFIRMED");
      assertThat(stripe.calls()).filteredOn(c -> c.path().endsWith("/capture")).hasSize(1);
    }
  }
}
