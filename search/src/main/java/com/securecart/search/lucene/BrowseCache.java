package com.securecart.search.lucene;

import com.securecart.search.SearchQuery;
import com.securecart.search.SearchResult;
import com.securecart.search.SearchSort;
import com.securecart.shared.PageRequest;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.lucene.index.IndexReader;

/**
 * Results of searches without words (category pages, price ranges, the home page), kept for as long
 * as the index reader that produced them is the current one. Such a search visits every product
 * that passes its filters to count facets, which at a million products costs tens of milliseconds,
 * and during a sale thousands of shoppers open the same few pages. A cached result is exactly what
 * the same reader would compute again, so it is never stale: the first search on a refreshed reader
 * (every 100 ms while the catalog or stock changes) starts a new generation. Searches with words
 * are not cached: their long tail of spellings would only churn the cache.
 */
final class BrowseCache {
  /** The parts of a query a search without words depends on (its text analyzed to nothing). */
  record Key(
      String category,
      String brand,
      Long minPriceCents,
      Long maxPriceCents,
      boolean inStockOnly,
      SearchSort sort,
      PageRequest page) {
    static Key of(SearchQuery query) {
      return new Key(
          query.category(),
          query.brand(),
          query.minPriceCents(),
          query.maxPriceCents(),
          query.inStockOnly(),
          query.sort(),
          query.page());
    }
  }

  private record Generation(Object readerKey, ConcurrentHashMap<Key, SearchResult> results) {}

  private final int maxEntries;
  private final AtomicReference<Generation> current =
      new AtomicReference<>(new Generation(new Object(), new ConcurrentHashMap<>()));
  private final LongAdder hits = new LongAdder();

  BrowseCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  SearchResult get(IndexReader reader, Key key, Supplier<SearchResult> compute) {
    Object readerKey = reader.getReaderCacheHelper().getKey();
    Generation generation = current.get();
    if (generation.readerKey() != readerKey) {
      Generation fresh = new Generation(readerKey, new ConcurrentHashMap<>());
      generation = current.compareAndExchange(generation, fresh) == generation ? fresh : null;
      if (generation == null || generation.readerKey() != readerKey) {
        // Another reader's generation won the race (a search on an older or newer reader):
        // answer from this reader without caching.
        return compute.get();
      }
    }
    SearchResult cached = generation.results().get(key);
    if (cached != null) {
      hits.increment();
      return cached;
    }
    SearchResult result = compute.get();
    // Full means an unusual spread of filters; the next reader starts empty again.
    if (generation.results().size() < maxEntries) {
      generation.results().putIfAbsent(key, result);
    }
    return result;
  }

  long hits() {
    return hits.sum();
  }
}
