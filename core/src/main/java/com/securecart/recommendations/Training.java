package com.securecart.recommendations;

import java.util.List;
import java.util.function.LongFunction;

/**
 * How to train a model: its family and settings. {@code keep} is the neighbours kept per product;
 * {@code lambda} (EASE's ridge) and {@code weighted} (EASE weighs wholesalers down) mean nothing to
 * item-to-item.
 */
public record Training(ModelFamily family, int keep, float lambda, boolean weighted) {
  public Training {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1");
    }
    if (family == ModelFamily.EASE && !(lambda > 0)) {
      throw new IllegalArgumentException("EASE needs a positive lambda");
    }
  }

  public static Training itemToItem(int keep) {
    return new Training(ModelFamily.ITEM_TO_ITEM, keep, 0, false);
  }

  public static Training ease(float lambda, int keep, boolean weighted) {
    return new Training(ModelFamily.EASE, keep, lambda, weighted);
  }

  /**
   * Trains on {@code purchases} and returns the model's product count; for measuring what training
   * costs, the model itself is dropped.
   */
  public int trainOn(List<OfflineEvaluation.Purchase> purchases) {
    Baskets.Builder baskets = Baskets.builder();
    for (OfflineEvaluation.Purchase p : purchases) {
      baskets.add(p.customer(), p.product());
    }
    return train(baskets.build(), product -> null).productCount();
  }

  /** The threads the linear algebra library (OpenBLAS) uses for EASE. */
  public static int solverThreads() {
    return Lapack.threads();
  }

  ItemToItemModel train(Baskets baskets, LongFunction<String> categoryOf) {
    return switch (family) {
      case ITEM_TO_ITEM -> ItemToItemModel.train(baskets, keep, categoryOf);
      case EASE -> EaseTrainer.train(baskets, lambda, keep, weighted, categoryOf);
    };
  }

  @Override
  public String toString() {
    return family == ModelFamily.EASE
        ? String.format(
            java.util.Locale.ROOT,
            "ease(lambda %s, %d neighbours%s)",
            lambda,
            keep,
            weighted ? ", weighted" : "")
        : "item-to-item(" + keep + " neighbours)";
  }
}
