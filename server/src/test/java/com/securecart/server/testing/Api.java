package com.securecart.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A small HTTP client for SecureCart's JSON API, for tests. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A response: status, headers and the body parsed as JSON (null when empty or not JSON). */
  public record Response(
      int status, String contentType, String body, JsonNode json, HttpResponse<String> raw) {
    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String problemType() {
      return json == null || json.get("type") == null ? null : json.get("type").asText();
    }
  }

  private final String base;
  private final Clock clock;

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  public Api(String base) {
    this(base, Clock.systemUTC());
  }

  /**
   * @param clock the server's clock, for the staff sign-in's TOTP codes
   */
  public Api(String base, Clock clock) {
    this.base = base;
    this.clock = clock;
  }

  public String base() {
    return base;
  }

  public Response get(String path, String... headers) {
    return send("GET", path, null, headers);
  }

  public Response post(String path, Object body, String... headers) {
    return send("POST", path, body, headers);
  }

  public Response put(String path, Object body, String... headers) {
    return send("PUT", path, body, headers);
  }

  public Response delete(String path, String... headers) {
    return send("DELETE", path, null, headers);
  }

  /**
   * Sends a body as given: a String is sent verbatim (for malformed JSON), anything else as JSON.
   */
  public Response send(String method, String path, Object body, String... headers) {
    try {
      String text =
          body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(base + path))
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  text == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(text));
      if (text != null) {
        request.header("Content-Type", "application/json");
        // Large bodies wait for the server's go-ahead, so an early 413 is read instead of a reset
        // connection.
        request.expectContinue(text.length() > 64 * 1024);
      }
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json = null;
      if (contentType.contains("json") && !response.body().isEmpty()) {
        json = JSON.readTree(response.body());
      }
      return new Response(response.statusCode(), contentType, response.body(), json, response);
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  /**
   * Signs in; the test admin (TestApp's provisioned owner) with the current TOTP code, as a script
   * would.
   */
  public String login(String email, String password) {
    if (email.equals(TestApp.ADMIN_EMAIL)) {
      return staffLogin(email, password, TestApp.ADMIN_TOTP_SECRET);
    }
    Response r = post("/api/auth/login", Map.of("email", email, "password", password));
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
    }
    return r.json().get("token").asText();
  }

  /**
   * Signs a staff member in with a TOTP code of {@code secret}. A code is good once per account, so
   * each sign-in takes the next unused step ({@link Totp#next}); another client (a test's second
   * instance on the same database) may have used one, which is then skipped.
   */
  public String staffLogin(String email, String password, String secret) {
    Response last = null;
    for (int attempt = 0; attempt < 4; attempt++) {
      last =
          post(
              "/api/auth/login",
              Map.of(
                  "email",
                  email,
                  "password",
                  password,
                  "totp",
                  Totp.next(base + "|" + email, secret, clock)));
      if (last.status() == 200) {
        return last.json().get("token").asText();
      }
      if (last.problemType() == null || !slug(last).equals("invalid-credentials")) {
        break;
      }
    }
    throw new IllegalStateException("staff login failed: " + last.status() + " " + last.body());
  }

  /** The next unused TOTP code of the test admin on this server, for a step-up. */
  public String nextAdminCode() {
    return Totp.next(base + "|" + TestApp.ADMIN_EMAIL, TestApp.ADMIN_TOTP_SECRET, clock);
  }

  /** The next unused TOTP code of an account on this server. */
  public String nextCode(String email, String secret) {
    return Totp.next(base + "|" + email, secret, clock);
  }

  private static String slug(Response r) {
    String type = r.problemType();
    return type.substring(type.lastIndexOf('/') + 1);
  }

  /** Registers and logs in a new customer; returns the token. */
  public String newCustomer(String email) {
    Response r =
        post(
            "/api/auth/register",
            Map.of("email", email, "password", "correct horse battery", "name", "Test Customer"));
    if (r.status() != 202) {
      throw new IllegalStateException("register failed: " + r.status() + " " + r.body());
    }
    return login(email, "correct horse battery");
  }

  /** Creates a product as admin and returns its id. */
  public long createProduct(String adminToken, String sku, long priceCents, int stock) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sku", sku);
    body.put("name", "Product " + sku);
    body.put("description", "A test product");
    body.put("brand", "Acme");
    body.put("category", "Testing");
    body.put("priceCents", priceCents);
    body.put("currency", "EUR");
    body.put("stock", stock);
    Response r = post("/api/admin/products", body, bearer(adminToken));
    if (r.status() != 201) {
      throw new IllegalStateException("create product failed: " + r.status() + " " + r.body());
    }
    return r.json().get("id").asLong();
  }

  /** A new guest cart holding {@code quantity} of the product; returns the cart id. */
  public String cartWith(long productId, int quantity, String... headers) {
    Response cart = post("/api/carts", null, headers);
    String id = cart.json().get("id").asText();
    String[] withSecret = java.util.Arrays.copyOf(headers, headers.length + 2);
    withSecret[headers.length] = "X-Cart-Secret";
    withSecret[headers.length + 1] = id;
    Response put = put("/api/cart/items/" + productId, Map.of("quantity", quantity), withSecret);
    if (put.status() != 200) {
      throw new IllegalStateException("add to cart failed: " + put.status() + " " + put.body());
    }
    return id;
  }

  public static Map<String, Object> checkoutBody(String cartId, String paymentToken) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cartId", cartId);
    body.put("email", "buyer@example.com");
    body.put(
        "shippingAddress",
        Map.of(
            "name",
            "Ada Buyer",
            "line1",
            "1 Main Street",
            "city",
            "Berlin",
            "postalCode",
            "10115",
            "country",
            "DE"));
    body.put("paymentToken", paymentToken);
    return body;
  }

  public Response checkout(String cartId, String paymentToken, String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "Idempotency-Key";
    all[1] = UUID.randomUUID().toString();
    System.arraycopy(headers, 0, all, 2, headers.length);
    return post("/api/checkout", checkoutBody(cartId, paymentToken), all);
  }

  /**
   * A checkout with a good card like {@link #checkout}, but by {@code email} and to {@code line1}
   * and {@code postalCode} in Berlin, for tests that tell buyers apart.
   */
  public Response checkoutTo(
      String cartId, String email, String line1, String postalCode, String... headers) {
    Map<String, Object> body = checkoutBody(cartId, "tok_visa");
    body.put("email", email);
    body.put(
        "shippingAddress",
        Map.of(
            "name",
            "Ada Buyer",
            "line1",
            line1,
            "city",
            "Berlin",
            "postalCode",
            postalCode,
            "country",
            "DE"));
    String[] all = new String[headers.length + 2];
    all[0] = "Idempotency-Key";
    all[1] = UUID.randomUUID().toString();
    System.arraycopy(headers, 0, all, 2, headers.length);
    return post("/api/checkout", body, all);
  }

  /**
   * The signed-in customer buys {@code quantity} of the product with a good card; returns the order
   * id once the pipeline has confirmed the order.
   */
  public long buyConfirmed(String customer, long productId, int quantity) {
    return confirmed(
        customer,
        checkout(cartWith(productId, quantity, bearer(customer)), "tok_visa", bearer(customer)));
  }

  /** As {@link #buyConfirmed}, one of each of {@code products} in one order. */
  public long buyEachConfirmed(String customer, long... products) {
    String cart = cartWith(products[0], 1, bearer(customer));
    for (int i = 1; i < products.length; i++) {
      put("/api/carts/" + cart + "/items/" + products[i], Map.of("quantity", 1), bearer(customer));
    }
    return confirmed(customer, checkout(cart, "tok_visa", bearer(customer)));
  }

  private long confirmed(String customer, Response placed) {
    if (placed.status() != 201) {
      throw new IllegalStateException("checkout failed: " + placed.status() + " " + placed.body());
    }
    long id = placed.json().get("orderId").asLong();
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                "CONFIRMED"
                    .equals(
                        get("/api/orders/" + id, bearer(customer)).json().get("status").asText()));
    return id;
  }
}
