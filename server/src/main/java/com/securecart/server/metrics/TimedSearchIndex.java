package com.securecart.server.metrics;

import com.securecart.search.IndexedProduct;
import com.securecart.search.SearchIndex;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

/** The search index with its reads timed, apart from HTTP (what the index itself costs). */
final class TimedSearchIndex implements SearchIndex {
  private final SearchIndex index;
  private final Timer searches;
  private final Timer suggestions;

  TimedSearchIndex(SearchIndex index, MeterRegistry registry) {
    this.index = index;
    this.searches = timer(registry, "search");
    this.suggestions = timer(registry, "suggest");
  }

  private static Timer timer(MeterRegistry registry, String operation) {
    return Timer.builder("securecart.search.latency")
        .description("time the search index took to answer, by operation")
        .tag("operation", operation)
        .serviceLevelObjectives(Metrics.LATENCY_BUCKETS)
        .register(registry);
  }

  @Override
  public SearchResult search(SearchQuery query) {
    return searches.record(() -> index.search(query));
  }

  @Override
  public List<String> suggest(String prefix, int limit) {
    return suggestions.record(() -> index.suggest(prefix, limit));
  }

  @Override
  public void upsert(Collection<IndexedProduct> products) {
    index.upsert(products);
  }

  @Override
  public void delete(Collection<Long> productIds) {
    index.delete(productIds);
  }

  @Override
  public void clear() {
    index.clear();
  }

  @Override
  public void commit(long changeLogCursor) {
    index.commit(changeLogCursor);
  }

  @Override
  public OptionalLong committedCursor() {
    return index.committedCursor();
  }

  @Override
  public long size() {
    return index.size();
  }

  @Override
  public void close() {
    index.close();
  }
}
