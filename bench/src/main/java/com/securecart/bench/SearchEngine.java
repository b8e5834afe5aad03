package com.securecart.bench;

import com.securecart.bench.SearchMix.SearchCase;

/**
 * Something that answers the query mix: SecureCart over HTTP, or PostgreSQL over JDBC. Each
 * benchmark client opens its own session and uses it from one thread only.
 */
interface SearchEngine extends AutoCloseable {
  /**
   * What one search returned: the number of matching products, the hits on the page, how many of
   * the three facets (categories, brands, price ranges) came back non-empty (-1 if not counted) and
   * the engine's own time (NaN if it does not say).
   */
  record Answer(long total, int hits, int facets, double engineMillis) {}

  /** A client's connection to the engine. */
  interface Session extends AutoCloseable {
    /** Runs one search; any failure (a non-200 answer, a timeout, an SQL error) throws. */
    Answer search(SearchCase search) throws Exception;

    @Override
    void close();
  }

  String name();

  Session open() throws Exception;

  @Override
  default void close() {}
}
