package com.securecart.search.lucene;

import com.securecart.search.IndexedProduct;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchSort;
import com.securecart.shared.PageRequest;
import java.time.Instant;

/** Test data: products and queries with sensible defaults. */
final class Products {
  static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

  private Products() {}

  static IndexedProduct product(
      long id, String name, String brand, String category, long priceCents, String description) {
    return new IndexedProduct(
        id,
        "SKU-" + id,
        name,
        description,
        brand,
        category,
        priceCents,
        "EUR",
        10,
        EPOCH.plusSeconds(id));
  }

  static SearchQuery text(String text) {
    return new SearchQuery(text, null, null, null, null, false, SearchSort.RELEVANCE, null);
  }

  static SearchQuery text(String text, SearchSort sort, int page, int size) {
    return new SearchQuery(text, null, null, null, null, false, sort, new PageRequest(page, size));
  }
}
