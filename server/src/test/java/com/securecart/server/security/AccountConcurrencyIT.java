package com.securecart.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.server.testing.AdjustableClock;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The account tables under concurrency, on each engine: a reset token used by several requests at
 * once works for exactly one, and failed sign-ins made at once are each counted.
 */
class AccountConcurrencyIT {
  private static final int RACERS = 5;

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aResetTokenUsedConcurrentlyWorksExactlyOnce(Engine engine) throws Exception {
    try (TestApp app = TestApp.start(engine)) {
      Api api = app.api();
      api.newCustomer("race@example.com");
      api.post("/api/auth/password-reset", Map.of("email", "race@example.com"));
      String token = app.mailedToken("race@example.com", "/account/reset");

      List<Integer> statuses =
          together(
              i ->
                  api.post(
                          "/api/auth/password-reset/confirm",
                          Map.of("token", token, "password", "racing passphrase number " + i))
                      .status());

      assertThat(statuses).filteredOn(s -> s == 204).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 422).hasSize(RACERS - 1);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void failedSignInsMadeAtOnceAreEachCounted(Engine engine) throws Exception {
    try (TestApp app = TestApp.start(engine)) {
      Api api = app.api();
      List<Integer> statuses =
          together(
              i ->
                  api.post(
                          "/api/auth/login",
                          Map.of("email", "counted@example.com", "password", "wrong " + i))
                      .status());
      assertThat(statuses).containsOnly(401);
      // Five counted: the sixth failure locks, if none of the five was lost.
      assertThat(login(api)).isEqualTo(401);
      assertThat(login(api)).isEqualTo(429);
    }
  }

  @ParameterizedTest
  @EnumSource(Engine.class)
  void thePeriodicPurgeDeletesExpiredTokensAndQuietCounts(Engine engine) throws Exception {
    AdjustableClock clock = new AdjustableClock();
    try (TestApp app = TestApp.start(engine, c -> c, clock)) {
      Api api = app.api();
      api.newCustomer("purged@example.com");
      app.mailedToken("purged@example.com", "/account/verify");
      assertThat(login(api)).isEqualTo(401);
      app.app().contexts().maintenance().purge();
      assertThat(rows(app, "account_tokens")).isEqualTo(1);
      assertThat(rows(app, "login_failures")).isEqualTo(1);

      clock.advance(Duration.ofHours(25));
      app.app().contexts().maintenance().purge();
      assertThat(rows(app, "account_tokens")).isZero();
      assertThat(rows(app, "login_failures")).isZero();
      assertThat(rows(app, "account_mail_sent")).isZero();
    }
  }

  private static long rows(TestApp app, String table) throws Exception {
    try (var connection = app.app().contexts().database().dataSource().getConnection();
        var statement = connection.createStatement();
        var result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static int login(Api api) {
    return api.post(
            "/api/auth/login", Map.of("email", "counted@example.com", "password", "wrong again"))
        .status();
  }

  private interface Attempt {
    int run(int i) throws Exception;
  }

  private static List<Integer> together(Attempt attempt) throws Exception {
    CyclicBarrier start = new CyclicBarrier(RACERS);
    List<Future<Integer>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(RACERS)) {
      for (int i = 0; i < RACERS; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return attempt.run(n);
                }));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> f : futures) {
        statuses.add(f.get());
      }
      return statuses;
    }
  }
}
