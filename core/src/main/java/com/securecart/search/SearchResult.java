package com.securecart.search;

import java.util.List;

/**
 * One page of hits, the total, facet counts that respect the other filters (a facet does not filter
 * itself away), and a "did you mean" suggestion when the text found nothing.
 */
public record SearchResult(
    long total,
    List<SearchHit> hits,
    List<FacetCount> categories,
    List<FacetCount> brands,
    List<PriceBucket> prices,
    String suggestion) {
  public SearchResult {
    hits = List.copyOf(hits);
    categories = List.copyOf(categories);
    brands = List.copyOf(brands);
    prices = List.copyOf(prices);
  }
}
