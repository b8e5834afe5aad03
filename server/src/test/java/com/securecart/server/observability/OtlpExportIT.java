package com.securecart.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.server.tracing.Tracing;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** With an OTLP endpoint configured, spans leave the process as OTLP/HTTP protobuf posts. */
class OtlpExportIT {

  @Test
  void spansArePostedToTheConfiguredEndpoint() throws Exception {
    List<String> posts = new CopyOnWriteArrayList<>();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/v1/traces",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          posts.add(
              exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestHeaders().getFirst("Content-Type")
                  + " "
                  + body.length);
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces";
    try (TestApp app = TestApp.startTraced(Engine.H2, c -> c, Tracing.create(endpoint))) {
      assertThat(app.api().get("/api/products?limit=1").status()).isEqualTo(200);

      // The batch processor sends within its schedule delay (5 s by default).
      Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !posts.isEmpty());
      assertThat(posts.get(0)).startsWith("POST application/x-protobuf");
    } finally {
      collector.stop(0);
    }
  }
}
