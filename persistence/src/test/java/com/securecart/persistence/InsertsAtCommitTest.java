package com.securecart.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.orders.OrderStatus;
import com.securecart.outbox.Continuation;
import com.securecart.outbox.NewEvent;
import com.securecart.shared.OrderId;
import com.securecart.shared.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The order pipeline's transactions insert the outbox events and order history they append at their
 * end, one statement per table (issue 18), with every value as an insert at once would have written
 * it, and nothing at all when they roll back.
 */
class InsertsAtCommitTest {
  private static final Instant AT = Instant.parse("2026-12-08T10:00:00Z");
  private static final Instant DUE = Instant.parse("2026-12-08T09:59:58Z");

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgres"})
  void appendsCostOneInsertPerTableAtCommitAndKeepTheirValues(String engine) throws Exception {
    String url = Engines.freshUrl(engine, "sc_atcommit_");
    CountingTransactions counter = new CountingTransactions();
    try (Database db = Engines.counted(engine, url, counter)) {
      JdbiTransactions tx = db.transactions();
      JdbiOutbox outbox = new JdbiOutbox(tx, engine.equals("postgres"), () -> {});
      JdbiOrderRepository orders = new JdbiOrderRepository(tx);
      long first = order(tx, "A-1");
      long second = order(tx, "A-2");
      Transactions atCommit = tx.writingAtCommit();

      counter.reset();
      atCommit.inTransaction(
          () -> {
            orders.addHistory(new OrderId(first), OrderStatus.AUTHORIZED, null, AT);
            Continuation.of(DUE, () -> outbox.append(NewEvent.of("order.authorized", first)));
            orders.addHistory(new OrderId(second), OrderStatus.FAILED, "declined", AT);
            outbox.append(new NewEvent("order.failed", String.valueOf(second), Map.of("k", "v")));
            return null;
          });
      assertThat(counter.statements.get()).isEqualTo(2);
      assertThat(counter.transactions.get()).isEqualTo(1);

      assertThat(orders.history(new OrderId(first)))
          .singleElement()
          .satisfies(
              c -> {
                assertThat(c.status()).isEqualTo(OrderStatus.AUTHORIZED);
                assertThat(c.reason()).isNull();
                assertThat(c.at()).isEqualTo(AT);
              });
      assertThat(orders.history(new OrderId(second)))
          .singleElement()
          .satisfies(c -> assertThat(c.reason()).isEqualTo("declined"));
      List<Row> events =
          tx.withHandle(
              h ->
                  h.createQuery(
                          "SELECT type, payload, status, available_at, created_at FROM outbox"
                              + " ORDER BY id")
                      .map(
                          (rs, ctx) ->
                              new Row(
                                  rs.getString("type"),
                                  rs.getString("payload"),
                                  rs.getString("status"),
                                  Sql.instant(rs.getTimestamp("available_at")),
                                  Sql.instant(rs.getTimestamp("created_at"))))
                      .list());
      assertThat(events).extracting(Row::type).containsExactly("order.authorized", "order.failed");
      assertThat(events).extracting(Row::status).containsOnly("PENDING");
      // The continuation is due as of its cause; the other event at once (when it was written).
      assertThat(events.get(0).availableAt()).isEqualTo(DUE);
      assertThat(events.get(1).availableAt()).isEqualTo(events.get(1).createdAt());
      assertThat(events.get(1).payload()).contains("\"k\"");

      counter.reset();
      assertThatThrownBy(
              () ->
                  atCommit.inTransaction(
                      () -> {
                        orders.addHistory(new OrderId(first), OrderStatus.CONFIRMED, null, AT);
                        outbox.append(NewEvent.of("order.confirmed", first));
                        throw new IllegalStateException("the step failed");
                      }))
          .hasMessage("the step failed");
      assertThat(counter.statements.get()).isZero();
      assertThat(orders.history(new OrderId(first))).hasSize(1);
      assertThat(outbox.backlog().pending()).isEqualTo(2);

      // A savepoint rolled back takes back the rows held under it; the rest still commit.
      atCommit.inTransaction(
          () -> {
            outbox.append(NewEvent.of("order.kept", first));
            assertThatThrownBy(
                    () ->
                        tx.inSavepoint(
                            "sp_test",
                            () -> {
                              outbox.append(NewEvent.of("order.undone", first));
                              orders.addHistory(
                                  new OrderId(second), OrderStatus.CONFIRMED, null, AT);
                              throw new IllegalStateException("undone");
                            }))
                .hasMessage("undone");
            orders.addHistory(new OrderId(first), OrderStatus.CONFIRMED, null, AT);
            return null;
          });
      assertThat(orders.history(new OrderId(first))).hasSize(2);
      assertThat(orders.history(new OrderId(second))).hasSize(1);
      List<String> types =
          tx.withHandle(
              h -> h.createQuery("SELECT type FROM outbox ORDER BY id").mapTo(String.class).list());
      assertThat(types).containsExactly("order.authorized", "order.failed", "order.kept");
    } finally {
      Engines.drop(url);
    }
  }

  private record Row(
      String type, String payload, String status, Instant availableAt, Instant createdAt) {}

  private static long order(JdbiTransactions tx, String number) {
    return tx.withHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO orders (number, email, ship_name, ship_line1, ship_city,"
                        + " ship_postal_code, ship_country, currency, subtotal_cents, tax_cents,"
                        + " shipping_cents, total_cents, status, access_token_hash, version,"
                        + " created_at, updated_at) VALUES (:number, 'a@example.com', 'A', 'B',"
                        + " 'C', '1000', 'DE', 'EUR', 100, 0, 0, 100, 'PENDING_PAYMENT',"
                        + " :hash, 0, :at, :at)")
                .bind("number", number)
                .bind("hash", "0".repeat(64))
                .bind("at", AT)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one());
  }
}
