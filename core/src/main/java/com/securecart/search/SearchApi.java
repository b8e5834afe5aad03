package com.securecart.search;

import java.util.List;

/** The search context's public face. */
public final class SearchApi {
  /** A result and how long the index took to produce it. */
  public record Timed(SearchResult result, double tookMs) {}

  private static final int MAX_SUGGEST_PREFIX = 100;

  private final SearchIndex index;

  public SearchApi(SearchIndex index) {
    this.index = index;
  }

  public Timed search(SearchQuery query) {
    long started = System.nanoTime();
    SearchResult result = index.search(query);
    return new Timed(result, (System.nanoTime() - started) / 1_000_000.0);
  }

  /** Names completing what was typed; nothing for blank or overlong input. */
  public List<String> suggest(String prefix) {
    if (prefix == null || prefix.isBlank() || prefix.length() > MAX_SUGGEST_PREFIX) {
      return List.of();
    }
    return index.suggest(prefix.strip(), 10);
  }
}
