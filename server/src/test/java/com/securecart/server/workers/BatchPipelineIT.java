package com.securecart.server.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.securecart.app.AppSettings;
import com.securecart.app.DatabaseSettings;
import com.securecart.app.Pipeline;
import com.securecart.orders.OrderEvents;
import com.securecart.outbox.Outbox;
import com.securecart.outbox.OutboxEvent;
import com.securecart.pipeline.Effect;
import com.securecart.pipeline.Step;
import com.securecart.server.config.Config;
import com.securecart.server.testing.Api;
import com.securecart.server.testing.TestApp;
import com.securecart.server.testing.TestDatabases.Engine;
import com.securecart.shared.OrderId;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The batched pipeline on PostgreSQL (issue 18 item 2): the steps of a claimed batch share one read
 * transaction and one effect transaction, and still lose nothing, duplicate nothing, and leave a
 * taken-over event to its new owner.
 */
class BatchPipelineIT {
  private static final int ORDERS = 32;
  private static final int STEPS = 3; // authorize, confirm, send the confirmation
  private static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  /** An instance with no workers of its own, holding {@code orders} placed orders. */
  private static TestApp withPlacedOrders(int orders) {
    TestApp app = TestApp.start(Engine.POSTGRES, c -> c.withRoles(Set.of(Config.Role.API)));
    Api api = app.api();
    long product = api.createProduct(app.adminToken(), "BATCH-1", 1_000, orders * 2);
    for (int i = 0; i < orders; i++) {
      // One address per order: the per-recipient cap must not skip any e-mail.
      Api.Response placed =
          api.checkoutTo(
              api.cartWith(product, 1), "buyer" + i + "@example.com", "1 Main St", "10115");
      assertThat(placed.status()).isEqualTo(201);
    }
    return app;
  }

  /**
   * Closes {@code placing} and starts the instance that runs the pipeline on its database: cart
   * routes only (no live-stock feed or other pollers) and a pool of two, so that the transactions
   * counted are the pipeline's.
   */
  private static TestApp pipelineInstance(TestApp placing) {
    placing.stopKeepingDatabase();
    return TestApp.startOn(
        placing.dbUrl(),
        c -> {
          AppSettings s = c.app();
          DatabaseSettings db = s.database();
          return c.withRoles(Set.of(Config.Role.CART))
              .withApp(
                  new AppSettings(
                      new DatabaseSettings(db.url(), db.user(), db.password(), 2, db.secret()),
                      s.checkout(),
                      s.workers(),
                      s.accounts(),
                      s.batch(),
                      s.mail(),
                      s.payments()));
        });
  }

  private static OutboxWorker worker(Pipeline pipeline) {
    return new OutboxWorker(
        pipeline,
        Clock.systemUTC(),
        Duration.ofMillis(50),
        Duration.ofSeconds(30),
        OutboxWorker.Activity.NONE);
  }

  /** Runs batches until no event is pending, as a worker's loop would. */
  private static void drain(OutboxWorker worker, Outbox outbox) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              worker.runOnce();
              return outbox.backlog().pending() == 0;
            });
  }

  @Test
  void aBatchOfOrdersIsConfirmedAndMailedOnceEachInFewerTransactionsThanOrders() throws Exception {
    try (TestApp app = pipelineInstance(withPlacedOrders(ORDERS))) {
      Pipeline pipeline = app.app().contexts().pipeline();
      long before = transactionsFlushed(app);

      drain(worker(pipeline), pipeline.outbox());

      long used = transactionsFlushed(app) - before;
      assertThat(statusCounts(app)).isEqualTo(Map.of("CONFIRMED", (long) ORDERS));
      assertThat(confirmationsPerOrder(app))
          .hasSize(ORDERS)
          .allSatisfy((o, n) -> assertThat(n).isOne());
      assertThat(mails(app)).isEqualTo(ORDERS);
      // Per event today: one read transaction or more, and one effect transaction. Batched: a
      // claim, a read and an effect transaction per batch, with the pool's own checks around them.
      System.out.printf(
          "batched pipeline: %d transactions for %d orders x %d steps%n", used, ORDERS, STEPS);
      assertThat(used).isLessThan(ORDERS * STEPS / 2);
    }
  }

  @Test
  void aFailingEffectInABatchRetriesAloneAndNoOtherOrderIsLostOrDoneTwice() throws Exception {
    try (TestApp app = withPlacedOrders(8)) {
      Pipeline pipeline = app.app().contexts().pipeline();
      long victim = orderIds(app).get(3);
      AtomicBoolean failed = new AtomicBoolean();
      List<Step> steps =
          pipeline.steps().stream()
              .map(
                  s ->
                      s.trigger().equals(OrderEvents.PAYMENT_AUTHORIZED)
                          ? (Step) new FailingOnce(s, victim, failed)
                          : s)
              .toList();

      drain(worker(pipeline.withSteps(steps, pipeline.retry())), pipeline.outbox());

      assertThat(failed).isTrue();
      assertThat(statusCounts(app)).isEqualTo(Map.of("CONFIRMED", 8L));
      assertThat(confirmationsPerOrder(app)).hasSize(8).allSatisfy((o, n) -> assertThat(n).isOne());
      assertThat(mails(app)).isEqualTo(8);
      assertThat(
              count(app, "SELECT count(*) FROM payment_authorizations WHERE status = 'CAPTURED'"))
          .isEqualTo(8);
      // Each order moved to CONFIRMED once: the rolled-back batch left no transition behind.
      assertThat(count(app, "SELECT count(*) FROM order_history WHERE status = 'CONFIRMED'"))
          .isEqualTo(8);
    }
  }

  @Test
  void aClaimLostInsideABatchRollsBackOnlyThatEvent() throws Exception {
    try (TestApp app = withPlacedOrders(4)) {
      Pipeline pipeline = app.app().contexts().pipeline();
      Outbox outbox = pipeline.outbox();
      Instant now = Instant.now();
      List<OutboxEvent> batch = outbox.claim(100, now, now.plusMillis(200));
      assertThat(batch).hasSize(4);
      // This worker stopped renewing: one lease on, another took the oldest event over.
      Instant later = now.plusMillis(200);
      List<OutboxEvent> taken = outbox.claim(1, later, later.plusSeconds(60));
      assertThat(taken).extracting(OutboxEvent::id).containsExactly(batch.getFirst().id());

      pipeline.runner().processAll(batch);

      long lostOrder = Long.parseLong(batch.getFirst().aggregateId());
      assertThat(status(app, lostOrder)).isEqualTo("PENDING_PAYMENT");
      assertThat(statusCounts(app)).isEqualTo(Map.of("AUTHORIZED", 3L, "PENDING_PAYMENT", 1L));
      assertThat(count(app, "SELECT count(*) FROM payment_authorizations")).isEqualTo(3);

      // The new owner's run lands, once.
      pipeline.runner().processAll(taken);
      assertThat(status(app, lostOrder)).isEqualTo("AUTHORIZED");
      assertThat(count(app, "SELECT count(*) FROM payment_authorizations")).isEqualTo(4);
    }
  }

  /** Delegates to a real step; the effect for one order applies, then throws, once. */
  private record FailingOnce(Step inner, long order, AtomicBoolean failed) implements Step {
    @Override
    public String name() {
      return inner.name();
    }

    @Override
    public String trigger() {
      return inner.trigger();
    }

    @Override
    public Supplier<Effect> prepare(OrderId id) {
      Supplier<Effect> call = inner.prepare(id);
      return () -> {
        Effect effect = call.get();
        if (id.value() != order || failed.get()) {
          return effect;
        }
        return () -> {
          effect.apply();
          failed.set(true);
          throw new IllegalStateException("effect failed once, after its writes");
        };
      };
    }

    @Override
    public Effect compensate(OrderId id, String error) {
      return inner.compensate(id, error);
    }
  }

  /**
   * xact_commit + xact_rollback of the instance's database once every backend has published its
   * counters: PostgreSQL publishes a backend's counters when it exits (and when idle, up to seconds
   * later), so the pool's connections are closed and their backends awaited gone.
   */
  private static long transactionsFlushed(TestApp app) throws SQLException {
    String name = databaseName(app);
    Timestamp evicted = Timestamp.from(Instant.now());
    var pool =
        ((HikariDataSource) app.app().contexts().database().dataSource()).getHikariPoolMXBean();
    try (Connection admin = DriverManager.getConnection(ADMIN_URL)) {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(
              () -> {
                // Again each time: a connection the pool was opening as this began joins it after.
                pool.softEvictConnections();
                return query(
                        admin,
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND"
                            + " backend_start < ?",
                        name,
                        evicted)
                    == 0;
              });
      return query(
          admin,
          "SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = ?",
          name,
          null);
    }
  }

  private static long query(Connection c, String sql, String name, Timestamp at)
      throws SQLException {
    try (PreparedStatement st = c.prepareStatement(sql)) {
      st.setString(1, name);
      if (at != null) {
        st.setTimestamp(2, at);
      }
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static String databaseName(TestApp app) {
    String url = app.dbUrl();
    return url.substring(url.lastIndexOf('/') + 1, url.indexOf('?'));
  }

  private static long count(TestApp app, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long mails(TestApp app) throws SQLException {
    return count(app, "SELECT count(*) FROM mailbox");
  }

  private static String status(TestApp app, long order) throws SQLException {
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        ResultSet rs =
            c.createStatement().executeQuery("SELECT status FROM orders WHERE id = " + order)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static List<Long> orderIds(TestApp app) throws SQLException {
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        ResultSet rs = c.createStatement().executeQuery("SELECT id FROM orders ORDER BY id")) {
      List<Long> ids = new java.util.ArrayList<>();
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
      return ids;
    }
  }

  private static Map<String, Long> statusCounts(TestApp app) throws SQLException {
    return grouped(app, "SELECT status, count(*) FROM orders GROUP BY status");
  }

  private static Map<String, Long> confirmationsPerOrder(TestApp app) throws SQLException {
    return grouped(
        app,
        "SELECT CAST(order_id AS VARCHAR), count(*) FROM notifications_sent"
            + " WHERE kind = 'ORDER_CONFIRMATION' GROUP BY order_id");
  }

  private static Map<String, Long> grouped(TestApp app, String sql) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(app.dbUrl());
        ResultSet rs = c.createStatement().executeQuery(sql)) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }
}
