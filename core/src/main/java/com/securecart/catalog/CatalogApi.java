package com.securecart.catalog;

import com.securecart.changes.Change;
import com.securecart.changes.ChangeLog;
import com.securecart.inventory.InventoryApi;
import com.securecart.shared.DomainException;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ProblemType;
import com.securecart.shared.ProductId;
import com.securecart.shared.Transactions;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalog context's public face: admin changes and shopper reads. */
public final class CatalogApi {
  /** The change-log reference meaning "many products changed: rebuild". */
  public static final String ALL = "*";

  private final ProductRepository products;
  private final InventoryApi inventory;
  private final Transactions transactions;
  private final ChangeLog changes;
  private final Clock clock;

  public CatalogApi(
      ProductRepository products,
      InventoryApi inventory,
      Transactions transactions,
      ChangeLog changes,
      Clock clock) {
    this.products = products;
    this.inventory = inventory;
    this.transactions = transactions;
    this.changes = changes;
    this.clock = clock;
  }

  /** Creates a product with its opening stock, both or neither. */
  public ProductId create(ProductDetails details, int openingStock) {
    return transactions.inTransaction(
        () -> {
          ProductId id =
              products.insert(details, clock.instant()).orElseThrow(() -> skuTaken(details.sku()));
          inventory.setOnHand(details.sku(), openingStock);
          changes.append(Change.Kind.PRODUCT, String.valueOf(id.value()));
          return id;
        });
  }

  /**
   * Imports new products with their opening stock in one transaction. No change events: an import
   * is followed by a rebuild of whatever is derived from the catalog.
   */
  public void importProducts(Map<ProductDetails, Integer> productsWithStock) {
    transactions.run(
        () -> {
          products.insertAll(List.copyOf(productsWithStock.keySet()), clock.instant());
          Map<String, Integer> stock = new java.util.LinkedHashMap<>();
          productsWithStock.forEach((details, onHand) -> stock.put(details.sku(), onHand));
          inventory.openingStock(stock);
          // One entry for the whole batch: readers rebuild rather than look up each new product.
          changes.append(Change.Kind.PRODUCT, ALL);
        });
  }

  /**
   * Replaces a product's details; {@code active=false} deactivates it (it stays for order history),
   * and an absent {@code active} keeps the current state.
   */
  public Product update(ProductId id, ProductDetails details, Boolean active) {
    return transactions.inTransaction(
        () -> {
          Product current = get(id);
          if (!current.sku().equals(details.sku())) {
            // Stock, reservations and order lines refer to the SKU: it is the product's identity
            // for good.
            throw DomainException.unprocessable(
                ProblemType.SKU_IMMUTABLE,
                "SKU cannot change",
                "A product keeps its SKU; create a new product instead");
          }
          boolean nextActive = active == null ? current.active() : active;
          if (!products.update(id, details, nextActive, clock.instant())) {
            throw DomainException.notFound("Product " + id);
          }
          changes.append(Change.Kind.PRODUCT, String.valueOf(id.value()));
          return products.find(id).orElseThrow();
        });
  }

  /** Takes a product off sale, or puts it back, leaving its details as they are. */
  public Product setActive(ProductId id, boolean active) {
    Product p = get(id);
    return update(
        id,
        new ProductDetails(
            p.sku(),
            p.name(),
            p.description(),
            p.brand(),
            p.category(),
            p.price(),
            p.attributes(),
            p.imageUrl()),
        active);
  }

  /** Any product, active or not (admin and order history). */
  public Product get(ProductId id) {
    return products.find(id).orElseThrow(() -> DomainException.notFound("Product " + id));
  }

  /** An active product, as shoppers see it. */
  public Product getActive(ProductId id) {
    return products
        .find(id)
        .filter(Product::active)
        .orElseThrow(() -> DomainException.notFound("Product " + id));
  }

  public Map<ProductId, Product> getAll(Collection<ProductId> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return products.findAll(ids).stream()
        .collect(Collectors.toMap(Product::id, Function.identity()));
  }

  public Page<Product> list(ProductFilter filter) {
    return products.list(filter);
  }

  /**
   * The catalog as staff see it, inactive products included; {@code active} narrows it to one
   * state.
   */
  public Page<Product> listForStaff(Boolean active, PageRequest page) {
    return products.listForStaff(active, page);
  }

  /** Active products after an id, by id: read models walk the catalog with it. */
  public List<Product> activeAfter(long afterId, int limit) {
    return products.activeAfter(afterId, limit);
  }

  public List<Product> findBySkus(Collection<String> skus) {
    return skus.isEmpty() ? List.of() : products.findBySkus(skus);
  }

  public List<Category> categories() {
    return products.categories();
  }

  public long count() {
    return products.count();
  }

  private static DomainException skuTaken(String sku) {
    return DomainException.conflict(
        ProblemType.SKU_TAKEN, "SKU taken", "Another product has SKU " + sku);
  }
}
