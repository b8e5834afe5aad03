package com.securecart.server.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.server.config.Config;
import com.securecart.server.testing.AdjustableClock;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The order pipeline end to end: payment outcomes, retries, compensation, cancellation and e-mails.
 */
class OrderPipelineIT {
  private static TestApp app;
  private static Api api;
  private static String admin;

  @BeforeAll
  static void start() {
    app = TestApp.start(Engine.H2);
    api = app.api();
    admin = app.adminToken();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @Test
  void approvedPaymentConfirmsTheOrderCommitsStockAndMailsTheCustomer() {
    long product = api.createProduct(admin, "PIPE-OK", 1_500, 10);
    Api.Response placed = api.checkout(api.cartWith(product, 3), "tok_visa");
    assertThat(placed.status()).isEqualTo(201);
    assertThat(placed.json().get("status").asText()).isEqualTo("PENDING_PAYMENT");

    JsonNode order = awaitStatus(placed, "CONFIRMED");
    assertThat(statuses(order)).containsExactly("PENDING_PAYMENT", "AUTHORIZED", "CONFIRMED");
    assertThat(stock(product)).isEqualTo(7);
    awaitMail(placed.json().get("orderNumber").asText(), "is confirmed");
  }

  @Test
  void declinedPaymentFailsTheOrderReturnsTheStockAndSendsTheNoticeToTheCustomer() {
    // A guest gets no payment-failed notice (issue 15 item 8, MailAbuseIT); a customer does, at
    // the account's address.
    String customer = api.newCustomer("buyer@example.com");
    long product = api.createProduct(admin, "PIPE-DECLINE", 1_500, 10);
    Api.Response placed =
        api.checkout(
            api.cartWith(product, 4, Api.bearer(customer)),
            "tok_chargeDeclined",
            Api.bearer(customer));
    assertThat(placed.status()).isEqualTo(201);

    JsonNode order = awaitStatus(placed, "PAYMENT_FAILED");
    assertThat(order.get("statusReason").asText()).isEqualTo("card declined");
    assertThat(stock(product)).isEqualTo(10);
    awaitMail(placed.json().get("orderNumber").asText(), "failed");
  }

  @Test
  void transientProviderErrorsAreRetriedAndAuthorizeOnce() {
    long product = api.createProduct(admin, "PIPE-RETRY", 1_500, 10);
    int approvedBefore = app.sandboxPayments().approvedCount();
    Api.Response placed = api.checkout(api.cartWith(product, 1), "tok_processingError");

    awaitStatus(placed, "CONFIRMED");
    assertThat(app.sandboxPayments().approvedCount()).isEqualTo(approvedBefore + 1);
    assertThat(stock(product)).isEqualTo(9);
  }

  @Test
  void cancellingAConfirmedOrderReturnsItsStock() {
    long product = api.createProduct(admin, "PIPE-CANCEL", 1_500, 5);
    Api.Response placed = api.checkout(api.cartWith(product, 2), "tok_visa");
    awaitStatus(placed, "CONFIRMED");
    assertThat(stock(product)).isEqualTo(3);

    Api.Response cancelled = api.post(path(placed) + "/cancel", null, token(placed));
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.json().get("status").asText()).isEqualTo("CANCELLED");
    assertThat(stock(product)).isEqualTo(5);

    Api.Response again = api.post(path(placed) + "/cancel", null, token(placed));
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemType()).endsWith("/invalid-order-state");
    assertThat(stock(product)).isEqualTo(5);
  }

  @Test
  void unpaidReservationsExpireAndReturnToStock() {
    // An API-only instance runs no pipeline, so the order stays unpaid; its hold lasts 15 min.
    AdjustableClock clock = new AdjustableClock();
    try (TestApp apiOnly =
        TestApp.start(Engine.H2, c -> c.withRoles(Set.of(Config.Role.API)), clock)) {
      Api a = apiOnly.api();
      long product = a.createProduct(apiOnly.adminToken(), "PIPE-EXPIRE", 1_000, 4);
      Api.Response placed = a.checkout(a.cartWith(product, 4), "tok_visa");
      assertThat(placed.status()).isEqualTo(201);
      assertThat(a.get("/api/products/" + product).json().get("available").asInt()).isZero();
      assertThat(apiOnly.app().contexts().maintenance().expireReservations(500)).isZero();

      clock.advance(Duration.ofMinutes(16));
      assertThat(apiOnly.app().contexts().maintenance().expireReservations(500)).isEqualTo(1);

      assertThat(a.get("/api/products/" + product).json().get("available").asInt()).isEqualTo(4);
      JsonNode order = a.get(path(placed), token(placed)).json();
      assertThat(order.get("status").asText()).isEqualTo("EXPIRED");
      assertThat(apiOnly.app().contexts().maintenance().expireReservations(500)).isZero();
    }
  }

  private static JsonNode awaitStatus(Api.Response placed, String status) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                status.equals(api.get(path(placed), token(placed)).json().get("status").asText()));
    return api.get(path(placed), token(placed)).json();
  }

  private static void awaitMail(String orderNumber, String subjectPart) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              JsonNode items = api.get("/api/admin/mail", Api.bearer(admin)).json().get("items");
              List<JsonNode> matching = new ArrayList<>();
              items.forEach(
                  m -> {
                    if (m.get("subject").asText().contains(orderNumber)) {
                      matching.add(m);
                    }
                  });
              assertThat(matching).hasSize(1);
              assertThat(matching.get(0).get("subject").asText()).contains(subjectPart);
              assertThat(matching.get(0).get("to").asText()).isEqualTo("buyer@example.com");
              assertThat(matching.get(0).get("text").asText()).contains(orderNumber);
              assertThat(matching.get(0).get("html").asText()).contains(orderNumber);
            });
  }

  private static int stock(long productId) {
    return api.get("/api/admin/products/" + productId, Api.bearer(admin))
        .json()
        .get("available")
        .asInt();
  }

  private static List<String> statuses(JsonNode order) {
    List<String> statuses = new ArrayList<>();
    order.get("history").forEach(h -> statuses.add(h.get("status").asText()));
    return statuses;
  }

  private static String path(Api.Response placed) {
    return "/api/orders/" + placed.json().get("orderId").asLong();
  }

  private static String[] token(Api.Response placed) {
    return new String[] {"X-Order-Token", placed.json().get("accessToken").asText()};
  }
}
