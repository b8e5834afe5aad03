package com.securecart.server.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.app.MailSettings;
import com.securecart.server.config.Config;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Three instances on one PostgreSQL database: one serves the API only, two run workers only. Every
 * order is processed by exactly one of them: one authorization, one confirmation, one e-mail per
 * order.
 */
class MultiInstanceWorkersIT {

  @Test
  void workersOnSeveralInstancesProcessEachOrderExactlyOnce() throws Exception {
    String url = TestDatabases.freshUrl(Engine.POSTGRES);
    TestApp api = TestApp.startOn(url, c -> c.withRoles(Set.of(Config.Role.API)));
    // All 60 orders mail one address: above the default per-recipient cap (10 a day), which is not
    // what this test is about (MailAbuseIT is).
    MailSettings uncapped = MailSettings.LOCAL_MAILBOX.withPerRecipientPerDay(1_000);
    TestApp workerA =
        TestApp.startOn(url, c -> c.withRoles(Set.of(Config.Role.WORKERS)).withSmtp(uncapped));
    TestApp workerB =
        TestApp.startOn(url, c -> c.withRoles(Set.of(Config.Role.WORKERS)).withSmtp(uncapped));
    try {
      Api client = api.api();
      long product = client.createProduct(api.adminToken(), "MULTI-1", 1_000, 1_000);
      List<String> carts = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        carts.add(client.cartWith(product, 1));
      }
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Api.Response>> placed = new ArrayList<>();
        for (String cart : carts) {
          placed.add(pool.submit(() -> client.checkout(cart, "tok_visa")));
        }
        for (Future<Api.Response> f : placed) {
          assertThat(f.get().status()).isEqualTo(201);
        }
      }

      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> count(url, "SELECT COUNT(*) FROM notifications_sent") == 60);
      assertThat(count(url, "SELECT COUNT(*) FROM orders WHERE status = 'CONFIRMED'"))
          .isEqualTo(60);
      assertThat(count(url, "SELECT COUNT(*) FROM payment_authorizations")).isEqualTo(60);
      assertThat(count(url, "SELECT COUNT(*) FROM mailbox")).isEqualTo(60);
      assertThat(count(url, "SELECT COUNT(*) FROM order_history WHERE status = 'CONFIRMED'"))
          .isEqualTo(60);
      assertThat(count(url, "SELECT on_hand FROM inventory WHERE sku = 'MULTI-1'")).isEqualTo(940);
      assertThat(
              workerA.sandboxPayments().approvedCount() + workerB.sandboxPayments().approvedCount())
          .isEqualTo(60);
    } finally {
      api.stopKeepingDatabase();
      workerA.stopKeepingDatabase();
      workerB.stopKeepingDatabase();
      TestDatabases.drop(url);
    }
  }

  private static long count(String url, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
