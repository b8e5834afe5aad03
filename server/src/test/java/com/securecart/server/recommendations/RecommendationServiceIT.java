package com.securecart.server.recommendations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.securecart.server.config.Config.Role;
import com.securecart.server.config.RecommendationsSettings;
import com.securecart.server.config.TelemetrySettings;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.testing.WebClient;
import com.securecart.server.tracing.Tracing;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The recommendations role as its own service, and a storefront (API role) that asks it over HTTP:
 * its answers when it answers, the best-sellers when it is slow, down or skipped by the circuit.
 * The orders are chosen so that the model's answers and the best-sellers differ: A goes with B,
 * while A and C have the most buyers.
 */
class RecommendationServiceIT {
  private static final Duration TIMEOUT = Duration.ofMillis(300);

  private static TestApp shop;
  private static TestApp service;
  private static long a;
  private static long b;
  private static long c;
  private static long d;
  private static String boughtA;

  @BeforeAll
  static void start() {
    shop = TestApp.start(Engine.H2);
    Api api = shop.api();
    String admin = shop.adminToken();
    a = api.createProduct(admin, "RS-A", 1_000, 100);
    b = api.createProduct(admin, "RS-B", 1_000, 100);
    c = api.createProduct(admin, "RS-C", 1_000, 100);
    d = api.createProduct(admin, "RS-D", 1_000, 100);
    api.buyEachConfirmed(api.newCustomer("rs1@example.com"), a, b);
    api.buyEachConfirmed(api.newCustomer("rs2@example.com"), a, b);
    for (String email : List.of("rs3@example.com", "rs4@example.com", "rs5@example.com")) {
      api.buyEachConfirmed(api.newCustomer(email), c);
    }
    api.buyEachConfirmed(api.newCustomer("rs6@example.com"), d);
    boughtA = api.newCustomer("rs7@example.com");
    api.buyEachConfirmed(boughtA, a);
    service = TestApp.startOn(shop.dbUrl(), cfg -> cfg.withRoles(Set.of(Role.RECOMMENDATIONS)));
    // No version is stored: the service trains its own model at start.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> service.app().contexts().recommendations().version().products() == 4);
  }

  @AfterAll
  static void stop() {
    service.stopKeepingDatabase();
    shop.close();
  }

  /** A storefront that asks the service at {@code url}, with its metrics open to read. */
  private static TestApp storefront(String url) {
    return TestApp.startOn(
        shop.dbUrl(),
        cfg ->
            cfg.withRoles(Set.of(Role.API))
                .withRecommendations(new RecommendationsSettings(URI.create(url), TIMEOUT))
                .withTelemetry(TelemetrySettings.DEFAULTS.withMetricsOpen(true)));
  }

  @Test
  void theServiceServesRecommendationsAndNothingElse() {
    Api api = service.api();

    assertThat(ids(api.get("/api/recommendations/products/" + a))).containsExactly(b);
    assertThat(ids(api.get("/api/recommendations/me", Api.bearer(boughtA)))).startsWith(b);
    assertThat(api.get("/api/recommendations/me").status()).isEqualTo(401);
    for (String elsewhere : new String[] {"/api/products", "/api/cart", "/openapi.yaml", "/"}) {
      Api.Response other = api.get(elsewhere);
      assertThat(other.status()).as(elsewhere).isEqualTo(404);
      assertThat(other.contentType()).as(elsewhere).startsWith("application/problem+json");
    }
    assertThat(api.post("/api/checkout", java.util.Map.of()).status()).isEqualTo(404);
    assertThat(api.get("/health/ready").status()).isEqualTo(200);
    assertThat(service.app().pages()).isEmpty();
  }

  @Test
  void aStorefrontGivesTheServicesAnswersAndForwardsTheCustomersSession() {
    try (TestApp front = storefront("http://127.0.0.1:" + service.app().port())) {
      Api api = front.api();

      // The best-sellers would be C, B, D: these are the service's model.
      assertThat(ids(api.get("/api/recommendations/products/" + a))).containsExactly(b);
      assertThat(ids(api.get("/api/recommendations/basket?products=" + a))).startsWith(b);
      assertThat(ids(api.get("/api/recommendations/me", Api.bearer(boughtA))))
          .startsWith(b)
          .doesNotContain(a);
      assertThat(api.get("/api/recommendations/me").status()).isEqualTo(401);
      assertThat(api.get("/api/recommendations/me", Api.bearer("not-a-session")).status())
          .isEqualTo(401);

      WebClient browser = new WebClient(api.base());
      WebClient.Page product = browser.get("/products/" + a);
      assertThat(section(product.body(), "Customers who bought this"))
          .contains("Product RS-B")
          .doesNotContain("Product RS-C");
      browser.submit(
          product, "/cart/items", java.util.Map.of("productId", "" + a, "quantity", "1"));
      String alsoLike = section(browser.get("/cart").body(), "You may also like");
      assertThat(alsoLike.indexOf("Product RS-B"))
          .as("B first, as the service ranks it (the best-sellers put C first)")
          .isNotNegative()
          .isLessThan(alsoLike.indexOf("Product RS-C"));
      browser.signIn("rs7@example.com", "correct horse battery");
      assertThat(section(browser.get("/account/orders").body(), "Recommended for you"))
          .contains("Product RS-B");

      assertThat(counted(api, "ok")).isEqualTo(6);
      assertThat(counted(api, "timeout") + counted(api, "error")).isZero();
      assertThat(front.app().contexts().recommendations().version().products())
          .as("the storefront trains and loads no model of its own")
          .isZero();
    }
  }

  @Test
  void aSlowServiceCostsTheTimeoutThenTheCircuitSkipsIt() throws IOException {
    AtomicInteger asked = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    HttpServer slow =
        standIn(
            exchange -> {
              asked.incrementAndGet();
              try {
                release.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              exchange.sendResponseHeaders(503, -1);
              exchange.close();
            });
    try (TestApp front = storefront("http://127.0.0.1:" + slow.getAddress().getPort())) {
      Api api = front.api();
      for (int i = 0; i < RemoteRecommender.FAILURES_TO_OPEN; i++) {
        long started = System.nanoTime();
        List<Long> answer = ids(api.get("/api/recommendations/products/" + a));
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .as("not the 30 s the service would take")
            .isLessThan(TIMEOUT.plusSeconds(5));
        assertThat(answer).as("the best-sellers but A itself").containsExactly(c, b, d);
      }
      assertThat(counted(api, "timeout")).isEqualTo(RemoteRecommender.FAILURES_TO_OPEN);
      Awaitility.await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> asked.get() == RemoteRecommender.FAILURES_TO_OPEN);

      assertThat(ids(api.get("/api/recommendations/basket?products=" + a + "," + c)))
          .containsExactly(b, d);
      assertThat(ids(api.get("/api/recommendations/me", Api.bearer(boughtA))))
          .as("the best-sellers, without the customer's purchases (that would need a query)")
          .containsExactly(a, c, b, d);

      assertThat(counted(api, "circuit-open")).isEqualTo(2);
      assertThat(asked).as("the open circuit asked nothing").hasValue(5);
    } finally {
      release.countDown();
      slow.stop(0);
    }
  }

  @Test
  void theCallCarriesTheStorefrontsTrace() throws IOException {
    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer stub =
        standIn(
            exchange -> {
              received.add(exchange.getRequestHeaders().getFirst("traceparent"));
              byte[] none = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
              exchange.sendResponseHeaders(200, none.length);
              exchange.getResponseBody().write(none);
              exchange.close();
            });
    String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
    try (TestApp front =
        TestApp.startTraced(
            Engine.H2,
            cfg ->
                cfg.withRoles(Set.of(Role.API))
                    .withRecommendations(
                        new RecommendationsSettings(
                            URI.create("http://127.0.0.1:" + stub.getAddress().getPort()),
                            TIMEOUT)),
            new Tracing(List.of()))) {
      Api.Response answer =
          front
              .api()
              .get(
                  "/api/recommendations/basket?products=1",
                  "traceparent",
                  "00-" + traceId + "-00f067aa0ba902b7-01");
      assertThat(ids(answer)).isEmpty();
    } finally {
      stub.stop(0);
    }
    assertThat(received).singleElement().asString().startsWith("00-" + traceId + "-");
  }

  @Test
  void aServiceThatIsDownGetsTheBestSellers() throws IOException {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    try (TestApp front = storefront("http://127.0.0.1:" + closed)) {
      Api api = front.api();

      assertThat(ids(api.get("/api/recommendations/products/" + b))).containsExactly(a, c, d);
      assertThat(counted(api, "error")).isEqualTo(1);
    }
  }

  @Test
  void aBasketIsValidatedBeforeAnyCall() {
    Api api = service.api();
    String tooMany =
        IntStream.rangeClosed(1, 51).mapToObj(Long::toString).collect(Collectors.joining(","));
    for (String query :
        new String[] {
          "",
          "?products=",
          "?products=x",
          "?products=1,,2",
          "?products=0",
          "?products=" + tooMany,
          "?products=1&limit=51"
        }) {
      Api.Response refused = api.get("/api/recommendations/basket" + query);
      assertThat(refused.status()).as(query).isEqualTo(400);
      assertThat(refused.contentType()).as(query).startsWith("application/problem+json");
    }
    assertThat(ids(api.get("/api/recommendations/basket?products=" + a + "," + b)))
        .doesNotContain(a, b);
  }

  /** A stand-in for the service on a free port, answering with {@code handler}. */
  private static HttpServer standIn(HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", handler);
    server.start();
    return server;
  }

  private static String section(String page, String heading) {
    assertThat(page).contains(heading);
    return page.substring(page.indexOf(heading));
  }

  /** The storefront's count of service calls with {@code outcome}, from its metrics. */
  private static long counted(Api api, String outcome) {
    String text = api.get("/metrics").body();
    Matcher m =
        Pattern.compile(
                "securecart_recommendations_remote_calls_total\\{outcome=\""
                    + Pattern.quote(outcome)
                    + "\"[^}]*} ([0-9.]+)")
            .matcher(text);
    assertThat(m.find()).as("the %s counter in %s", outcome, text).isTrue();
    return (long) Double.parseDouble(m.group(1));
  }

  private static List<Long> ids(Api.Response response) {
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<Long> out = new ArrayList<>();
    for (JsonNode item : response.json().get("items")) {
      out.add(item.get("id").asLong());
    }
    return out;
  }
}
