package com.securecart.search;

import java.util.List;
import java.util.Map;

/**
 * One product found, with the fragments of its fields that matched (HTML-escaped, matches in {@code
 * <em>}).
 */
public record SearchHit(
    long id,
    String name,
    String brand,
    String category,
    long priceCents,
    String currency,
    int available,
    Map<String, List<String>> highlights) {
  public SearchHit {
    highlights = Map.copyOf(highlights);
  }
}
