package com.securecart.testing;

import com.securecart.catalog.Category;
import com.securecart.catalog.Product;
import com.securecart.catalog.ProductDetails;
import com.securecart.catalog.ProductFilter;
import com.securecart.catalog.ProductRepository;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ProductId;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Products in a map, ids counting up from 1, a SKU unique as in the table. The listing queries that
 * the core's unit tests do not need are left out.
 */
public final class InMemoryProductRepository implements ProductRepository, Snapshottable {
  private Map<ProductId, Product> products = new LinkedHashMap<>();
  private long nextId = 1;

  @Override
  public Optional<ProductId> insert(ProductDetails details, Instant now) {
    if (skuTaken(details.sku())) {
      return Optional.empty();
    }
    ProductId id = new ProductId(nextId++);
    products.put(id, product(id, details, true, now));
    return Optional.of(id);
  }

  @Override
  public boolean update(ProductId id, ProductDetails details, boolean active, Instant now) {
    if (!products.containsKey(id)) {
      return false;
    }
    products.put(id, product(id, details, active, now));
    return true;
  }

  @Override
  public void insertAll(List<ProductDetails> details, Instant now) {
    for (ProductDetails d : details) {
      insert(d, now).orElseThrow(() -> new IllegalStateException("duplicate SKU " + d.sku()));
    }
  }

  @Override
  public Optional<Product> find(ProductId id) {
    return Optional.ofNullable(products.get(id));
  }

  @Override
  public List<Product> findAll(Collection<ProductId> ids) {
    return ids.stream().distinct().map(products::get).filter(p -> p != null).toList();
  }

  @Override
  public Page<Product> list(ProductFilter filter) {
    throw new UnsupportedOperationException("not needed by the core's unit tests");
  }

  @Override
  public Page<Product> listForStaff(Boolean active, PageRequest page) {
    throw new UnsupportedOperationException("not needed by the core's unit tests");
  }

  @Override
  public List<Product> activeAfter(long afterId, int limit) {
    return products.values().stream()
        .filter(p -> p.active() && p.id().value() > afterId)
        .limit(limit)
        .toList();
  }

  @Override
  public List<Product> findBySkus(Collection<String> skus) {
    return products.values().stream().filter(p -> skus.contains(p.sku())).toList();
  }

  @Override
  public List<Category> categories() {
    throw new UnsupportedOperationException("not needed by the core's unit tests");
  }

  @Override
  public long count() {
    return products.size();
  }

  @Override
  public Runnable snapshot() {
    Map<ProductId, Product> copy = new LinkedHashMap<>(products);
    long id = nextId;
    return () -> {
      products = new LinkedHashMap<>(copy);
      nextId = id;
    };
  }

  private boolean skuTaken(String sku) {
    return products.values().stream().anyMatch(p -> p.sku().equals(sku));
  }

  private static Product product(
      ProductId id, ProductDetails d, boolean active, Instant updatedAt) {
    return new Product(
        id,
        d.sku(),
        d.name(),
        d.description(),
        d.brand(),
        d.category(),
        d.price(),
        d.attributes(),
        d.imageUrl(),
        active,
        updatedAt);
  }
}
