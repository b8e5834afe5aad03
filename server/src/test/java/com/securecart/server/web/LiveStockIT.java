package com.securecart.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Live stock crosses instances: a product page streaming from one instance sees a stock change made
 * through another, because both tail the same change log (ADR 0009).
 */
class LiveStockIT {
  private static TestApp first;
  private static TestApp second;

  @BeforeAll
  static void start() {
    String url = TestDatabases.freshUrl(Engine.H2);
    first = TestApp.startOn(url, c -> c);
    second = TestApp.startOn(url, c -> c);
  }

  @AfterAll
  static void stop() {
    second.stopKeepingDatabase();
    first.close();
  }

  @Test
  void aStockChangeThroughOneInstanceReachesAProductPageStreamingFromAnother() throws Exception {
    String admin = first.adminToken();
    long id = first.api().createProduct(admin, "LIVE-1", 1_000, 40);
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    HttpClient client = HttpClient.newHttpClient();
    CompletableFuture<HttpResponse<Stream<String>>> stream =
        client.sendAsync(
            HttpRequest.newBuilder(
                    URI.create(second.api().base() + "/products/" + id + "/stock/events"))
                .header("Accept", "text/event-stream")
                .build(),
            HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> response = stream.get();
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/event-stream");
    Thread reader =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    response.body().forEach(lines::add);
                  } catch (java.io.UncheckedIOException e) {
                    // The stream was closed at the end of the test.
                  }
                });
    try {
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lines.stream().anyMatch(l -> l.contains("data-available=\"40\"")));

      Api.Response changed =
          first.api().put("/api/admin/inventory/LIVE-1", Map.of("onHand", 7), Api.bearer(admin));
      assertThat(changed.status()).isEqualTo(200);

      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> lines.stream().anyMatch(l -> l.contains("data-available=\"7\"")));
      assertThat(lines).anyMatch(l -> l.equals("event:stock") || l.equals("event: stock"));
    } finally {
      reader.interrupt();
      response.body().close();
    }
  }

  @Test
  void aProductThatIsNotForSaleHasNoStream() {
    Api.Response missing = second.api().get("/products/999999/stock/events");
    assertThat(missing.status()).isEqualTo(404);
  }
}
