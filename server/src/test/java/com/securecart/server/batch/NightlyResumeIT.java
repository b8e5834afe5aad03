package com.securecart.server.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.NightlyParts;
import com.securecart.recommendations.PurchaseHistory;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.NightlyFaults;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.shared.DomainException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The job ledger end to end: a run that dies in its second stage (and then, as after a kill -9, is
 * left RUNNING with a stale heartbeat) is resumed without redoing the first, and gives what an
 * uninterrupted run gives; a run of a day another run holds is refused until that one's heartbeat
 * is older than the lease, and is then taken over.
 */
class NightlyResumeIT {
  private final Clock clock = Clock.systemUTC();

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aRunThatDiesMidJobResumesAndGivesWhatAnUninterruptedRunGives(Engine engine)
      throws Exception {
    try (TestApp app = TestApp.start(engine)) {
      Api api = app.api();
      String admin = app.adminToken();
      long a = api.createProduct(admin, "RES-A", 1_000, 100);
      long b = api.createProduct(admin, "RES-B", 2_000, 100);
      long c = api.createProduct(admin, "RES-C", 3_000, 100);
      buys(api, api.newCustomer("res1@example.com"), a, b);
      buys(api, api.newCustomer("res2@example.com"), a, b);
      buys(api, api.newCustomer("res3@example.com"), a, c);
      LocalDate day = LocalDate.now(clock);

      AtomicBoolean crash = new AtomicBoolean(true);
      var database = app.app().contexts().database();
      NightlyJob job =
          new NightlyJob(
              NightlyFaults.wrappingPurchases(database, clock, real -> crashingOnce(real, crash)),
              () -> {},
              clock);

      assertThatThrownBy(() -> job.run(day, line -> {})).hasMessageContaining("died in stage 2");
      assertThat(text(app, "SELECT status FROM job_runs")).isEqualTo("FAILED");
      assertThat(text(app, "SELECT stage FROM job_stages")).isEqualTo("analytics");
      assertThat(text(app, "SELECT COUNT(*) FROM recommendation_models")).isEqualTo("0");
      String computedAt = text(app, "SELECT computed_at FROM analytics_days");

      // What a kill -9 leaves instead of a failure: the attempt still RUNNING, its stage 1
      // recorded. While its heartbeat is fresh it holds the day; once it is older than the lease,
      // the process is taken to be gone and the next run takes over.
      sql(
          app,
          "UPDATE job_runs SET status = 'RUNNING', finished_at = NULL, heartbeat_at = "
              + timestamp(Instant.now()));
      assertThatThrownBy(() -> job.run(day, line -> {}))
          .isInstanceOfSatisfying(
              DomainException.class, e -> assertThat(e.type()).isEqualTo("job-running"));
      sql(
          app,
          "UPDATE job_runs SET heartbeat_at = "
              + timestamp(Instant.now().minus(NightlyParts.LEASE).minusSeconds(5)));

      List<String> progress = new ArrayList<>();
      NightlyJob.Summary resumed = job.run(day, progress::add);
      assertThat(resumed.attempt()).isEqualTo(2);
      assertThat(progress)
          .anyMatch(line -> line.contains("resumes where the last one stopped"))
          .anyMatch(line -> line.contains("stage 1/2, analytics: finished before, skipped"));
      assertThat(resumed.analyticsTook()).isNull();
      assertThat(resumed.model()).isNotNull();
      // Stage 1 was not run again: its figures are the ones the first attempt wrote.
      assertThat(text(app, "SELECT computed_at FROM analytics_days")).isEqualTo(computedAt);
      assertThat(text(app, "SELECT status FROM job_runs")).isEqualTo("DONE");

      // After a finished run a run starts over; on the same orders it gives the same results.
      NightlyJob.Summary uninterrupted = job.run(day, line -> {});
      assertThat(uninterrupted.attempt()).isEqualTo(3);
      assertThat(uninterrupted.analyticsTook()).isNotNull();
      assertThat(uninterrupted.report()).isEqualTo(resumed.report());
      assertThat(uninterrupted.report().totals().paidOrders()).isEqualTo(6);
      assertThat(uninterrupted.model().quality()).isEqualTo(resumed.model().quality());
      for (long product : List.of(a, b, c)) {
        assertThat(uninterrupted.model().model().similarTo(product, 10, id -> true))
            .isEqualTo(resumed.model().model().similarTo(product, 10, id -> true));
      }
      assertThat(resumed.model().model().similarTo(b, 10, id -> true)).startsWith(a);

      // A run that holds the day (heard from just now) keeps others out, through the API too.
      sql(
          app,
          "UPDATE job_runs SET status = 'RUNNING', finished_at = NULL, heartbeat_at = "
              + timestamp(Instant.now()));
      Api.Response busy =
          api.post("/api/admin/analytics/nightly?date=" + day, null, Api.bearer(admin));
      assertThat(busy.status()).isEqualTo(409);
      assertThat(busy.problemType()).endsWith("job-running");
      assertThat(busy.json().get("detail").asText()).contains(day.toString());

      // Once it has not been heard from for longer than the lease, it crashed: the next run takes
      // it over and resumes after the stages it finished (here: all of them).
      sql(
          app,
          "UPDATE job_runs SET heartbeat_at = "
              + timestamp(Instant.now().minus(NightlyParts.LEASE).minusSeconds(5)));
      Api.Response takeover =
          api.post("/api/admin/analytics/nightly?date=" + day, null, Api.bearer(admin));
      assertThat(takeover.status()).as(takeover.body()).isEqualTo(200);
      assertThat(takeover.json().get("attempt").asInt()).isEqualTo(4);
      assertThat(takeover.json().has("analyticsMs")).isFalse();
      assertThat(takeover.json().has("modelVersion")).isFalse();
      assertThat(takeover.json().get("report").get("paidOrders").asInt()).isEqualTo(6);
      assertThat(text(app, "SELECT status FROM job_runs")).isEqualTo("DONE");
    }
  }

  /** An order of each product, placed and confirmed. */
  private static void buys(Api api, String customer, long... products) {
    for (long product : products) {
      api.buyConfirmed(customer, product, 1);
    }
  }

  /** The history, except that the first read of every purchase dies, as a crash would. */
  private static PurchaseHistory crashingOnce(PurchaseHistory real, AtomicBoolean crash) {
    return new PurchaseHistory() {
      @Override
      public void forEachPurchase(Instant before, Sink sink) {
        if (crash.getAndSet(false)) {
          throw new IllegalStateException("the job died in stage 2");
        }
        real.forEachPurchase(before, sink);
      }

      @Override
      public Map<Long, String> categories() {
        return real.categories();
      }

      @Override
      public List<Long> productsBoughtBy(long customer, int limit) {
        return real.productsBoughtBy(customer, limit);
      }

      @Override
      public Set<Long> available(Collection<Long> products) {
        return real.available(products);
      }
    };
  }

  private static String timestamp(Instant at) {
    return "TIMESTAMP WITH TIME ZONE '"
        + at.atOffset(ZoneOffset.UTC).toString().replace('T', ' ').replace("Z", "+00")
        + "'";
  }

  private static String text(TestApp app, String query) throws SQLException {
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(query)) {
      assertThat(rs.next()).as(query).isTrue();
      String value = rs.getString(1);
      assertThat(rs.next()).as(query + " has one row").isFalse();
      return value;
    }
  }

  private static void sql(TestApp app, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
