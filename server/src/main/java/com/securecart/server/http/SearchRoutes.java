package com.securecart.server.http;

import com.securecart.search.FacetCount;
import com.securecart.search.PriceBucket;
import com.securecart.search.SearchApi;
import com.securecart.search.SearchHit;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchSort;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Product search and autocomplete, served from this instance's index. */
public final class SearchRoutes implements RouteTable.Api {
  record Facets(List<FacetCount> category, List<FacetCount> brand, List<PriceBucket> price) {}

  record SearchJson(
      long total, List<SearchHit> hits, Facets facets, String suggestion, double tookMs) {}

  private final Http http;
  private final SearchApi search;

  public SearchRoutes(Http http, SearchApi search) {
    this.http = http;
    this.search = search;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules.get("/api/search", this::search).get("/api/search/suggest", this::suggest);
  }

  private void search(ServerRequest req, ServerResponse res) {
    SearchQuery query =
        new SearchQuery(
            Http.query(req, "q").orElse(""),
            Http.query(req, "category").orElse(null),
            Http.query(req, "brand").orElse(null),
            Http.queryLong(req, "minPrice"),
            Http.queryLong(req, "maxPrice"),
            bool(Http.query(req, "inStock").orElse("false")),
            SearchSort.parse(Http.query(req, "sort").orElse(null)),
            new PageRequest(Http.queryInt(req, "page", 0), Http.queryInt(req, "size", 20)));
    SearchApi.Timed timed = search.search(query);
    var r = timed.result();
    http.ok(
        res,
        new SearchJson(
            r.total(),
            r.hits(),
            new Facets(r.categories(), r.brands(), r.prices()),
            r.suggestion(),
            Math.round(timed.tookMs() * 100) / 100.0));
  }

  private void suggest(ServerRequest req, ServerResponse res) {
    http.ok(res, Map.of("suggestions", search.suggest(Http.query(req, "q").orElse(""))));
  }

  private static boolean bool(String value) {
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no", "" -> false;
      default -> throw new ValidationException("inStock", "must be true or false");
    };
  }
}
