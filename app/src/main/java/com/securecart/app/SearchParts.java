package com.securecart.app;

import com.securecart.search.SearchApi;
import com.securecart.search.SearchIndex;
import com.securecart.search.SearchIndexer;
import java.time.Clock;

/**
 * The search role's parts over an index the entry point opens (Lucene on the server): the facade
 * that answers queries and the indexer that feeds the index from the catalog and the change log.
 */
public record SearchParts(SearchApi api, SearchIndexer indexer) {
  public static SearchParts wire(SearchIndex index, Contexts contexts, Clock clock) {
    return new SearchParts(
        new SearchApi(index),
        new SearchIndexer(
            index, contexts.catalog(), contexts.inventory(), contexts.changes(), clock));
  }
}
