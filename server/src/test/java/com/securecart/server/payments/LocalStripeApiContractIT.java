package com.securecart.server.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.server.testing.LocalStripeApi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The stub answers in Stripe's published shapes: every PaymentIntent it returns, in each status it
 * reaches, and every event it signs, has exactly the fields of Stripe's own fixture for that
 * resource (github.com/stripe/openapi, vendored in test resources {@code stripe/}), each of the
 * fixture's JSON type or null; errors have Stripe's {@code error.type}.
 */
class LocalStripeApiContractIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void paymentIntentsInEveryStatusHaveStripesFields() throws Exception {
    JsonNode fixture = JSON.valueToTree(LocalStripeApi.fixture("payment_intent"));
    try (LocalStripeApi stripe = LocalStripeApi.start()) {
      JsonNode held = post(stripe, "/v1/payment_intents", form("pm_card_visa")).body();
      JsonNode action =
          post(stripe, "/v1/payment_intents", form("pm_card_authenticationRequired")).body();
      JsonNode captured =
          post(stripe, "/v1/payment_intents/" + held.get("id").asText() + "/capture", "").body();
      JsonNode canceled =
          post(stripe, "/v1/payment_intents/" + action.get("id").asText() + "/cancel", "").body();

      for (JsonNode intent : new JsonNode[] {held, action, captured, canceled}) {
        assertSameShape(intent, fixture);
      }
      assertThat(held.get("status").asText()).isEqualTo("requires_capture");
      assertThat(action.get("next_action").get("type").asText()).isEqualTo("use_stripe_sdk");
      assertThat(captured.get("status").asText()).isEqualTo("succeeded");
      assertThat(canceled.get("status").asText()).isEqualTo("canceled");

      Reply declined = post(stripe, "/v1/payment_intents", form("pm_card_chargeDeclined"));
      assertThat(declined.status()).isEqualTo(402);
      assertThat(declined.body().get("error").get("type").asText()).isEqualTo("card_error");
      assertSameShape(declined.body().get("error").get("payment_intent"), fixture);
    }
  }

  @Test
  void eventsHaveStripesFields() throws Exception {
    try (LocalStripeApi stripe = LocalStripeApi.start()) {
      LocalStripeApi.SignedEvent event =
          stripe.event("payment_intent.canceled", Map.of("id", "pi_1", "object", "payment_intent"));

      assertSameShape(
          JSON.readTree(event.payload()), JSON.valueToTree(LocalStripeApi.fixture("event")));
    }
  }

  private static void assertSameShape(JsonNode actual, JsonNode fixture) {
    assertThat(fieldNames(actual)).containsExactlyInAnyOrderElementsOf(fieldNames(fixture));
    fixture
        .properties()
        .forEach(
            field -> {
              JsonNode value = actual.get(field.getKey());
              if (!value.isNull() && !field.getValue().isNull()) {
                assertThat(value.getNodeType())
                    .as(field.getKey())
                    .isEqualTo(field.getValue().getNodeType());
              }
            });
  }

  private static java.util.List<String> fieldNames(JsonNode node) {
    java.util.List<String> names = new java.util.ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static String form(String paymentMethod) {
    return "amount=1099&currency=eur&capture_method=manual&confirm=true&payment_method="
        + paymentMethod
        + "&payment_method_types%5B0%5D=card";
  }

  private record Reply(int status, JsonNode body) {}

  private Reply post(LocalStripeApi stripe, String path, String form) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(stripe.uri() + path))
                .header("Authorization", "Bearer " + LocalStripeApi.SECRET_KEY)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new Reply(response.statusCode(), JSON.readTree(response.body()));
  }
}
