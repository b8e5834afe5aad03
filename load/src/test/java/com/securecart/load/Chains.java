package com.securecart.load;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** The requests a shopper makes, shared by the simulations. */
final class Chains {
  private static final List<String> WORDS =
      List.of(
          "headphones",
          "laptop",
          "espresso",
          "camera",
          "jacket",
          "kettle",
          "sony",
          "lapt",
          "headphnes",
          "smartwatch",
          "board game",
          "running shoe");

  private Chains() {}

  static HttpProtocolBuilder protocol() {
    return http.baseUrl(Shop.BASE_URL)
        .acceptHeader("application/json")
        .contentTypeHeader("application/json")
        .shareConnections();
  }

  static ChainBuilder search() {
    return exec(session ->
            session.set("q", WORDS.get(ThreadLocalRandom.current().nextInt(WORDS.size()))))
        .exec(http("search").get("/api/search").queryParam("q", "#{q}").check(status().is(200)))
        .exec(
            http("suggest")
                .get("/api/search/suggest")
                .queryParam("q", "hea")
                .check(status().is(200)));
  }

  static ChainBuilder browse(List<Long> products) {
    return exec(session -> session.set("product", pick(products)))
        .exec(
            http("category page")
                .get("/api/search?q=&category=Audio&sort=price_asc")
                .check(status().is(200)))
        .exec(http("product").get("/api/products/#{product}").check(status().is(200)));
  }

  /** A guest buys one unit: cart, item, checkout; 409 (sold out) is a valid answer. */
  static ChainBuilder buy(List<Long> products) {
    return exec(session -> session.set("product", pick(products))).exec(buyProduct());
  }

  /** The same as {@link #buy} for the product in the session's "product". */
  static ChainBuilder buyProduct() {
    return exec(http("open cart")
            .post("/api/carts")
            .check(status().is(201))
            .check(jsonPath("$.id").saveAs("cart")))
        .exec(
            http("add item")
                .put("/api/cart/items/#{product}")
                .header("X-Cart-Secret", "#{cart}")
                .body(StringBody("{\"quantity\":1}"))
                .check(status().in(200, 409)))
        .exec(session -> session.set("key", UUID.randomUUID().toString()))
        .exec(
            http("checkout")
                .post("/api/checkout")
                .header("Idempotency-Key", "#{key}")
                .body(
                    StringBody(
                        "{\"cartId\":\"#{cart}\",\"email\":\"load@example.com\","
                            + "\"paymentToken\":\"tok_visa\",\"shippingAddress\":{\"name\":\"Load Buyer\","
                            + "\"line1\":\"1 Load St\",\"city\":\"Berlin\",\"postalCode\":\"10115\","
                            + "\"country\":\"DE\"}}"))
                .check(status().in(201, 409)));
  }

  private static long pick(List<Long> products) {
    return products.get(ThreadLocalRandom.current().nextInt(products.size()));
  }
}
