package com.securecart.persistence;

import com.securecart.orders.Address;
import com.securecart.orders.OrderLine;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrderTotals;
import com.securecart.shared.CustomerId;
import com.securecart.shared.EmailAddress;
import com.securecart.shared.Hashing;
import com.securecart.shared.Ids;
import com.securecart.shared.Role;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Order history written in bulk, past the order pipeline: accounts and orders that were settled
 * long ago (the Online Retail demo data) go in with JDBC batches in the caller's transaction, with
 * no outbox event, payment, reservation or e-mail. Runs on PostgreSQL and H2 alike.
 */
public final class JdbiOrderImport {
  /**
   * What an account without a password holds instead of a hash: not a PHC string, so no password
   * verifies against it; such a customer's history is there, but nobody can sign in as him.
   */
  static final String NO_PASSWORD = "!no-password";

  /** Orders per round of inserts; their lines go in the same round. */
  private static final int ORDERS_PER_ROUND = 1_000;

  /** Rows per JDBC batch sent to the database. */
  private static final int BATCH = 5_000;

  private final JdbiTransactions db;

  /** An account as it was opened, without a usable password. */
  public record HistoricAccount(String email, String name, Instant createdAt) {
    public HistoricAccount {
      email = EmailAddress.normalise("email", email);
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(createdAt, "createdAt");
    }
  }

  /**
   * An order as it ended: {@code number} is its own (at most 20 characters, unique), {@code
   * customer} null for a guest, {@code status} final (confirmed or cancelled).
   */
  public record HistoricOrder(
      String number,
      CustomerId customer,
      String email,
      Address address,
      List<OrderLine> lines,
      OrderTotals totals,
      OrderStatus status,
      String statusReason,
      Instant placedAt) {
    public HistoricOrder {
      if (number == null || number.isBlank() || number.length() > 20) {
        throw new IllegalArgumentException("an order number is 1 to 20 characters");
      }
      email = EmailAddress.normalise("email", email);
      Objects.requireNonNull(address, "address");
      lines = List.copyOf(lines);
      if (lines.isEmpty()) {
        throw new IllegalArgumentException("an order has lines");
      }
      Objects.requireNonNull(totals, "totals");
      if (status != OrderStatus.CONFIRMED && status != OrderStatus.CANCELLED) {
        throw new IllegalArgumentException("a historic order is confirmed or cancelled");
      }
      Objects.requireNonNull(placedAt, "placedAt");
    }
  }

  public JdbiOrderImport(JdbiTransactions db) {
    this.db = db;
  }

  /**
   * Inserts customer accounts without passwords; returns the id of each, by e-mail. An e-mail
   * already taken fails the whole insert (and, inside a transaction, the transaction).
   */
  public Map<String, CustomerId> insertAccounts(Collection<HistoricAccount> accounts) {
    List<HistoricAccount> all = List.copyOf(accounts);
    Map<String, CustomerId> ids = new HashMap<>();
    db.useHandle(
        h -> {
          jdbc(
              h,
              "INSERT INTO accounts (email, name, password_hash, role, created_at)"
                  + " VALUES (?, ?, ?, ?, ?)",
              all,
              (ps, a) -> {
                ps.setString(1, a.email());
                ps.setString(2, a.name());
                ps.setString(3, NO_PASSWORD);
                ps.setString(4, Role.CUSTOMER.name());
                ps.setObject(5, utc(a.createdAt()));
              });
          for (int from = 0; from < all.size(); from += ORDERS_PER_ROUND) {
            List<String> emails =
                all.subList(from, Math.min(all.size(), from + ORDERS_PER_ROUND)).stream()
                    .map(HistoricAccount::email)
                    .toList();
            h.createQuery("SELECT id, email FROM accounts WHERE email IN (<emails>)")
                .bindList("emails", emails)
                .map((rs, ctx) -> Map.entry(rs.getString("email"), rs.getLong("id")))
                .forEach(e -> ids.put(e.getKey(), new CustomerId(e.getValue())));
          }
        });
    return ids;
  }

  /** Inserts the orders with their lines and a status history entry each; returns lines written. */
  public long insertOrders(List<HistoricOrder> orders) {
    long[] lines = {0};
    db.useHandle(
        h -> {
          for (int from = 0; from < orders.size(); from += ORDERS_PER_ROUND) {
            List<HistoricOrder> round =
                orders.subList(from, Math.min(orders.size(), from + ORDERS_PER_ROUND));
            insertOrderRows(h, round);
            Map<String, Long> ids = new HashMap<>();
            h.createQuery("SELECT id, number FROM orders WHERE number IN (<numbers>)")
                .bindList("numbers", round.stream().map(HistoricOrder::number).toList())
                .map((rs, ctx) -> Map.entry(rs.getString("number"), rs.getLong("id")))
                .forEach(e -> ids.put(e.getKey(), e.getValue()));
            List<LineRow> lineRows = new ArrayList<>();
            for (HistoricOrder o : round) {
              long id = ids.get(o.number());
              int no = 1;
              for (OrderLine line : o.lines()) {
                lineRows.add(new LineRow(id, no++, line));
              }
            }
            jdbc(
                h,
                "INSERT INTO order_lines (order_id, line_no, product_id, sku, name, unit_price_cents,"
                    + " quantity, line_total_cents) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                lineRows,
                (ps, row) -> {
                  OrderLine line = row.line();
                  ps.setLong(1, row.orderId());
                  ps.setInt(2, row.lineNo());
                  ps.setLong(3, line.productId().value());
                  ps.setString(4, line.sku());
                  ps.setString(5, line.name());
                  ps.setLong(6, line.unitPrice().cents());
                  ps.setInt(7, line.quantity());
                  ps.setLong(8, line.lineTotal().cents());
                });
            lines[0] += lineRows.size();
            jdbc(
                h,
                "INSERT INTO order_history (order_id, status, reason, at) VALUES (?, ?, ?, ?)",
                round,
                (ps, o) -> {
                  ps.setLong(1, ids.get(o.number()));
                  ps.setString(2, o.status().name());
                  ps.setString(3, o.statusReason());
                  ps.setObject(4, utc(o.placedAt()));
                });
          }
        });
    return lines[0];
  }

  private static void insertOrderRows(Handle h, List<HistoricOrder> round) {
    jdbc(
        h,
        "INSERT INTO orders (number, customer_id, email, ship_name, ship_line1, ship_line2,"
            + " ship_city, ship_postal_code, ship_country, currency, subtotal_cents, tax_cents,"
            + " shipping_cents, total_cents, status, status_reason, access_token_hash, version,"
            + " created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
        round,
        (ps, o) -> {
          Address a = o.address();
          OrderTotals t = o.totals();
          ps.setString(1, o.number());
          if (o.customer() == null) {
            ps.setNull(2, Types.BIGINT);
          } else {
            ps.setLong(2, o.customer().value());
          }
          ps.setString(3, o.email());
          ps.setString(4, a.name());
          ps.setString(5, a.line1());
          ps.setString(6, a.line2());
          ps.setString(7, a.city());
          ps.setString(8, a.postalCode());
          ps.setString(9, a.country());
          ps.setString(10, t.total().currencyCode());
          ps.setLong(11, t.subtotal().cents());
          ps.setLong(12, t.tax().cents());
          ps.setLong(13, t.shipping().cents());
          ps.setLong(14, t.total().cents());
          ps.setString(15, o.status().name());
          ps.setString(16, o.statusReason());
          // Nobody holds a token for these orders: the digest of a secret nobody was given.
          ps.setString(17, Hashing.sha256Hex(Ids.randomToken(16)));
          ps.setObject(18, utc(o.placedAt()));
          ps.setObject(19, utc(o.placedAt()));
        });
  }

  /** How many orders have a number starting with {@code prefix}. */
  public long countOrdersNumbered(String prefix) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM orders WHERE number LIKE :pattern")
                .bind("pattern", prefix + "%")
                .mapTo(Long.class)
                .one());
  }

  /** The UTC days of the first and the last order numbered with {@code prefix}. */
  public record Span(LocalDate first, LocalDate last) {}

  /** When the orders numbered with {@code prefix} were placed, if there are any. */
  public Optional<Span> orderSpan(String prefix) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT MIN(created_at) AS first, MAX(created_at) AS last FROM orders"
                        + " WHERE number LIKE :pattern")
                .bind("pattern", prefix + "%")
                .map(
                    (rs, ctx) -> {
                      OffsetDateTime first = rs.getObject("first", OffsetDateTime.class);
                      return first == null
                          ? null
                          : new Span(
                              utcDay(first), utcDay(rs.getObject("last", OffsetDateTime.class)));
                    })
                .findOne());
  }

  private static LocalDate utcDay(OffsetDateTime at) {
    return LocalDate.ofInstant(at.toInstant(), ZoneOffset.UTC);
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  private record LineRow(long orderId, int lineNo, OrderLine line) {}

  private interface Binder<T> {
    void bind(PreparedStatement ps, T row) throws SQLException;
  }

  /** Plain JDBC batches on the handle's connection: JDBI's named binding costs more per row. */
  private static <T> void jdbc(Handle h, String sql, List<T> rows, Binder<T> binder) {
    Connection connection = h.getConnection();
    try (PreparedStatement ps = connection.prepareStatement(sql)) {
      int pending = 0;
      for (T row : rows) {
        binder.bind(ps, row);
        ps.addBatch();
        if (++pending == BATCH) {
          ps.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        ps.executeBatch();
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "bulk insert failed: " + sql.substring(0, sql.indexOf('(')).strip(), e);
    }
  }
}
