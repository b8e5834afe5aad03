package com.securecart.search;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/**
 * Port to the search index of this instance. Thread-safe; writes become visible within a refresh
 * interval.
 */
public interface SearchIndex extends AutoCloseable {

  SearchResult search(SearchQuery query);

  /** Product names completing what a shopper has typed so far. */
  List<String> suggest(String prefix, int limit);

  /** Adds or replaces products (only active products are indexed). */
  void upsert(Collection<IndexedProduct> products);

  void delete(Collection<Long> productIds);

  /** Removes everything, before a rebuild. */
  void clear();

  /** Makes pending writes durable, recording how far the change log was applied. */
  void commit(long changeLogCursor);

  /** The change-log position the index on disk reflects; empty for a new index. */
  OptionalLong committedCursor();

  long size();

  @Override
  void close();
}
