package com.securecart.catalog;

import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ProductId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Port to the product store. Implemented in the persistence module. */
public interface ProductRepository {

  /** Returns empty if the SKU is taken. */
  Optional<ProductId> insert(ProductDetails details, Instant now);

  /** Returns false if no such product. */
  boolean update(ProductId id, ProductDetails details, boolean active, Instant now);

  /** Bulk insert of new products (imports, demo data); a SKU clash fails the batch. */
  void insertAll(List<ProductDetails> products, Instant now);

  Optional<Product> find(ProductId id);

  List<Product> findAll(Collection<ProductId> ids);

  Page<Product> list(ProductFilter filter);

  /**
   * The whole catalog for staff, by id: active and inactive products, or those of one state when
   * {@code active} is given.
   */
  Page<Product> listForStaff(Boolean active, PageRequest page);

  /**
   * Active products with an id above {@code afterId}, by id: for walking the whole catalog in
   * batches.
   */
  List<Product> activeAfter(long afterId, int limit);

  List<Product> findBySkus(Collection<String> skus);

  List<Category> categories();

  long count();
}
