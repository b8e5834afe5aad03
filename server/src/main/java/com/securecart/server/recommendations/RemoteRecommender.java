package com.securecart.server.recommendations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.securecart.recommendations.RecommendationsApi;
import com.securecart.server.config.RecommendationsSettings;
import com.securecart.shared.CustomerId;
import com.securecart.shared.ProductId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Asks the recommendations service, and answers with the best-sellers whenever it does not answer
 * in time, fails, or has failed {@link #FAILURES_TO_OPEN} times in a row (then it is not asked for
 * {@link #OPEN_FOR}, so a dead service costs no wait). The best-sellers are read here in the
 * background, never per request. The customer's own recommendations travel with his session token,
 * which the service checks itself: it has no endpoint that answers for any customer id.
 */
public final class RemoteRecommender implements Recommender, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RemoteRecommender.class.getName());

  /** The outcome labels of the calls counter. */
  public static final List<String> OUTCOMES = List.of("ok", "timeout", "error", "circuit-open");

  static final int FAILURES_TO_OPEN = 5;
  static final Duration OPEN_FOR = Duration.ofSeconds(5);

  /** How often the best-sellers are read again; they move slowly. */
  static final Duration BEST_SELLERS_REFRESH = Duration.ofSeconds(30);

  /** Best-sellers kept: the most any answer asks for. */
  private static final int KEPT = 50;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final Duration timeout;
  private final RecommendationsApi local;
  private final BiConsumer<String, Duration> calls;
  private final Supplier<String> traceParent;
  private final HttpClient client;
  private final Circuit circuit = new Circuit(FAILURES_TO_OPEN, OPEN_FOR, System::nanoTime);
  private final AtomicReference<List<ProductId>> bestSellers = new AtomicReference<>(List.of());
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("recommendations-best-sellers").factory());

  /**
   * @param local this instance's facade, asked only for the best-sellers
   * @param calls records each call's outcome (one of {@link #OUTCOMES}) and duration
   * @param traceParent the current request's W3C {@code traceparent} (null outside a trace), sent
   *     on so that the service's spans join the storefront's trace
   */
  public RemoteRecommender(
      RecommendationsSettings settings,
      RecommendationsApi local,
      BiConsumer<String, Duration> calls,
      Supplier<String> traceParent) {
    String url = settings.url().toString();
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.timeout = settings.timeout();
    this.local = local;
    this.calls = calls;
    this.traceParent = traceParent;
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .build();
  }

  /** Reads the best-sellers now, so that the fallback is there once ready, then every 30 s. */
  public void start() {
    refreshBestSellers();
    long every = BEST_SELLERS_REFRESH.toSeconds();
    scheduler.scheduleWithFixedDelay(this::refreshBestSellers, every, every, TimeUnit.SECONDS);
  }

  private void refreshBestSellers() {
    try {
      bestSellers.set(local.bestSellers(KEPT));
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "best-sellers not read ({0}); the fallback keeps the last ones",
          e.getClass().getSimpleName());
    }
  }

  @Override
  public List<ProductId> similarTo(ProductId product, String category, int limit) {
    return call(
        "/api/recommendations/products/" + product.value() + "?limit=" + limit,
        null,
        Set.of(product),
        limit);
  }

  @Override
  public List<ProductId> forCustomer(CustomerId customer, String sessionToken, int limit) {
    return call("/api/recommendations/me?limit=" + limit, sessionToken, Set.of(), limit);
  }

  @Override
  public List<ProductId> forBasket(List<ProductId> basket, int limit) {
    String ids =
        basket.stream().map(p -> Long.toString(p.value())).collect(Collectors.joining(","));
    return call(
        "/api/recommendations/basket?products=" + ids + "&limit=" + limit,
        null,
        Set.copyOf(basket),
        limit);
  }

  private List<ProductId> call(
      String pathAndQuery, String sessionToken, Set<ProductId> exclude, int limit) {
    if (!circuit.allows()) {
      calls.accept("circuit-open", null);
      return fallback(exclude, limit);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery))
            .timeout(timeout)
            .header("Accept", "application/json")
            .GET();
    if (sessionToken != null) {
      request.header("Authorization", "Bearer " + sessionToken);
    }
    String trace = traceParent.get();
    if (trace != null) {
      request.header("traceparent", trace);
    }
    long started = System.nanoTime();
    String outcome;
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() == 200) {
        List<ProductId> ids = ids(JSON.readTree(response.body()));
        circuit.succeeded();
        calls.accept("ok", Duration.ofNanos(System.nanoTime() - started));
        return ids;
      }
      // A 4xx is an answer from a live service (a session it no longer accepts, say): it does
      // not count towards opening the circuit.
      if (response.statusCode() >= 500) {
        circuit.failed();
      }
      outcome = "error";
    } catch (HttpTimeoutException e) {
      circuit.failed();
      outcome = "timeout";
    } catch (IOException e) {
      circuit.failed();
      outcome = "error";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = "error";
    }
    calls.accept(outcome, Duration.ofNanos(System.nanoTime() - started));
    return fallback(exclude, limit);
  }

  private static List<ProductId> ids(JsonNode body) throws IOException {
    JsonNode items = body.path("items");
    if (!items.isArray()) {
      throw new IOException("no items in the recommendations service's answer");
    }
    List<ProductId> ids = new ArrayList<>();
    for (JsonNode item : items) {
      long id = item.path("id").asLong();
      if (id <= 0) {
        throw new IOException("an item without an id in the recommendations service's answer");
      }
      ids.add(new ProductId(id));
    }
    return ids;
  }

  private List<ProductId> fallback(Collection<ProductId> exclude, int limit) {
    return bestSellers.get().stream().filter(p -> !exclude.contains(p)).limit(limit).toList();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    client.close();
  }
}
