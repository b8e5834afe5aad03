package com.securecart.analytics;

/** One line of a day's top list: a category, brand or product, with what it sold. */
public record Breakdown(Dimension dimension, String key, long units, long revenueCents) {
  /** What a top list is by. */
  public enum Dimension {
    CATEGORY,
    BRAND,
    PRODUCT
  }
}
