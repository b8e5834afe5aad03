package com.securecart.recommendations;

import com.securecart.shared.Check;
import com.securecart.shared.CustomerId;
import com.securecart.shared.ProductId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The recommendations context's public face. The model is trained from the orders and served from
 * memory; {@link #retrain} builds a new one beside the old and swaps it in with one reference
 * write, so a reader sees the old model or the new one, never a mix. Inactive and out-of-stock
 * products are filtered out at read time, against the current stock.
 */
public final class RecommendationsApi {
  /** Neighbours kept per product: enough to fill a page after filtering. */
  static final int NEIGHBOURS = 50;

  /** Item-to-item as served since the start. */
  public static final Training ITEM_TO_ITEM = Training.itemToItem(NEIGHBOURS);

  /**
   * EASE's settings, chosen on a validation split of the Online Retail training period
   * (docs/recommendations.md; {@code ./securecart bench recommender} prints that grid): lambda 1000
   * on binary rows (weighting wholesalers down did not help), and as many neighbours as
   * item-to-item, since keeping 20 to 500 changed validation NDCG@10 by at most 2%.
   */
  public static final Training EASE = Training.ease(1000f, NEIGHBOURS, false);

  /** The largest catalog EASE is trained for: 20,000 products is a 1.6 GB matrix. */
  static final int EASE_MAX_PRODUCTS = 20_000;

  /** Candidates fetched per product wanted, before the availability filter. */
  private static final int OVERFETCH = 3;

  private static final int HISTORY = 200;

  private final PurchaseHistory history;
  private final ModelStore store;
  private final Clock clock;
  private final AtomicReference<Version> current;
  private final BestSellers bestSellers;

  /**
   * A model with where it came from: {@code stored} is its version number in the store (0 for one
   * this instance trained for itself), {@code quality} its offline evaluation (null if none ran).
   */
  public record Version(
      ItemToItemModel model,
      Instant trainedAt,
      int purchases,
      int products,
      Duration took,
      long stored,
      OfflineEvaluation.Result quality) {}

  public RecommendationsApi(PurchaseHistory history, ModelStore store, Clock clock) {
    this.history = history;
    this.store = store;
    this.clock = clock;
    this.bestSellers = new BestSellers(history, clock);
    this.current =
        new AtomicReference<>(
            new Version(
                ItemToItemModel.train(Baskets.builder().build(), 1),
                Instant.EPOCH,
                0,
                0,
                Duration.ZERO,
                0,
                null));
  }

  /**
   * Trains a new model from every paid order and serves it from now on, in this instance only.
   * Item-to-item always: this runs on a serving instance before any stored version exists, where
   * counting costs seconds and EASE's matrix inverse could cost minutes and gigabytes.
   */
  public Version retrain() {
    long started = System.nanoTime();
    Baskets.Builder baskets = Baskets.builder();
    int[] lines = {0};
    history.forEachPurchase(
        (customer, product, at) -> {
          baskets.add(customer, product);
          lines[0]++;
        });
    Version version = trained(ITEM_TO_ITEM, baskets.build(), lines[0], started, 0, null);
    current.set(version);
    return version;
  }

  /**
   * The nightly stage, on the purchases placed before {@code through} (null: up to now), so that a
   * run for a past day learns what it would have learnt that day: evaluates both model families
   * trained on those before {@code evaluateFrom} against those after (hit rate and NDCG at 10,
   * against popularity), keeps the one with the higher NDCG@10, trains it on all of them, writes it
   * to the store as a new version with both families' figures, and serves it here; tells {@code
   * progress} as each step ends. Other instances pick it up with {@link #refreshFromStore}.
   */
  public Version trainAndPublish(Instant evaluateFrom, Instant through, Consumer<String> progress) {
    long started = System.nanoTime();
    Baskets.Builder builder = Baskets.builder();
    List<OfflineEvaluation.Purchase> purchases = new ArrayList<>();
    history.forEachPurchase(
        through,
        (customer, product, at) -> {
          builder.add(customer, product);
          purchases.add(
              new OfflineEvaluation.Purchase(customer, product, Instant.ofEpochSecond(at)));
        });
    Baskets baskets = builder.build();
    progress.accept(
        String.format(
            Locale.ROOT, "read %,d purchase lines (%s)", purchases.size(), since(started)));
    List<Training> candidates = candidates(baskets.productCount());
    List<OfflineEvaluation.Result> results =
        OfflineEvaluation.run(purchases, evaluateFrom, 10, candidates);
    int best = best(results);
    OfflineEvaluation.Result quality = results.get(best);
    for (int i = 0; i < results.size(); i++) {
      if (i != best) {
        quality = quality.beating(results.get(i));
      }
    }
    progress.accept(evaluated(results, best, evaluateFrom, started));
    int lines = purchases.size();
    purchases.clear();
    Version local = trained(candidates.get(best), baskets, lines, started, 0, quality);
    progress.accept(
        String.format(
            Locale.ROOT,
            "trained %s on %,d products (%s)",
            local.model().family().label(),
            local.products(),
            since(started)));
    long number =
        store.save(
            local.trainedAt(),
            through == null ? local.trainedAt() : through,
            local.purchases(),
            local.products(),
            quality,
            local.model().toBytes());
    Version version =
        new Version(
            local.model(),
            local.trainedAt(),
            local.purchases(),
            local.products(),
            Duration.ofNanos(System.nanoTime() - started),
            number,
            quality);
    current.set(version);
    return version;
  }

  /**
   * The families the nightly job weighs: item-to-item always; EASE up to {@link
   * #EASE_MAX_PRODUCTS}, beyond which its n² memory and n³ time (docs/recommendations.md) outgrow a
   * nightly run on one node.
   */
  static List<Training> candidates(int products) {
    return products <= EASE_MAX_PRODUCTS ? List.of(ITEM_TO_ITEM, EASE) : List.of(ITEM_TO_ITEM);
  }

  /** The index of the result with the highest NDCG@10; the first of equals (item-to-item). */
  static int best(List<OfflineEvaluation.Result> results) {
    int best = 0;
    for (int i = 1; i < results.size(); i++) {
      if (results.get(i).modelNdcg() > results.get(best).modelNdcg()) {
        best = i;
      }
    }
    return best;
  }

  private static String evaluated(
      List<OfflineEvaluation.Result> results, int best, Instant evaluateFrom, long started) {
    StringBuilder line =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "evaluated on %,d customers who bought again after %s:",
                results.get(best).customers(),
                evaluateFrom));
    for (int i = 0; i < results.size(); i++) {
      OfflineEvaluation.Result r = results.get(i);
      line.append(
          String.format(
              Locale.ROOT,
              " %s NDCG@10 %.4f hit rate@10 %.4f%s;",
              r.family().label(),
              r.modelNdcg(),
              r.modelHitRate(),
              i == best ? " (kept)" : ""));
    }
    return line.append(String.format(Locale.ROOT, " (%s)", since(started))).toString();
  }

  private static String since(long startedNanos) {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
  }

  /**
   * Serves the stored version to serve ({@link ModelStore#latestVersion}) if it is not the one
   * served; returns whether it swapped. False when nothing is stored, so the caller may train for
   * itself.
   */
  public boolean refreshFromStore() {
    java.util.OptionalLong latest = store.latestVersion();
    if (latest.isEmpty() || latest.getAsLong() == current.get().stored()) {
      return false;
    }
    ModelStore.Stored stored = store.load(latest.getAsLong()).orElse(null);
    if (stored == null) {
      return false;
    }
    current.set(
        new Version(
            ItemToItemModel.fromBytes(stored.payload()),
            stored.trainedAt(),
            stored.purchases(),
            stored.products(),
            Duration.ZERO,
            stored.version(),
            stored.quality()));
    return true;
  }

  /** Whether a stored version exists at all. */
  public boolean anyStored() {
    return store.latestVersion().isPresent();
  }

  private Version trained(
      Training training,
      Baskets baskets,
      int lines,
      long started,
      long stored,
      OfflineEvaluation.Result quality) {
    java.util.Map<Long, String> categories = history.categories();
    ItemToItemModel model = training.train(baskets, categories::get);
    return new Version(
        model,
        clock.instant(),
        lines,
        model.productCount(),
        Duration.ofNanos(System.nanoTime() - started),
        stored,
        quality);
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
    if (noModel()) {
      return popular(List.of(product.value()), limit);
    }
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
    return boughtWith(history.productsBoughtBy(customer.value(), HISTORY), limit);
  }

  /** "You may also like" for a cart: products bought with these, never one of them. */
  public List<ProductId> forBasket(List<ProductId> basket, int limit) {
    Check.range("limit", limit, 1, 50);
    return boughtWith(basket.stream().map(ProductId::value).toList(), limit);
  }

  /**
   * The best-sellers (by distinct buyers) that can be sold now: every answer before a model exists,
   * and what a storefront falls back on when the recommendations service does not answer.
   */
  public List<ProductId> bestSellers(int limit) {
    Check.range("limit", limit, 1, 50);
    return popular(List.of(), limit);
  }

  /** No model served yet: none trained here and none loaded from the store (or one of nothing). */
  private boolean noModel() {
    return current.get().products() == 0;
  }

  private List<ProductId> popular(List<Long> exclude, int limit) {
    Set<Long> skip = Set.copyOf(exclude);
    return available(
        bestSellers.ranked().stream()
            .filter(id -> !skip.contains(id))
            .limit((long) limit * OVERFETCH)
            .toList(),
        limit);
  }

  private List<ProductId> boughtWith(List<Long> products, int limit) {
    if (noModel()) {
      return popular(products, limit);
    }
    return available(
        current.get().model().forCustomer(products, limit * OVERFETCH, id -> true), limit);
  }

  private List<ProductId> available(List<Long> candidates, int limit) {
    if (candidates.isEmpty()) {
      return List.of();
    }
    Set<Long> sellable = history.available(candidates);
    return candidates.stream().filter(sellable::contains).limit(limit).map(ProductId::new).toList();
  }
}
