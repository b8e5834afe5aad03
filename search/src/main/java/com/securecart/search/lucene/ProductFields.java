package com.securecart.search.lucene;

/** Names of the index fields; one place, because documents, queries and collectors must agree. */
final class ProductFields {
  /** Exact product id term, the key of {@code updateDocument}; stored as a long too. */
  static final String ID = "id";

  /** Product id as doc values: the tie-break of every sort, so that paging is stable. */
  static final String ID_SORT = "id_sort";

  // Analyzed text (stemmed). Name and description are stored for hits and highlights.
  static final String NAME = "name";
  static final String BRAND_TEXT = "brand_text";
  static final String CATEGORY_TEXT = "category_text";
  static final String DESCRIPTION = "description";

  /**
   * All the text of the four fields above, stemmed: typo tolerance expands a word once, here,
   * instead of once per field.
   */
  static final String ALL = "all";

  // Exact keywords: a term for filters, sorted doc values for facet counts, stored for hits.
  static final String BRAND = "brand";
  static final String CATEGORY = "category";

  /** Points for the range filter, numeric doc values for facets and sorts, stored for hits. */
  static final String PRICE = "price";

  static final String CURRENCY = "currency";

  /** Points for the in-stock filter, stored for hits. */
  static final String AVAILABLE = "available";

  /** Epoch millis as doc values, for the NEWEST sort. */
  static final String UPDATED = "updated";

  /**
   * Every word of the searchable text, lower-cased and folded but not stemmed: the vocabulary "did
   * you mean" draws real words from.
   */
  static final String SPELL = "spell";

  private ProductFields() {}
}
