package com.securecart.server.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.app.NightlyParts;
import com.securecart.persistence.Database;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The nightly job reads orders through its read-only pool, which may point at a replica, and writes
 * its results to the primary.
 */
class BatchReadsIT {
  @ParameterizedTest
  @EnumSource(Engine.class)
  void theJobReadsOrdersFromTheReadDatabaseAndWritesItsResultsToThePrimary(Engine engine) {
    String primaryUrl = TestDatabases.freshUrl(engine);
    // The shop's database stands in for a replica: the job reads its orders from it.
    try (TestApp shop = TestApp.start(engine);
        Database primary = new Database(primaryUrl, null, null, 4);
        Database reads = Database.readOnly(shop.dbUrl(), null, null, 2)) {
      Api api = shop.api();
      long product = api.createProduct(shop.adminToken(), "READS-1", 1_500, 10);
      String customer = api.newCustomer("reads@example.com");
      api.buyConfirmed(customer, product, 2);
      primary.migrate();
      Clock clock = Clock.systemUTC();

      NightlyJob.Summary run =
          new NightlyJob(NightlyParts.wire(primary, reads, clock), () -> {}, clock)
              .run(LocalDate.now(clock), line -> {});

      assertThat(run.report().totals().paidOrders()).isEqualTo(1);
      assertThat(run.report().totals().units()).isEqualTo(2);
      assertThat(run.model().purchases()).isEqualTo(1);
      assertThat(count(primary, "analytics_days")).isEqualTo(1);
      assertThat(count(primary, "recommendation_models")).isEqualTo(1);
      assertThat(count(primary, "job_runs")).isEqualTo(1);
      assertThat(count(shop.app().contexts().database(), "analytics_days")).isZero();
      assertThat(count(shop.app().contexts().database(), "recommendation_models")).isZero();
      assertThat(count(shop.app().contexts().database(), "job_runs")).isZero();
    } finally {
      TestDatabases.drop(primaryUrl);
    }
  }

  @Test
  void onPostgreSqlTheReadPoolRefusesWritesEvenOutsideATransaction() {
    String url = TestDatabases.freshUrl(Engine.POSTGRES);
    try (Database primary = new Database(url, null, null, 2);
        Database reads = Database.readOnly(url, null, null, 2)) {
      primary.migrate();
      assertThat(count(reads, "job_runs")).isZero();
      try (Connection c = reads.dataSource().getConnection();
          Statement s = c.createStatement()) {
        assertThat(c.getAutoCommit()).isTrue();
        assertThatThrownBy(() -> s.execute("DELETE FROM job_runs"))
            .hasMessageContaining("read-only transaction");
        c.setAutoCommit(false);
        assertThatThrownBy(() -> s.execute("DELETE FROM job_runs"))
            .hasMessageContaining("read-only transaction");
        c.rollback();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } finally {
      TestDatabases.drop(url);
    }
  }

  private static long count(Database db, String table) {
    try (Connection c = db.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
