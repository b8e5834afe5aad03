package com.securecart.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code SECURECART_MAX_CONNECTIONS} (issue 18 item 5): at the cap the instance takes on no more
 * connections, so a request on a new one is not served until one of the held connections closes.
 */
class ConnectionCapIT {
  private static final int CAP = 8;

  @Test
  void aRequestOnANewConnectionWaitsWhileTheCapIsHeldAndIsServedOnceOneCloses() throws Exception {
    try (TestApp app =
        TestApp.start(Engine.H2, c -> c.withHttp(c.http().withMaxConnections(CAP)))) {
      URI health = URI.create(app.api().base() + "/health/live");
      List<Socket> held = new ArrayList<>();
      try {
        for (int i = 0; i < CAP; i++) {
          held.add(new Socket(health.getHost(), health.getPort()));
        }
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).build();
        boolean servedAtTheCap;
        try {
          client.send(request, HttpResponse.BodyHandlers.discarding());
          servedAtTheCap = true;
        } catch (HttpTimeoutException e) {
          servedAtTheCap = false;
        }
        assertThat(servedAtTheCap).as("served while the cap was held").isFalse();

        held.removeFirst().close();
        HttpRequest patient =
            HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(20)).build();
        assertThat(
                HttpClient.newHttpClient()
                    .send(patient, HttpResponse.BodyHandlers.discarding())
                    .statusCode())
            .isEqualTo(200);
      } finally {
        for (Socket s : held) {
          s.close();
        }
      }
    }
  }
}
