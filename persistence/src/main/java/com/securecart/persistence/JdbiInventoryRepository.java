package com.securecart.persistence;

import com.securecart.inventory.InventoryRepository;
import com.securecart.inventory.Reservation;
import com.securecart.inventory.StockLevel;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Stock and reservations in SQL. Every stock change is one conditional UPDATE, atomic under
 * concurrency.
 */
public final class JdbiInventoryRepository implements InventoryRepository {
  private final JdbiTransactions db;

  public JdbiInventoryRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public boolean setOnHand(String sku, int onHand) {
    // One upsert; refused (0 rows) when the row holds more reserved than the new count.
    return Upsert.into("inventory")
            .key("sku", ":sku")
            .insert("on_hand", ":onHand")
            .insert("reserved", "0")
            .update("on_hand", ":onHand")
            .updateWhen("t.reserved <= :onHand")
            .bind("sku", sku)
            .bind("onHand", onHand)
            .execute(db)
        == 1;
  }

  @Override
  public void insertAll(Map<String, Integer> onHandBySku) {
    db.useHandle(
        h -> {
          var batch =
              h.prepareBatch(
                  "INSERT INTO inventory (sku, on_hand, reserved) VALUES (:sku, :onHand, 0)");
          onHandBySku.forEach((sku, onHand) -> batch.bind("sku", sku).bind("onHand", onHand).add());
          batch.execute();
        });
  }

  @Override
  public Optional<StockLevel> find(String sku) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT sku, on_hand, reserved FROM inventory WHERE sku = :sku")
                .bind("sku", sku)
                .map(JdbiInventoryRepository::level)
                .findOne());
  }

  @Override
  public Map<String, Integer> available(Collection<String> skus) {
    if (skus.isEmpty()) {
      return Map.of();
    }
    return db.withHandle(
        h -> {
          Map<String, Integer> result = new HashMap<>();
          h.createQuery(
                  "SELECT sku, on_hand - reserved AS available FROM inventory WHERE sku IN (<skus>)")
              .bindList("skus", List.copyOf(skus))
              .map((rs, ctx) -> Map.entry(rs.getString("sku"), rs.getInt("available")))
              .forEach(e -> result.put(e.getKey(), Math.max(0, e.getValue())));
          return result;
        });
  }

  @Override
  public Map<String, StockLevel> levels(Collection<String> skus) {
    return db.withHandle(
        h -> {
          Map<String, StockLevel> result = new HashMap<>();
          h.createQuery("SELECT sku, on_hand, reserved FROM inventory WHERE sku IN (<skus>)")
              .bindList("skus", List.copyOf(skus))
              .map(JdbiInventoryRepository::level)
              .forEach(l -> result.put(l.sku(), l));
          return result;
        });
  }

  @Override
  public List<StockLevel> lowStock(int threshold, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT sku, on_hand, reserved FROM inventory WHERE on_hand - reserved <= :threshold"
                        + " ORDER BY on_hand - reserved, sku LIMIT :limit")
                .bind("threshold", threshold)
                .bind("limit", limit)
                .map(JdbiInventoryRepository::level)
                .list());
  }

  private static StockLevel level(
      java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws java.sql.SQLException {
    return new StockLevel(rs.getString("sku"), rs.getInt("on_hand"), rs.getInt("reserved"));
  }

  @Override
  public boolean tryReserve(String sku, int quantity) {
    JdbiTransactions.Deferred deferred = db.deferred();
    if (deferred != null) {
      // An optimistic coalesced batch reserves its total per SKU at its end (reserveTotals).
      deferred.stock.merge(sku, quantity, Integer::sum);
      return true;
    }
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE inventory SET reserved = reserved + :q"
                            + " WHERE sku = :sku AND on_hand - reserved >= :q")
                    .bind("sku", sku)
                    .bind("q", quantity)
                    .execute())
        == 1;
  }

  /**
   * Reserves a batch's totals, SKU by SKU in order; false, having reserved some perhaps, if any SKU
   * is short (the caller rolls its transaction back).
   */
  static boolean reserveTotals(JdbiTransactions db, java.util.SortedMap<String, Integer> totals) {
    for (Map.Entry<String, Integer> total : totals.entrySet()) {
      if (!new JdbiInventoryRepository(db).tryReserve(total.getKey(), total.getValue())) {
        return false;
      }
    }
    return true;
  }

  /** A reservation row an optimistic coalesced batch writes at its end. */
  record NewReservation(long orderId, String sku, int quantity, Instant expiresAt) {}

  private static final String INSERT_RESERVATION =
      "INSERT INTO reservations (order_id, sku, quantity, status, expires_at)"
          + " VALUES (:orderId, :sku, :q, 'RESERVED', :expiresAt)";

  @Override
  public void insertReservation(long orderId, String sku, int quantity, Instant expiresAt) {
    JdbiTransactions.Deferred deferred = db.deferred();
    if (deferred != null) {
      // An optimistic coalesced batch inserts its reservations together (insertAll), in one
      // round trip, once its totals are reserved.
      deferred.reservations.add(new NewReservation(orderId, sku, quantity, expiresAt));
      return;
    }
    db.useHandle(
        h ->
            h.createUpdate(INSERT_RESERVATION)
                .bind("orderId", orderId)
                .bind("sku", sku)
                .bind("q", quantity)
                .bind("expiresAt", expiresAt)
                .execute());
  }

  /** Inserts a batch's reservation rows as one JDBC batch. */
  static void insertAll(JdbiTransactions db, List<NewReservation> rows) {
    if (rows.isEmpty()) {
      return;
    }
    db.useHandle(
        h -> {
          org.jdbi.v3.core.statement.PreparedBatch batch = h.prepareBatch(INSERT_RESERVATION);
          for (NewReservation r : rows) {
            batch
                .bind("orderId", r.orderId())
                .bind("sku", r.sku())
                .bind("q", r.quantity())
                .bind("expiresAt", r.expiresAt())
                .add();
          }
          batch.execute();
        });
  }

  @Override
  public List<Reservation> reservations(long orderId) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT order_id, sku, quantity, status, expires_at FROM reservations"
                        + " WHERE order_id = :orderId ORDER BY sku")
                .bind("orderId", orderId)
                .map(
                    (rs, ctx) ->
                        new Reservation(
                            rs.getLong("order_id"),
                            rs.getString("sku"),
                            rs.getInt("quantity"),
                            Reservation.Status.valueOf(rs.getString("status")),
                            Sql.instant(rs.getTimestamp("expires_at"))))
                .list());
  }

  @Override
  public boolean transition(
      long orderId, String sku, Reservation.Status from, Reservation.Status to) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE reservations SET status = :to"
                            + " WHERE order_id = :orderId AND sku = :sku AND status = :from")
                    .bind("orderId", orderId)
                    .bind("sku", sku)
                    .bind("from", from.name())
                    .bind("to", to.name())
                    .execute())
        == 1;
  }

  @Override
  public void commitStock(String sku, int quantity) {
    move(sku, -quantity, -quantity);
  }

  @Override
  public void releaseStock(String sku, int quantity) {
    move(sku, 0, -quantity);
  }

  @Override
  public void returnStock(String sku, int quantity) {
    move(sku, quantity, 0);
  }

  private void move(String sku, int onHand, int reserved) {
    java.util.SortedMap<String, int[]> moves = db.stockMoves();
    if (moves != null) {
      int[] total = moves.computeIfAbsent(sku, k -> new int[2]);
      total[0] += onHand;
      total[1] += reserved;
      return;
    }
    update(db, sku, onHand, reserved);
  }

  /** Writes a transaction's summed stock moves, SKU by SKU in order (writingAtCommit). */
  static void applyMoves(JdbiTransactions db, java.util.SortedMap<String, int[]> moves) {
    moves.forEach((sku, total) -> update(db, sku, total[0], total[1]));
  }

  private static void update(JdbiTransactions db, String sku, int onHand, int reserved) {
    int updated =
        db.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE inventory SET on_hand = on_hand + :onHand,"
                            + " reserved = reserved + :reserved WHERE sku = :sku")
                    .bind("sku", sku)
                    .bind("onHand", onHand)
                    .bind("reserved", reserved)
                    .execute());
    if (updated != 1) {
      throw new IllegalStateException("no stock row for " + sku);
    }
  }

  @Override
  public List<Long> ordersWithExpiredReservations(Instant now, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT DISTINCT order_id FROM reservations"
                        + " WHERE status = 'RESERVED' AND expires_at < :now ORDER BY order_id LIMIT :limit")
                .bind("now", now)
                .bind("limit", limit)
                .mapTo(Long.class)
                .list());
  }
}
