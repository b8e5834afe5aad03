package com.securecart.persistence;

import com.securecart.catalog.Category;
import com.securecart.catalog.Product;
import com.securecart.catalog.ProductDetails;
import com.securecart.catalog.ProductFilter;
import com.securecart.catalog.ProductRepository;
import com.securecart.shared.Money;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ProductId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/** Products in SQL. */
public final class JdbiProductRepository implements ProductRepository {
  private static final String COLUMNS =
      "id, sku, name, description, brand, category, price_cents, currency, attributes, image_url, active,"
          + " updated_at";

  private final JdbiTransactions db;

  public JdbiProductRepository(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public Optional<ProductId> insert(ProductDetails details, Instant now) {
    Long[] id = new Long[1];
    boolean inserted =
        db.insertUnlessDuplicate(
            h ->
                id[0] =
                    bind(
                            h.createUpdate(
                                "INSERT INTO products (sku, name, description, brand, category, price_cents,"
                                    + " currency, attributes, image_url, active, created_at, updated_at)"
                                    + " VALUES (:sku, :name, :description, :brand, :category, :price,"
                                    + " :currency, :attributes, :imageUrl, TRUE, :now, :now)"),
                            details)
                        .bind("now", now)
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
    return inserted ? Optional.of(new ProductId(id[0])) : Optional.empty();
  }

  @Override
  public void insertAll(List<ProductDetails> products, Instant now) {
    db.useHandle(
        h -> {
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO products (sku, name, description, brand, category, price_cents, currency,"
                      + " attributes, image_url, active, created_at, updated_at) VALUES (:sku, :name,"
                      + " :description, :brand, :category, :price, :currency, :attributes, :imageUrl, TRUE,"
                      + " :now, :now)");
          for (ProductDetails d : products) {
            batch
                .bind("sku", d.sku())
                .bind("name", d.name())
                .bind("description", d.description())
                .bind("brand", d.brand())
                .bind("category", d.category())
                .bind("price", d.price().cents())
                .bind("currency", d.price().currencyCode())
                .bind("attributes", Json.write(d.attributes()))
                .bind("imageUrl", d.imageUrl())
                .bind("now", now)
                .add();
          }
          batch.execute();
        });
  }

  @Override
  public boolean update(ProductId id, ProductDetails details, boolean active, Instant now) {
    return db.withHandle(
            h ->
                bind(
                        h.createUpdate(
                            "UPDATE products SET sku = :sku, name = :name, description = :description,"
                                + " brand = :brand, category = :category, price_cents = :price,"
                                + " currency = :currency, attributes = :attributes, image_url = :imageUrl,"
                                + " active = :active, updated_at = :now WHERE id = :id"),
                        details)
                    .bind("active", active)
                    .bind("now", now)
                    .bind("id", id.value())
                    .execute())
        == 1;
  }

  @Override
  public Optional<Product> find(ProductId id) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM products WHERE id = :id")
                .bind("id", id.value())
                .map(JdbiProductRepository::map)
                .findOne());
  }

  @Override
  public List<Product> findAll(Collection<ProductId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM products WHERE id IN (<ids>)")
                .bindList("ids", ids.stream().map(ProductId::value).toList())
                .map(JdbiProductRepository::map)
                .list());
  }

  @Override
  public Page<Product> list(ProductFilter filter) {
    StringBuilder where = new StringBuilder(" WHERE active = TRUE");
    List<Object[]> binds = new ArrayList<>();
    if (filter.category() != null) {
      where.append(" AND category = :category");
      binds.add(new Object[] {"category", filter.category()});
    }
    if (filter.brand() != null) {
      where.append(" AND brand = :brand");
      binds.add(new Object[] {"brand", filter.brand()});
    }
    if (filter.minPriceCents() != null) {
      where.append(" AND price_cents >= :minPrice");
      binds.add(new Object[] {"minPrice", filter.minPriceCents()});
    }
    if (filter.maxPriceCents() != null) {
      where.append(" AND price_cents <= :maxPrice");
      binds.add(new Object[] {"maxPrice", filter.maxPriceCents()});
    }
    return db.withHandle(
        h -> {
          var count = h.createQuery("SELECT COUNT(*) FROM products" + where);
          var select =
              h.createQuery(
                  "SELECT "
                      + COLUMNS
                      + " FROM products"
                      + where
                      + " ORDER BY id LIMIT :limit OFFSET :offset");
          for (Object[] b : binds) {
            count.bind((String) b[0], b[1]);
            select.bind((String) b[0], b[1]);
          }
          long total = count.mapTo(Long.class).one();
          List<Product> items =
              select
                  .bind("limit", filter.page().size())
                  .bind("offset", filter.page().offset())
                  .map(JdbiProductRepository::map)
                  .list();
          return new Page<>(items, filter.page().page(), filter.page().size(), total);
        });
  }

  @Override
  public Page<Product> listForStaff(Boolean active, PageRequest page) {
    String where = active == null ? "" : " WHERE active = " + (active ? "TRUE" : "FALSE");
    return db.withHandle(
        h ->
            new Page<>(
                h.createQuery(
                        "SELECT "
                            + COLUMNS
                            + " FROM products"
                            + where
                            + " ORDER BY id LIMIT :limit OFFSET :offset")
                    .bind("limit", page.size())
                    .bind("offset", page.offset())
                    .map(JdbiProductRepository::map)
                    .list(),
                page.page(),
                page.size(),
                h.createQuery("SELECT COUNT(*) FROM products" + where).mapTo(Long.class).one()));
  }

  @Override
  public List<Product> activeAfter(long afterId, int limit) {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM products WHERE active = TRUE AND id > :after"
                        + " ORDER BY id LIMIT :limit")
                .bind("after", afterId)
                .bind("limit", limit)
                .map(JdbiProductRepository::map)
                .list());
  }

  @Override
  public List<Product> findBySkus(Collection<String> skus) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM products WHERE sku IN (<skus>)")
                .bindList("skus", List.copyOf(skus))
                .map(JdbiProductRepository::map)
                .list());
  }

  @Override
  public List<Category> categories() {
    return db.withHandle(
        h ->
            h.createQuery(
                    "SELECT category, COUNT(*) AS n FROM products WHERE active = TRUE"
                        + " GROUP BY category ORDER BY category")
                .map((rs, ctx) -> new Category(rs.getString("category"), rs.getLong("n")))
                .list());
  }

  @Override
  public long count() {
    return db.withHandle(
        h -> h.createQuery("SELECT COUNT(*) FROM products").mapTo(Long.class).one());
  }

  private static Update bind(Update update, ProductDetails d) {
    return update
        .bind("sku", d.sku())
        .bind("name", d.name())
        .bind("description", d.description())
        .bind("brand", d.brand())
        .bind("category", d.category())
        .bind("price", d.price().cents())
        .bind("currency", d.price().currencyCode())
        .bind("attributes", Json.write(d.attributes()))
        .bind("imageUrl", d.imageUrl());
  }

  private static Product map(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Product(
        new ProductId(rs.getLong("id")),
        rs.getString("sku"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("brand"),
        rs.getString("category"),
        Money.of(rs.getLong("price_cents"), rs.getString("currency").trim()),
        Json.read(rs.getString("attributes")),
        rs.getString("image_url"),
        rs.getBoolean("active"),
        Sql.instant(rs.getTimestamp("updated_at")));
  }
}
