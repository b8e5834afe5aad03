package com.securecart.persistence;

import com.securecart.cart.CartItem;
import com.securecart.cart.CartRepository;
import com.securecart.cart.OpenCart;
import com.securecart.shared.CartId;
import com.securecart.shared.CustomerId;
import com.securecart.shared.ProductId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Carts in SQL. Ownership is part of every lookup. */
public final class JdbiCartRepository implements CartRepository {
  private final JdbiTransactions db;

  public JdbiCartRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public void create(CartId id, CustomerId owner, Instant now) {
    db.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO carts (id, customer_id, status, created_at, updated_at)"
                        + " VALUES (:id, :owner, 'OPEN', :now, :now)")
                .bind("id", id.value())
                .bind("owner", owner == null ? null : owner.value())
                .bind("now", now)
                .execute());
  }

  @Override
  public Optional<OpenCart> find(CartId id, CustomerId caller) {
    String sql = "SELECT id, customer_id, status FROM carts WHERE id = :id" + reachableBy(caller);
    return db.withHandle(
        h ->
            withCaller(h.createQuery(sql).bind("id", id.value()), caller)
                .map((rs, ctx) -> new OpenCart(id, owner(rs), rs.getString("status")))
                .findOne());
  }

  @Override
  public Optional<OpenCart> lockOpen(CartId id, CustomerId caller, Instant now) {
    // One statement checks ownership and openness, marks the cart changed and takes its row lock;
    // PostgreSQL returns the owner with RETURNING, H2 with its standard FINAL TABLE.
    String update =
        "UPDATE carts SET updated_at = :now WHERE id = :id AND status = 'OPEN'"
            + reachableBy(caller);
    String sql =
        db.postgres()
            ? update + " RETURNING customer_id"
            : "SELECT customer_id FROM FINAL TABLE (" + update + ")";
    return db.withHandle(
        h ->
            withCaller(h.createQuery(sql).bind("id", id.value()).bind("now", now), caller)
                .map((rs, ctx) -> new OpenCart(id, owner(rs), OpenCart.OPEN))
                .findOne());
  }

  @Override
  public Optional<CartId> findOpenCartOf(CustomerId customer) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT id FROM carts WHERE customer_id = :customer AND status = 'OPEN'"
                        + " ORDER BY created_at DESC LIMIT 1")
                .bind("customer", customer.value())
                .map((rs, ctx) -> new CartId(rs.getString("id")))
                .findOne());
  }

  @Override
  public List<ProductId> openProductIds(CartId id, CustomerId caller) {
    // The cart's row and its lines in one read; only carts carry customer_id and status, so the
    // ownership clause stays unambiguous.
    String sql =
        "SELECT DISTINCT i.product_id FROM carts c JOIN cart_items i ON i.cart_id = c.id"
            + " WHERE c.id = :id AND c.status = 'OPEN'"
            + reachableBy(caller)
            + " ORDER BY i.product_id";
    return db.withHandle(
        h ->
            withCaller(h.createQuery(sql).bind("id", id.value()), caller)
                .map((rs, ctx) -> new ProductId(rs.getLong("product_id")))
                .list());
  }

  @Override
  public List<CartItem> items(CartId id) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT product_id, quantity FROM cart_items WHERE cart_id = :id"
                        + " ORDER BY added_at, product_id")
                .bind("id", id.value())
                .map(
                    (rs, ctx) ->
                        new CartItem(
                            new ProductId(rs.getLong("product_id")), rs.getInt("quantity")))
                .list());
  }

  @Override
  public void setQuantity(CartId id, ProductId productId, int quantity, Instant now) {
    // One upsert: two racing first adds of a product both succeed, the later one's quantity wins.
    Upsert.into("cart_items")
        .key("cart_id", ":id")
        .key("product_id", ":product")
        .insert("quantity", ":q")
        .insert("added_at", ":now")
        .update("quantity", ":q")
        .bind("id", id.value())
        .bind("product", productId.value())
        .bind("q", quantity)
        .bind("now", now)
        .execute(db);
  }

  @Override
  public boolean removeItem(CartId id, ProductId productId, Instant now) {
    return db.withHandle(
            h ->
                h.createUpdate(
                        "DELETE FROM cart_items WHERE cart_id = :id AND product_id = :product")
                    .bind("id", id.value())
                    .bind("product", productId.value())
                    .execute())
        == 1;
  }

  @Override
  public boolean close(CartId id, CustomerId caller, String status, Instant now) {
    // Ownership as in find, in the one statement that closes the cart.
    String sql =
        "UPDATE carts SET status = :status, updated_at = :now WHERE id = :id AND status = 'OPEN'"
            + reachableBy(caller);
    return db.withHandle(
            h ->
                withCaller(
                        h.createUpdate(sql)
                            .bind("id", id.value())
                            .bind("status", status)
                            .bind("now", now),
                        caller)
                    .execute())
        == 1;
  }

  /** A guest (no caller) reaches only guest carts; a customer reaches guest carts and his own. */
  private static String reachableBy(CustomerId caller) {
    return caller == null
        ? " AND customer_id IS NULL"
        : " AND (customer_id IS NULL OR customer_id = :caller)";
  }

  /** Binds the caller that {@link #reachableBy} names, if any. */
  private static <T extends org.jdbi.v3.core.statement.SqlStatement<T>> T withCaller(
      T statement, CustomerId caller) {
    return caller == null ? statement : statement.bind("caller", caller.value());
  }

  /** The cart's owner, null for a guest cart. */
  private static CustomerId owner(java.sql.ResultSet rs) throws java.sql.SQLException {
    long owner = rs.getLong("customer_id");
    return rs.wasNull() ? null : new CustomerId(owner);
  }
}
