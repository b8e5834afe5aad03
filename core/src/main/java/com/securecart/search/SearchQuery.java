package com.securecart.search;

import com.securecart.shared.PageRequest;
import com.securecart.shared.ValidationException;

/**
 * A shopper's search. The text is plain words, never query syntax: the index escapes everything, so
 * a query with Lucene operators simply searches for those characters' words. Empty text lists
 * everything that matches the filters.
 */
public record SearchQuery(
    String text,
    String category,
    String brand,
    Long minPriceCents,
    Long maxPriceCents,
    boolean inStockOnly,
    SearchSort sort,
    PageRequest page) {
  public static final int MAX_TEXT = 200;

  public SearchQuery {
    // Trailing space is kept: it tells the index the last word is finished, not a prefix being
    // typed.
    text = text == null ? "" : text.stripLeading();
    if (text.length() > MAX_TEXT) {
      throw new ValidationException("q", "must be at most " + MAX_TEXT + " characters");
    }
    category = blankToNull(category);
    brand = blankToNull(brand);
    if (category != null && category.length() > 100 || brand != null && brand.length() > 100) {
      throw new ValidationException("category", "filters are at most 100 characters");
    }
    if (minPriceCents != null && minPriceCents < 0 || maxPriceCents != null && maxPriceCents < 0) {
      throw new ValidationException("minPrice", "prices must not be negative");
    }
    if (minPriceCents != null && maxPriceCents != null && minPriceCents > maxPriceCents) {
      throw new ValidationException("minPrice", "must not exceed maxPrice");
    }
    sort = sort == null ? SearchSort.RELEVANCE : sort;
    page = page == null ? new PageRequest(0, 20) : page;
    if (page.offset() + page.size() > 10_000) {
      throw new ValidationException("page", "results are available up to the 10,000th hit");
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
