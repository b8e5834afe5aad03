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

  /** Every product's category, for the popularity-by-category fallback. */
  java.util.Map<Long, String> categories();

  /** The products {@code customer} paid for, most recent first, at most {@code limit}. */
  List<Long> productsBoughtBy(long customer, int limit);

  /** Those of {@code products} that are active and in stock: the only ones ever recommended. */
  Set<Long> available(Collection<Long> products);
}
