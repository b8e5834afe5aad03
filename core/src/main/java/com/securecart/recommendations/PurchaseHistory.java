package com.securecart.recommendations;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Port to the orders the recommender learns from and to what may be recommended. */
public interface PurchaseHistory {
  /** Receives one purchase line: a customer bought a product at an instant (epoch seconds). */
  @FunctionalInterface
  interface Sink {
    void accept(long customer, long product, long epochSecond);
  }

  /**
   * Every line of every order a customer paid for (confirmed or later; guests' orders have no
   * customer to learn about) placed before {@code before} (null: up to now), in no particular
   * order.
   */
  void forEachPurchase(Instant before, Sink sink);

  /** Every purchase line up to now. */
  default void forEachPurchase(Sink sink) {
    forEachPurchase(null, sink);
  }

  /**
   * The products the most customers paid for (distinct buyers, not lines), most first, at most
   * {@code limit}: what is recommended before any model exists. This default counts every purchase
   * in memory; an adapter answers it with one query.
   */
  default List<Long> mostBought(int limit) {
    java.util.Map<Long, Set<Long>> buyers = new java.util.HashMap<>();
    forEachPurchase(
        (customer, product, at) ->
            buyers.computeIfAbsent(product, p -> new java.util.HashSet<>()).add(customer));
    return buyers.entrySet().stream()
        .sorted(
            java.util.Map.Entry.<Long, Set<Long>>comparingByValue(
                    java.util.Comparator.comparingInt(Set::size))
                .reversed()
                .thenComparing(java.util.Map.Entry.comparingByKey()))
        .limit(limit)
        .map(java.util.Map.Entry::getKey)
        .toList();
  }

  /** Every product's category, for the popularity-by-category fallback. */
  java.util.Map<Long, String> categories();

  /** The products {@code customer} paid for, most recent first, at most {@code limit}. */
  List<Long> productsBoughtBy(long customer, int limit);

  /** Those of {@code products} that are active and in stock: the only ones ever recommended. */
  Set<Long> available(Collection<Long> products);
}
