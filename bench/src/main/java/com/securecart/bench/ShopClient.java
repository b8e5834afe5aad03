package com.securecart.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The few SecureCart calls the benchmark makes, over the JDK's HTTP/1.1 client. Every request has a
 * timeout; nothing is retried, so every failure shows up in the error counts.
 */
final class ShopClient {
  /**
   * One answer: its status, its JSON body (missing if none or not JSON), its problem type if any,
   * and its Retry-After in seconds (0 if none).
   */
  record Reply(int status, JsonNode body, int retryAfterSeconds) {
    Reply(int status, JsonNode body) {
      this(status, body, 0);
    }

    /** 503 pipeline-behind: checkout backpressure (ADR 11), to be retried after Retry-After. */
    boolean isPipelineBehind() {
      return status == 503 && problemType().endsWith("/pipeline-behind");
    }

    String problemType() {
      JsonNode type = body.path("type");
      return type.isTextual() ? type.asText() : "";
    }

    /**
     * The last segment of the problem type, e.g. {@code out-of-stock}; empty if the body is no
     * problem.
     */
    String problemSlug() {
      String type = problemType();
      return type.substring(type.lastIndexOf('/') + 1);
    }

    boolean isOutOfStock() {
      return status == 409 && problemType().endsWith("/out-of-stock");
    }

    /** A short label for error tables, e.g. {@code 500 internal}. */
    String label() {
      String slug = problemSlug();
      return slug.isEmpty() ? String.valueOf(status) : status + " " + slug;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final URI base;
  private final Duration requestTimeout;
  private volatile String adminToken;

  ShopClient(URI base, Duration connectTimeout, Duration requestTimeout) {
    this.base = base;
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Signs the admin in with the current TOTP code of SECURECART_ADMIN_TOTP_SECRET, the secret the
   * server was provisioned with (staff need MFA; a password alone gets no session).
   */
  void loginAdmin(String email, String password) throws IOException, InterruptedException {
    String secret = System.getenv("SECURECART_ADMIN_TOTP_SECRET");
    if (secret == null || secret.isBlank()) {
      throw new IOException(
          "set SECURECART_ADMIN_TOTP_SECRET to the server's first-owner TOTP secret (base32)");
    }
    Reply reply =
        send(
            "POST",
            "/api/auth/login",
            Map.of(
                "email",
                email,
                "password",
                password,
                "totp",
                com.securecart.app.security.TotpClient.code(secret, java.time.Instant.now())),
            null);
    if (reply.status() != 200 || !reply.body().path("token").isTextual()) {
      throw new IOException("admin login failed: " + reply.label() + " " + reply.body());
    }
    adminToken = reply.body().path("token").asText();
  }

  /** POST {@code path} with a JSON body and no credentials (the bare-insert baseline). */
  Reply post(String path, Object body) throws IOException, InterruptedException {
    return send("POST", path, body, null);
  }

  /** Creates a product with opening stock; returns its id. */
  long createProduct(String sku, long priceCents, int stock)
      throws IOException, InterruptedException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sku", sku);
    body.put("name", "Bench item " + sku);
    body.put("description", "Created by the checkout benchmark");
    body.put("brand", "Bench");
    body.put("category", "bench");
    body.put("priceCents", priceCents);
    body.put("currency", "EUR");
    body.put("stock", stock);
    Reply reply = send("POST", "/api/admin/products", body, admin());
    if (reply.status() != 201 || !reply.body().path("id").canConvertToLong()) {
      throw new IOException(
          "creating product " + sku + " failed: " + reply.label() + " " + reply.body());
    }
    return reply.body().path("id").asLong();
  }

  /** The product as the admin API shows it, with {@code available}. */
  Reply adminProduct(long id) throws IOException, InterruptedException {
    return send("GET", "/api/admin/products/" + id, null, admin());
  }

  Reply createCart() throws IOException, InterruptedException {
    return send("POST", "/api/carts", null, null);
  }

  Reply setQuantity(String cartId, long productId, int quantity)
      throws IOException, InterruptedException {
    return send(
        "PUT",
        "/api/cart/items/" + productId,
        Map.of("quantity", quantity),
        null,
        "X-Cart-Secret",
        cartId);
  }

  /** A guest checkout with a fresh idempotency key. */
  Reply checkout(String cartId, String email) throws IOException, InterruptedException {
    return checkout(cartId, email, UUID.randomUUID().toString());
  }

  /**
   * A guest checkout as a well-behaved client sends it: on 503 pipeline-behind (checkout
   * backpressure, ADR 11) it waits the Retry-After and sends the same request (same key) again, up
   * to 60 times, counting each wait in {@code deferred}.
   */
  Reply checkoutHonouringBackpressure(
      String cartId, String email, java.util.concurrent.atomic.LongAdder deferred)
      throws IOException, InterruptedException {
    String key = UUID.randomUUID().toString();
    Reply reply = checkout(cartId, email, key);
    for (int wait = 0; wait < 60 && reply.isPipelineBehind(); wait++) {
      deferred.increment();
      Thread.sleep(1000L * Math.max(1, reply.retryAfterSeconds()));
      reply = checkout(cartId, email, key);
    }
    return reply;
  }

  /** A guest checkout with the given idempotency key: a retry sends the same one. */
  Reply checkout(String cartId, String email, String idempotencyKey)
      throws IOException, InterruptedException {
    Map<String, Object> address = new LinkedHashMap<>();
    address.put("name", "Bench Buyer");
    address.put("line1", "1 Load Street");
    address.put("city", "Berlin");
    address.put("postalCode", "12345");
    address.put("country", "DE");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("cartId", cartId);
    body.put("email", email);
    body.put("shippingAddress", address);
    body.put("paymentToken", "tok_visa");
    return send("POST", "/api/checkout", body, null, "Idempotency-Key", idempotencyKey);
  }

  /** A GET of {@code path} (with its query) and {@code headers} as name, value pairs. */
  Reply get(String path, String... headers) throws IOException, InterruptedException {
    return send("GET", path, null, null, headers);
  }

  /** GET /health/ready; true on 200. */
  boolean ready() {
    try {
      return send("GET", "/health/ready", null, null).status() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String admin() {
    String token = adminToken;
    if (token == null) {
      throw new IllegalStateException("log in as admin first");
    }
    return token;
  }

  private Reply send(String method, String path, Object body, String bearer, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(requestTimeout)
            .header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
    }
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    int retryAfter =
        response
            .headers()
            .firstValue("Retry-After")
            .filter(v -> v.matches("\\d{1,4}"))
            .map(Integer::parseInt)
            .orElse(0);
    return new Reply(response.statusCode(), parse(response), retryAfter);
  }

  private static JsonNode parse(HttpResponse<byte[]> response) {
    byte[] bytes = response.body();
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (bytes == null || bytes.length == 0 || !type.contains("json")) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(bytes);
    } catch (IOException e) {
      return MissingNode.getInstance();
    }
  }
}
