package com.securecart.recommendations;

import java.util.Locale;

/**
 * How a model's neighbour weights were learnt. Both families serve through the same structure (per
 * product, its best neighbours and their weights), so serving does not care which one won.
 */
public enum ModelFamily {
  /** Cosine similarity of buyer vectors ({@link ItemToItemModel#train}). */
  ITEM_TO_ITEM("item-to-item"),
  /** Steck's EASE: a closed-form linear item-item model ({@link EaseTrainer}). */
  EASE("ease");

  private final String label;

  ModelFamily(String label) {
    this.label = label;
  }

  /** The name stored and shown: {@code item-to-item} or {@code ease}. */
  public String label() {
    return label;
  }

  /** The family of a stored or shown {@code label}. */
  public static ModelFamily of(String label) {
    for (ModelFamily f : values()) {
      if (f.label.equals(label.toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown model family: " + label);
  }
}
