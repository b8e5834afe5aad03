package com.securecart.server.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.server.config.AdmissionConfig;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** SIGTERM (the shutdown hook calls close): readiness goes first, requests in flight finish. */
class GracefulShutdownIT {
  @Test
  void readinessTurnsDownFirstAndAnInFlightRequestCompletesDuringShutdown() throws Exception {
    AdmissionConfig d = AdmissionConfig.forTests();
    AdmissionConfig withDrainDelay =
        new AdmissionConfig(
            d.minLimit(),
            d.initialLimit(),
            d.maxLimit(),
            d.retryAfter(),
            d.login(),
            d.registration(),
            d.checkout(),
            d.search(),
            d.maxClients(),
            d.trustedProxies(),
            Duration.ofSeconds(2));
    TestApp app = TestApp.start(TestDatabases.Engine.H2, c -> c.withAdmission(withDrainDelay));
    Thread closing = null;
    try {
      Api api = app.api();
      String admin = app.adminToken();
      SlowRequest login = SlowRequest.adminLoginInFlight(api, app.app().port(), admin);

      closing = Thread.ofVirtual().start(app::close);

      // A load balancer sees DOWN while the instance still serves.
      await().atMost(Duration.ofSeconds(2)).until(() -> api.get("/health/ready").status() == 503);
      assertThat(closing.isAlive()).isTrue();
      assertThat(app.app().isReady()).isFalse();
      // Then the listener stops taking connections...
      int port = app.app().port();
      await().atMost(Duration.ofSeconds(10)).until(() -> !listening(port));

      // ...and the request that was in flight completes, database work included.
      String response = login.finish();
      login.close();
      assertThat(response).startsWith("HTTP/1.1 200").contains("\"token\"");
      closing.join(Duration.ofSeconds(30));
      assertThat(closing.isAlive()).isFalse();
    } finally {
      if (closing == null) {
        app.close();
      } else {
        TestDatabases.drop(app.dbUrl());
      }
    }
  }

  private static boolean listening(int port) {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
