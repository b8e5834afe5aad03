package com.securecart.recommendations;

import com.securecart.shared.Check;
import com.securecart.shared.CustomerId;
import com.securecart.shared.ProductId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The recommendations context's public face. The model is trained from the orders and served from
 * memory; {@link #retrain} builds a new one beside the old and swaps it in with one reference
 * write, so a reader sees the old model or the new one, never a mix. Inactive and out-of-stock
 * products are filtered out at read time, against the current stock.
 */
public final class RecommendationsApi {
  /** Neighbours kept per product: enough to fill a page after filtering. */
  static final int NEIGHBOURS = 50;

  /** Candidates fetched per product wanted, before the availability filter. */
  private static final int OVERFETCH = 3;

  private static final int HISTORY = 200;

  private final PurchaseHistory history;
  private final Clock clock;
  private final AtomicReference<Version> current;

  /** A trained model with when and from how much it was trained. */
  public record Version(
      ItemToItemModel model, Instant trainedAt, int purchases, int products, Duration took) {}

  public RecommendationsApi(PurchaseHistory history, Clock clock) {
    this.history = history;
    this.clock = clock;
    this.current =
        new AtomicReference<>(
            new Version(
                ItemToItemModel.train(Baskets.builder().build(), 1),
                Instant.EPOCH,
                0,
                0,
                Duration.ZERO));
  }

  /** Trains a new model from every paid order and serves it from now on. */
  public Version retrain() {
    long started = System.nanoTime();
    Baskets.Builder baskets = Baskets.builder();
    int[] lines = {0};
    history.forEachPurchase(
        (customer, product) -> {
          baskets.add(customer, product);
          lines[0]++;
        });
    java.util.Map<Long, String> categories = history.categories();
    ItemToItemModel model = ItemToItemModel.train(baskets.build(), NEIGHBOURS, categories::get);
    Version version =
        new Version(
            model,
            clock.instant(),
            lines[0],
            model.productCount(),
            Duration.ofNanos(System.nanoTime() - started));
    current.set(version);
    return version;
  }

  public Version version() {
    return current.get();
  }

  /**
   * "Customers who bought this also bought": never the product itself, only what can be sold; for a
   * product nobody bought with others yet, the best-sellers of its category.
   */
  public List<ProductId> similarTo(ProductId product, String category, int limit) {
    Check.range("limit", limit, 1, 50);
    List<Long> candidates =
        current.get().model().similarTo(product.value(), category, limit * OVERFETCH, id -> true);
    return available(candidates, limit);
  }

  /**
   * "Recommended for you": from the customer's purchases; the most popular products that can be
   * sold when he has none.
   */
  public List<ProductId> forCustomer(CustomerId customer, int limit) {
    Check.range("limit", limit, 1, 50);
    List<Long> bought = history.productsBoughtBy(customer.value(), HISTORY);
    List<Long> candidates =
        current.get().model().forCustomer(bought, limit * OVERFETCH, id -> true);
    return available(candidates, limit);
  }

  private List<ProductId> available(List<Long> candidates, int limit) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    Set<Long> sellable = history.available(candidates);
    return candidates.stream().filter(sellable::contains).limit(limit).map(ProductId::new).toList();
  }
}
