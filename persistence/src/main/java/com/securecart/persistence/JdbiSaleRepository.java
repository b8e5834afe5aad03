package com.securecart.persistence;

import com.securecart.sales.NewSale;
import com.securecart.sales.Sale;
import com.securecart.sales.SaleRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.statement.StatementContext;

/** Sales and what each buyer bought in them. */
public final class JdbiSaleRepository implements SaleRepository {
  private static final String COLUMNS = "id, sku, per_customer_limit, starts_at, ends_at";

  private final JdbiTransactions db;

  public JdbiSaleRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public Sale insert(NewSale sale, Instant now) {
    long id =
        db.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO sales (sku, per_customer_limit, starts_at, ends_at, created_at)"
                            + " VALUES (:sku, :limit, :startsAt, :endsAt, :now)")
                    .bind("sku", sale.sku())
                    .bind("limit", sale.perCustomerLimit())
                    .bind("startsAt", sale.startsAt())
                    .bind("endsAt", sale.endsAt())
                    .bind("now", now)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
    return new Sale(id, sale.sku(), sale.perCustomerLimit(), sale.startsAt(), sale.endsAt());
  }

  @Override
  public List<Sale> list(int limit) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM sales ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map(JdbiSaleRepository::sale)
                .list());
  }

  @Override
  public List<Sale> running(Collection<String> skus, Instant now) {
    if (skus.isEmpty()) {
      return List.of();
    }
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM sales WHERE sku IN (<skus>) AND ends_at > :now AND starts_at <= :now"
                        + " ORDER BY id")
                .bindList("skus", List.copyOf(skus))
                .bind("now", now)
                .map(JdbiSaleRepository::sale)
                .list());
  }

  @Override
  public boolean claim(long saleId, String buyer, int quantity) {
    // One upsert: a first purchase inserts the buyer's row, a later one (or the loser of a race
    // with a concurrent first purchase) adds to it, each only within the sale's limit.
    return Upsert.into("sale_purchases")
            .key("sale_id", ":sale")
            .key("buyer", ":buyer")
            .insert("quantity", ":q")
            .insertWhen(
                "EXISTS (SELECT 1 FROM sales WHERE id = :sale AND per_customer_limit >= :q)")
            .update("quantity", "t.quantity + :q")
            .updateWhen(
                "t.quantity + :q <= (SELECT per_customer_limit FROM sales WHERE id = :sale)")
            .bind("sale", saleId)
            .bind("buyer", buyer)
            .bind("q", quantity)
            .execute(db)
        == 1;
  }

  private static Sale sale(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Sale(
        rs.getLong("id"),
        rs.getString("sku"),
        rs.getInt("per_customer_limit"),
        Sql.instant(rs.getTimestamp("starts_at")),
        Sql.instant(rs.getTimestamp("ends_at")));
  }
}
