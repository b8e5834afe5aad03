package com.securecart.persistence;

import com.securecart.recommendations.PurchaseHistory;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What customers paid for, read for the recommender, in SQL. */
public final class JdbiPurchaseHistory implements PurchaseHistory {
  private final JdbiTransactions db;

  public JdbiPurchaseHistory(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public void forEachPurchase(java.time.Instant before, Sink sink) {
    // In a transaction so that PostgreSQL streams the rows by the fetch size instead of sending
    // all of them at once.
    db.inTransaction(
        () ->
            db.withHandle(
                h -> {
                  var query =
                      h.createQuery(
                          "SELECT o.customer_id, l.product_id, o.created_at FROM orders o"
                              + " JOIN order_lines l ON l.order_id = o.id"
                              + " WHERE o.status = 'CONFIRMED' AND o.customer_id IS NOT NULL"
                              + (before == null ? "" : " AND o.created_at < :before"));
                  if (before != null) {
                    query.bind("before", before);
                  }
                  return query
                      .setFetchSize(10_000)
                      .reduceResultSet(
                          0,
                          (count, rs, ctx) -> {
                            sink.accept(
                                rs.getLong(1),
                                rs.getLong(2),
                                rs.getObject(3, java.time.OffsetDateTime.class).toEpochSecond());
                            return count + 1;
                          });
                }));
  }

  @Override
  public java.util.Map<Long, String> categories() {
    java.util.Map<Long, String> out = new java.util.HashMap<>();
    db.withHandle(
        h ->
            h.createQuery("SELECT id, category FROM products")
                .setFetchSize(10_000)
                .reduceResultSet(
                    0,
                    (count, rs, ctx) -> {
                      out.put(rs.getLong(1), rs.getString(2));
                      return count + 1;
                    }));
    return out;
  }

  @Override
  public List<Long> productsBoughtBy(long customer, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id"
                        + " WHERE o.customer_id = :customer AND o.status = 'CONFIRMED'"
                        + " ORDER BY o.id DESC LIMIT :limit")
                .bind("customer", customer)
                .bind("limit", limit)
                .mapTo(Long.class)
                .list());
  }

  @Override
  public List<Long> mostBought(int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT l.product_id FROM orders o JOIN order_lines l ON l.order_id = o.id"
                        + " WHERE o.status = 'CONFIRMED' AND o.customer_id IS NOT NULL"
                        + " GROUP BY l.product_id"
                        + " ORDER BY COUNT(DISTINCT o.customer_id) DESC, l.product_id"
                        + " LIMIT :limit")
                .bind("limit", limit)
                .mapTo(Long.class)
                .list());
  }

  @Override
  public Set<Long> available(Collection<Long> products) {
    if (products.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        db.withHandle(
            h ->
                h.createQuery(
                        "SELECT p.id FROM products p JOIN inventory i ON i.sku = p.sku"
                            + " WHERE p.id IN (<ids>) AND p.active AND i.on_hand - i.reserved > 0")
                    .bindList("ids", List.copyOf(products))
                    .mapTo(Long.class)
                    .list()));
  }
}
