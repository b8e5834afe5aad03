package com.securecart.persistence;

import com.securecart.orders.Address;
import com.securecart.orders.NewOrder;
import com.securecart.orders.Order;
import com.securecart.orders.OrderLine;
import com.securecart.orders.OrderRepository;
import com.securecart.orders.OrderStatus;
import com.securecart.orders.OrderTotals;
import com.securecart.orders.PaymentDue;
import com.securecart.orders.StatusChange;
import com.securecart.persistence.InsertsAtCommit.Cell;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ProductId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Orders in SQL: the order row, its lines and its status history. */
public final class JdbiOrderRepository implements OrderRepository {
  private static final String COLUMNS =
      "id, number, customer_id, email, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code,"
          + " ship_country, currency, subtotal_cents, tax_cents, shipping_cents, total_cents, status,"
          + " status_reason, payment_authorization, created_at, version";

  /** An order's columns and its lines' (none of the names clash), to which a WHERE is appended. */
  private static final String WITH_LINES =
      "SELECT "
          + java.util.Arrays.stream(COLUMNS.split(","))
              .map(c -> "o." + c.strip())
              .collect(java.util.stream.Collectors.joining(", "))
          + ", l.line_no, l.product_id, l.sku, l.name, l.unit_price_cents, l.quantity,"
          + " l.line_total_cents FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id WHERE ";

  private static final String HISTORY = "INSERT INTO order_history (order_id, status, reason, at)";

  private final JdbiTransactions db;

  public JdbiOrderRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public OrderId insert(NewOrder order, String number, String accessTokenHash, Instant now) {
    return db.withHandle(
        h -> {
          Address a = order.shippingAddress();
          OrderTotals t = order.totals();
          long id =
              h.createUpdate(
                      "INSERT INTO orders (number, customer_id, email, ship_name, ship_line1, ship_line2,"
                          + " ship_city, ship_postal_code, ship_country, currency, subtotal_cents, tax_cents,"
                          + " shipping_cents, total_cents, status, payment_token, access_token_hash, version,"
                          + " created_at, updated_at) VALUES (:number, :customer, :email, :name, :line1,"
                          + " :line2, :city, :postal, :country, :currency, :subtotal, :tax, :shipping, :total,"
                          + " 'PENDING_PAYMENT', :token, :access, 0, :now, :now)")
                  .bind("number", number)
                  .bind("customer", order.customer() == null ? null : order.customer().value())
                  .bind("email", order.email())
                  .bind("name", a.name())
                  .bind("line1", a.line1())
                  .bind("line2", a.line2())
                  .bind("city", a.city())
                  .bind("postal", a.postalCode())
                  .bind("country", a.country())
                  .bind("currency", t.total().currencyCode())
                  .bind("subtotal", t.subtotal().cents())
                  .bind("tax", t.tax().cents())
                  .bind("shipping", t.shipping().cents())
                  .bind("total", t.total().cents())
                  .bind("token", order.paymentToken())
                  .bind("access", accessTokenHash)
                  .bind("now", now)
                  .executeAndReturnGeneratedKeys("id")
                  .mapTo(Long.class)
                  .one();
          var batch =
              h.prepareBatch(
                  "INSERT INTO order_lines (order_id, line_no, product_id, sku, name, unit_price_cents,"
                      + " quantity, line_total_cents) VALUES (:order, :no, :product, :sku, :name, :unit, :q,"
                      + " :total)");
          int no = 1;
          for (OrderLine line : order.lines()) {
            batch
                .bind("order", id)
                .bind("no", no++)
                .bind("product", line.productId().value())
                .bind("sku", line.sku())
                .bind("name", line.name())
                .bind("unit", line.unitPrice().cents())
                .bind("q", line.quantity())
                .bind("total", line.lineTotal().cents())
                .add();
          }
          batch.execute();
          return new OrderId(id);
        });
  }

  @Override
  public Optional<Order> find(OrderId id) {
    return one("o.id = :id", Map.of("id", id.value()));
  }

  @Override
  public Optional<Order> findOwned(OrderId id, CustomerId customer) {
    return one(
        "o.id = :id AND o.customer_id = :customer",
        Map.of("id", id.value(), "customer", customer.value()));
  }

  @Override
  public Optional<Order> findByAccessToken(OrderId id, String accessTokenHash) {
    return one(
        "o.id = :id AND o.access_token_hash = :access",
        Map.of("id", id.value(), "access", accessTokenHash));
  }

  @Override
  public Page<Order> listOwned(CustomerId customer, PageRequest page) {
    return page(" WHERE customer_id = :customer", Map.of("customer", customer.value()), page);
  }

  @Override
  public Page<Order> listAll(OrderStatus status, PageRequest page) {
    return status == null
        ? page("", Map.of(), page)
        : page(" WHERE status = :status", Map.of("status", status.name()), page);
  }

  @Override
  public boolean update(Order order, boolean dropPaymentToken, Instant now) {
    String dropToken = dropPaymentToken ? " payment_token = NULL," : "";
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE orders SET status = :status, status_reason = :reason,"
                            + dropToken
                            + " payment_authorization = :auth, version = version + 1, updated_at = :now"
                            + " WHERE id = :id AND version = :version")
                    .bind("status", order.status().name())
                    .bind("reason", order.statusReason())
                    .bind("auth", order.paymentAuthorization())
                    .bind("now", now)
                    .bind("id", order.id().value())
                    .bind("version", order.version())
                    .execute())
        == 1;
  }

  @Override
  public void addHistory(OrderId id, OrderStatus status, String reason, Instant at) {
    InsertsAtCommit atCommit = db.insertsAtCommit();
    if (atCommit != null) {
      atCommit.add(
          HISTORY,
          List.of(
              Cell.of(id.value(), Long.class),
              Cell.of(status.name(), String.class),
              Cell.of(reason, String.class),
              Cell.of(at, Instant.class)));
      return;
    }
    db.useHandle(
        h ->
            h.createUpdate(HISTORY + " VALUES (:id, :status, :reason, :at)")
                .bind("id", id.value())
                .bind("status", status.name())
                .bind("reason", reason)
                .bind("at", at)
                .execute());
  }

  @Override
  public List<StatusChange> history(OrderId id) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT status, reason, at FROM order_history WHERE order_id = :id ORDER BY id")
                .bind("id", id.value())
                .map(
                    (rs, ctx) ->
                        new StatusChange(
                            OrderStatus.valueOf(rs.getString("status")),
                            rs.getString("reason"),
                            Sql.instant(rs.getTimestamp("at"))))
                .list());
  }

  @Override
  public Optional<PaymentDue> paymentDue(OrderId id) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT total_cents, currency, payment_token FROM orders WHERE id = :id"
                        + " AND status = 'PENDING_PAYMENT' AND payment_token IS NOT NULL")
                .bind("id", id.value())
                .map(
                    (rs, ctx) ->
                        new PaymentDue(
                            Money.of(rs.getLong("total_cents"), rs.getString("currency").trim()),
                            rs.getString("payment_token")))
                .findOne());
  }

  @Override
  public Optional<OrderStatus> status(OrderId id) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT status FROM orders WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> OrderStatus.valueOf(rs.getString("status")))
                .findOne());
  }

  /**
   * The order matching {@code where} (over {@code orders o}) with its lines, in one statement: the
   * pipeline reads an order at each of its steps, and a second round trip for the lines was a
   * statement per step (issue 18).
   */
  private Optional<Order> one(String where, Map<String, Object> binds) {
    return db.withHandle(
        h ->
            h.createQuery(WITH_LINES + where + " ORDER BY l.line_no")
                .bindMap(binds)
                .scanResultSet(
                    (results, ctx) -> {
                      // The scanner owns the result set and the statement: closed here, not at
                      // the end of a pipeline batch's transaction.
                      try (ResultSet rs = results.get()) {
                        OrderRow row = null;
                        List<OrderLine> lines = new ArrayList<>();
                        while (rs.next()) {
                          if (row == null) {
                            row = row(rs, ctx);
                          }
                          rs.getInt("line_no");
                          if (!rs.wasNull()) {
                            lines.add(line(rs));
                          }
                        }
                        return row == null
                            ? Optional.<Order>empty()
                            : Optional.of(row.toOrder(lines));
                      } finally {
                        ctx.close();
                      }
                    }));
  }

  private Page<Order> page(String where, Map<String, Object> binds, PageRequest page) {
    return db.withHandle(
        h -> {
          long total =
              h.createQuery("SELECT COUNT(*) FROM orders" + where)
                  .bindMap(binds)
                  .mapTo(Long.class)
                  .one();
          List<OrderRow> rows =
              h.createQuery(
                      "SELECT "
                          + COLUMNS
                          + " FROM orders"
                          + where
                          + " ORDER BY id DESC LIMIT :limit OFFSET :offset")
                  .bindMap(binds)
                  .bind("limit", page.size())
                  .bind("offset", page.offset())
                  .map(JdbiOrderRepository::row)
                  .list();
          Map<Long, List<OrderLine>> lines = lines(h, rows.stream().map(r -> r.id).toList());
          List<Order> orders =
              rows.stream().map(r -> r.toOrder(lines.getOrDefault(r.id, List.of()))).toList();
          return new Page<>(orders, page.page(), page.size(), total);
        });
  }

  private static Map<Long, List<OrderLine>> lines(Handle h, List<Long> orderIds) {
    Map<Long, List<OrderLine>> result = new HashMap<>();
    if (orderIds.isEmpty()) {
      return result;
    }
    h.createQuery(
            "SELECT l.order_id, l.product_id, l.sku, l.name, l.unit_price_cents, l.quantity,"
                + " l.line_total_cents, o.currency FROM order_lines l JOIN orders o ON o.id = l.order_id"
                + " WHERE l.order_id IN (<ids>) ORDER BY l.order_id, l.line_no")
        .bindList("ids", orderIds)
        .map((rs, ctx) -> Map.entry(rs.getLong("order_id"), line(rs)))
        .forEach(e -> result.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
    return result;
  }

  /** A line of an order, from a row that carries its order's currency. */
  private static OrderLine line(ResultSet rs) throws SQLException {
    String currency = rs.getString("currency").trim();
    return new OrderLine(
        new ProductId(rs.getLong("product_id")),
        rs.getString("sku"),
        rs.getString("name"),
        Money.of(rs.getLong("unit_price_cents"), currency),
        rs.getInt("quantity"),
        Money.of(rs.getLong("line_total_cents"), currency));
  }

  private record OrderRow(
      long id,
      String number,
      CustomerId customer,
      String email,
      Address address,
      OrderTotals totals,
      OrderStatus status,
      String reason,
      String authorization,
      Instant createdAt,
      int version) {
    Order toOrder(List<OrderLine> lines) {
      return Order.rehydrate(
          new OrderId(id),
          number,
          customer,
          email,
          address,
          lines,
          totals,
          status,
          reason,
          authorization,
          createdAt,
          version);
    }
  }

  private static OrderRow row(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    long customer = rs.getLong("customer_id");
    CustomerId customerId = rs.wasNull() ? null : new CustomerId(customer);
    String currency = rs.getString("currency").trim();
    return new OrderRow(
        rs.getLong("id"),
        rs.getString("number"),
        customerId,
        rs.getString("email"),
        new Address(
            rs.getString("ship_name"),
            rs.getString("ship_line1"),
            rs.getString("ship_line2"),
            rs.getString("ship_city"),
            rs.getString("ship_postal_code"),
            rs.getString("ship_country").trim()),
        new OrderTotals(
            Money.of(rs.getLong("subtotal_cents"), currency),
            Money.of(rs.getLong("tax_cents"), currency),
            Money.of(rs.getLong("shipping_cents"), currency),
            Money.of(rs.getLong("total_cents"), currency)),
        OrderStatus.valueOf(rs.getString("status")),
        rs.getString("status_reason"),
        rs.getString("payment_authorization"),
        Sql.instant(rs.getTimestamp("created_at")),
        rs.getInt("version"));
  }
}
