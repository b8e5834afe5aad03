package com.securecart.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.server.config.Config;
import com.securecart.server.config.ConfigLoader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A training run for the JVM's ahead-of-time cache (JDK 25, JEP 483/514): starts SecureCart with
 * every role on a throw-away H2 database, walks the paths a real start and the first requests take
 * (migrations, demo seeding, index build, search, storefront pages, cart, checkout, the order
 * pipeline), and exits. The launcher runs it once per build with {@code -XX:AOTCacheOutput}; later
 * starts load those classes already parsed and linked, which is what brings a search instance to
 * ready within 2 s.
 *
 * <p>It fails loudly (exit 1) when a step does not answer as expected, so that a broken build does
 * not leave a cache trained on error paths; the launcher then starts without the cache.
 */
public final class StartupTraining {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration PIPELINE_WAIT = Duration.ofSeconds(20);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  private StartupTraining(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public static void main(String[] args) throws Exception {
    Main.configureLogging();
    Path dataDir = Files.createTempDirectory("securecart-aot-training");
    String adminPassword = "training-" + UUID.randomUUID();
    Config config =
        ConfigLoader.load(
            new String[] {
              "--port", "0", "--data-dir", dataDir.toString(), "--demo-products", "500"
            },
            Map.of(
                "SECURECART_ADMIN_EMAIL",
                "training@securecart.local",
                "SECURECART_ADMIN_PASSWORD",
                adminPassword));
    // The PostgreSQL driver is on every production path but not on this H2 one.
    Class.forName("org.postgresql.Driver");
    try (SecureCart app = new SecureCart(config).start()) {
      new StartupTraining(app.port()).exercise(config.app().accounts().adminEmail(), adminPassword);
    } finally {
      deleteTree(dataDir);
    }
    System.out.println("startup training done");
  }

  private void exercise(String adminEmail, String adminPassword) throws Exception {
    expect(get("/health/ready"), 200);
    for (String q : new String[] {"headphones", "headphnes", "sony+tv", "lapt", "", "zzzzqx"}) {
      expect(get("/api/search?q=" + q + "&sort=relevance&inStock=true"), 200);
    }
    expect(get("/api/search?q=&category=Audio&minPrice=1000&maxPrice=50000&sort=price_asc"), 200);
    expect(get("/api/search/suggest?q=hea"), 200);
    long productId = -1;
    for (JsonNode product : expect(get("/api/products?size=50"), 200).get("items")) {
      if (product.get("available").asInt() > 0) {
        productId = product.get("id").asLong();
        break;
      }
    }
    expect(get("/api/products/" + productId), 200);
    // The storefront's pages: templates, cookies, security headers.
    expect(get("/"), 200);
    expect(get("/search?q=headphnes+sony&sort=price_asc"), 200);
    expect(get("/products/" + productId), 200);
    expect(get("/api/search?q=%22unbalanced"), 200);
    expect(get("/api/search?q=x&page=-1"), 400);

    String cartId = expect(send("POST", "/api/carts", null, null), 201).get("id").asText();
    expect(
        send(
            "PUT",
            "/api/cart/items/" + productId,
            "{\"quantity\":1}",
            null,
            "X-Cart-Secret",
            cartId),
        200);
    String checkout =
        """
        {"cartId":"%s","email":"shopper@example.com","paymentToken":"tok_visa",
         "shippingAddress":{"name":"A Shopper","line1":"1 Main St","city":"Springfield",
                            "postalCode":"12345","country":"US"}}"""
            .formatted(cartId);
    HttpRequest checkoutRequest =
        request("/api/checkout")
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", UUID.randomUUID().toString())
            .POST(HttpRequest.BodyPublishers.ofString(checkout))
            .build();
    expect(client.send(checkoutRequest, HttpResponse.BodyHandlers.ofString()), 201);

    String login = JSON.writeValueAsString(Map.of("email", adminEmail, "password", adminPassword));
    String token = expect(send("POST", "/api/auth/login", login, null), 200).get("token").asText();
    Instant deadline = Instant.now().plus(PIPELINE_WAIT);
    while (expect(send("GET", "/api/admin/mail?limit=5", null, token), 200)
        .get("items")
        .isEmpty()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("no confirmation e-mail within " + PIPELINE_WAIT);
      }
      Thread.sleep(50);
    }
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(
      String method, String path, String body, String token, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder builder =
        request(path)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      builder.header("Content-Type", "application/json");
    }
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
  }

  private static JsonNode expect(HttpResponse<String> response, int status) throws IOException {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.request().uri().getPath()
              + " answered "
              + response.statusCode()
              + ", expected "
              + status
              + ": "
              + response.body());
    }
    boolean json =
        response.headers().firstValue("Content-Type").orElse("").contains("json")
            && !response.body().isEmpty();
    return json ? JSON.readTree(response.body()) : JSON.nullNode();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
