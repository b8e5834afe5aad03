package com.securecart.search;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.changes.Change;
import com.securecart.changes.ChangeLog;
import com.securecart.changes.ChangeTail;
import com.securecart.inventory.InventoryApi;
import com.securecart.shared.ProductId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Keeps this instance's index equal to the catalog: a full build when the index is new or too far
 * behind, then near-real-time catch-up from the change log. Change ids are allocated before their
 * transactions commit, so an id can become visible after a higher one; the cursor therefore only
 * advances past changes older than a settle window, and changes inside the window that were already
 * applied are remembered, not applied again.
 */
public final class SearchIndexer {
  private static final System.Logger LOG = System.getLogger(SearchIndexer.class.getName());
  private static final int BATCH = 1_000;
  private static final Duration SETTLE = Duration.ofSeconds(5);
  private static final Duration COMMIT_EVERY = Duration.ofSeconds(10);

  private final SearchIndex index;
  private final CatalogApi catalog;
  private final InventoryApi inventory;
  private final ChangeLog changes;
  private final Clock clock;
  private final ChangeTail tail;
  private Instant lastCommit = Instant.EPOCH;

  public SearchIndexer(
      SearchIndex index,
      CatalogApi catalog,
      InventoryApi inventory,
      ChangeLog changes,
      Clock clock) {
    this.index = index;
    this.catalog = catalog;
    this.inventory = inventory;
    this.changes = changes;
    this.clock = clock;
    this.tail = new ChangeTail(changes, clock, SETTLE);
  }

  /**
   * Opens the index: catches up from its committed cursor when the log still reaches back there,
   * else rebuilds.
   */
  public synchronized void open() {
    OptionalLong committed = index.committedCursor();
    OptionalLong oldest = changes.oldestId();
    boolean logReachesBack =
        committed.isPresent()
            && (oldest.isEmpty() || oldest.getAsLong() <= committed.getAsLong() + 1);
    if (logReachesBack && index.size() > 0) {
      tail.reset(committed.getAsLong());
      LOG.log(
          System.Logger.Level.INFO,
          "search index on disk: {0} products, catching up",
          index.size());
      catchUp();
    } else {
      rebuild();
    }
  }

  /** Rebuilds from the catalog; returns how many products were indexed. */
  synchronized long rebuild() {
    long head = changes.headId();
    index.clear();
    long indexed = 0;
    long after = 0;
    long started = System.nanoTime();
    while (true) {
      List<Product> batch = catalog.activeAfter(after, BATCH);
      if (batch.isEmpty()) {
        break;
      }
      index.upsert(toIndexed(batch));
      indexed += batch.size();
      after = batch.get(batch.size() - 1).id().value();
      if (indexed % 100_000 == 0) {
        LOG.log(System.Logger.Level.INFO, "search index: {0} products indexed", indexed);
      }
    }
    tail.reset(head);
    index.commit(head);
    lastCommit = clock.instant();
    LOG.log(
        System.Logger.Level.INFO,
        "search index built: {0} products in {1} ms",
        indexed,
        (System.nanoTime() - started) / 1_000_000);
    return indexed;
  }

  /** Applies the changes since the cursor; returns how many changes were applied. */
  public synchronized int catchUp() {
    ChangeTail.Batch pending = tail.peek(10_000);
    if (pending.read().isEmpty()) {
      return 0;
    }
    Set<Long> productIds = new HashSet<>();
    Set<String> skus = new HashSet<>();
    boolean rebuild = false;
    int applied = 0;
    for (Change change : pending.fresh()) {
      applied++;
      if (change.kind() == Change.Kind.PRODUCT && CatalogApi.ALL.equals(change.ref())) {
        rebuild = true;
      } else if (change.kind() == Change.Kind.PRODUCT) {
        productIds.add(Long.parseLong(change.ref()));
      } else {
        skus.add(change.ref());
      }
    }
    if (rebuild) {
      rebuild();
      return applied;
    }
    reindex(productIds, skus);
    advance(pending);
    return applied;
  }

  private void reindex(Set<Long> productIds, Set<String> skus) {
    List<Product> products = new ArrayList<>();
    if (!productIds.isEmpty()) {
      products.addAll(catalog.getAll(productIds.stream().map(ProductId::new).toList()).values());
    }
    if (!skus.isEmpty()) {
      products.addAll(catalog.findBySkus(skus));
    }
    List<Product> active = products.stream().filter(Product::active).toList();
    List<Long> gone = new ArrayList<>(productIds);
    gone.removeAll(active.stream().map(p -> p.id().value()).toList());
    if (!gone.isEmpty()) {
      index.delete(gone);
    }
    if (!active.isEmpty()) {
      index.upsert(toIndexed(active));
    }
  }

  private void advance(ChangeTail.Batch pending) {
    tail.advance(pending);
    if (Duration.between(lastCommit, clock.instant()).compareTo(COMMIT_EVERY) >= 0) {
      index.commit(tail.cursor());
      lastCommit = clock.instant();
    }
  }

  private List<IndexedProduct> toIndexed(Collection<Product> products) {
    Map<String, Integer> available =
        inventory.available(products.stream().map(Product::sku).toList());
    return products.stream()
        .map(
            p ->
                new IndexedProduct(
                    p.id().value(),
                    p.sku(),
                    p.name(),
                    p.description(),
                    p.brand(),
                    p.category(),
                    p.price().cents(),
                    p.price().currencyCode(),
                    available.getOrDefault(p.sku(), 0),
                    p.updatedAt()))
        .toList();
  }

  /** Makes what was applied durable (called on shutdown). */
  public synchronized void commit() {
    index.commit(tail.cursor());
    lastCommit = clock.instant();
  }
}
