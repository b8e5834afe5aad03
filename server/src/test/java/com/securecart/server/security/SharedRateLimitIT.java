package com.securecart.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.config.AdmissionConfig;
import com.securecart.server.config.AdmissionConfig.RateLimit;
import com.securecart.server.config.Config;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Issue 15 item 4: on PostgreSQL two instances take sign-in attempts from one bucket per client, so
 * two instances do not allow twice the attempts.
 */
class SharedRateLimitIT {
  private static final int LOGIN_TOKENS = 4;

  private static UnaryOperator<Config> loginLimit(boolean shared) {
    return c -> {
      AdmissionConfig tests = AdmissionConfig.forTests();
      return c.withAdmission(
          new AdmissionConfig(
                  tests.minLimit(),
                  tests.initialLimit(),
                  tests.maxLimit(),
                  tests.retryAfter(),
                  new RateLimit(LOGIN_TOKENS, Duration.ofHours(1)),
                  tests.registration(),
                  tests.checkout(),
                  tests.search(),
                  tests.maxClients(),
                  List.of(),
                  Duration.ZERO)
              .withSharedBuckets(shared));
    };
  }

  @Test
  void twoInstancesOnPostgresqlShareTheSignInBucket() {
    TestApp a = TestApp.start(TestDatabases.Engine.POSTGRES, loginLimit(true));
    TestApp b = TestApp.startOn(a.dbUrl(), loginLimit(true));
    try {
      // Four tokens for this client in all, taken alternately on the two instances (each e-mail
      // different, so that no account lock plays a part).
      for (int i = 0; i < LOGIN_TOKENS; i++) {
        assertThat(attempt(i % 2 == 0 ? a.api() : b.api(), i)).as("attempt %d", i).isEqualTo(401);
      }
      Api.Response refusedA = a.api().post("/api/auth/login", body(10));
      Api.Response refusedB = b.api().post("/api/auth/login", body(11));
      assertThat(refusedA.status()).isEqualTo(429);
      assertThat(refusedA.problemType()).endsWith("/rate-limited");
      assertThat(refusedB.status()).isEqualTo(429);
      assertThat(refusedA.header("Retry-After")).isNotNull();
    } finally {
      b.stopKeepingDatabase();
      a.close();
    }
  }

  @Test
  void withSharingOffEachInstanceHasItsOwnBucketAsOnH2() {
    TestApp a = TestApp.start(TestDatabases.Engine.POSTGRES, loginLimit(false));
    TestApp b = TestApp.startOn(a.dbUrl(), loginLimit(false));
    try {
      for (int i = 0; i < LOGIN_TOKENS; i++) {
        assertThat(attempt(a.api(), i)).isEqualTo(401);
      }
      assertThat(attempt(a.api(), 20)).isEqualTo(429);
      assertThat(attempt(b.api(), 21)).as("b's own bucket is full").isEqualTo(401);
    } finally {
      b.stopKeepingDatabase();
      a.close();
    }
  }

  private static int attempt(Api api, int i) {
    return api.post("/api/auth/login", body(i)).status();
  }

  private static Map<String, String> body(int i) {
    return Map.of("email", "nobody" + i + "@example.com", "password", "wrong password");
  }
}
