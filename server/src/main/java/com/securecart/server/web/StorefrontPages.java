package com.securecart.server.web;

import com.securecart.catalog.CatalogApi;
import com.securecart.catalog.Product;
import com.securecart.catalog.ProductFilter;
import com.securecart.inventory.InventoryApi;
import com.securecart.search.FacetCount;
import com.securecart.search.PriceBucket;
import com.securecart.search.SearchApi;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchResult;
import com.securecart.search.SearchSort;
import com.securecart.server.http.Http;
import com.securecart.server.http.RouteTable;
import com.securecart.shared.DomainException;
import com.securecart.shared.Page;
import com.securecart.shared.PageRequest;
import com.securecart.shared.ProblemType;
import com.securecart.shared.ProductId;
import com.securecart.shared.ValidationException;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/** The shop window: home, search with suggestions and facets, and product pages with live stock. */
public final class StorefrontPages implements RouteTable.Api {
  static final int PAGE_SIZE = 24;
  private static final Duration HOME_TTL = Duration.ofSeconds(5);

  private final Pages pages;
  private final CatalogApi catalog;
  private final InventoryApi inventory;
  private final SearchApi search;
  private final LiveStock live;
  private final EventStreams streams;
  private volatile CachedHome home;

  private record CachedHome(WebViews.Home home, long madeAt) {}

  /**
   * @param search this instance's search, or null when it does not run the search role
   */
  private final RecommendedCards recommended;

  public StorefrontPages(
      Pages pages,
      CatalogApi catalog,
      InventoryApi inventory,
      SearchApi search,
      LiveStock live,
      EventStreams streams,
      RecommendedCards recommended) {
    this.pages = pages;
    this.recommended = recommended;
    this.catalog = catalog;
    this.inventory = inventory;
    this.search = search;
    this.live = live;
    this.streams = streams;
  }

  @Override
  public void routes(RouteTable.Routes rules) {
    rules
        .get("/", pages.get(this::home))
        .get("/search", pages.get(this::search))
        .get("/search/suggest", pages.get(this::suggest))
        .get("/products/{id}", pages.get(this::product))
        .get("/products/{id}/stock/events", pages.get(this::stockEvents));
  }

  private void home(WebRequest w, ServerResponse res) {
    pages.render(w, res, "web/home.jte", Map.of("ctx", w.page("Shop"), "home", home()));
  }

  /**
   * Categories and the newest products, the same for every visitor: made at most every few seconds,
   * so that the busiest page costs no database or index work on most requests.
   */
  private WebViews.Home home() {
    CachedHome cached = home;
    long now = System.nanoTime();
    if (cached != null && now - cached.madeAt() < HOME_TTL.toNanos()) {
      return cached.home();
    }
    WebViews.Home made;
    if (search != null) {
      SearchResult r =
          search
              .search(
                  new SearchQuery(
                      "", null, null, null, null, false, SearchSort.NEWEST, new PageRequest(0, 8)))
              .result();
      made =
          new WebViews.Home(
              r.categories().stream()
                  .map(c -> new WebViews.Link(c.value(), categoryUrl(c.value()), c.count(), false))
                  .sorted(java.util.Comparator.comparing(WebViews.Link::label))
                  .toList(),
              r.hits().stream().map(WebViews.ProductCard::of).toList());
    } else {
      Page<Product> newest =
          catalog.list(new ProductFilter(null, null, null, null, new PageRequest(0, 8)));
      Map<String, Integer> available =
          inventory.available(newest.items().stream().map(Product::sku).toList());
      made =
          new WebViews.Home(
              catalog.categories().stream()
                  .map(
                      c ->
                          new WebViews.Link(
                              c.name(), categoryUrl(c.name()), c.productCount(), false))
                  .toList(),
              newest.items().stream()
                  .map(p -> WebViews.ProductCard.of(p, available.getOrDefault(p.sku(), 0)))
                  .toList());
    }
    home = new CachedHome(made, now);
    return made;
  }

  private static String categoryUrl(String category) {
    return Format.url("/search", Map.of("category", category));
  }

  /** A search as submitted: the text as typed (stripped) and the query it makes. */
  private record SearchForm(String text, SearchQuery query) {}

  private void search(WebRequest w, ServerResponse res) {
    if (search == null) {
      throw new DomainException(
          DomainException.Kind.NOT_FOUND,
          ProblemType.NOT_FOUND,
          "Search unavailable",
          "Search is not served by this instance.");
    }
    SearchForm form = searchForm(w);
    SearchApi.Timed timed = searchWordsThenPrefix(form);
    WebViews.SearchPage view = searchPage(form, timed);
    String title = form.text().isEmpty() ? "Search" : "Search: " + form.text();
    pages.render(
        w,
        res,
        "web/search.jte",
        Map.of("ctx", w.page(title).withQuery(form.text()), "view", view));
  }

  private static SearchForm searchForm(WebRequest w) {
    String q = w.query("q").orElse("");
    String category = w.query("category").orElse(null);
    String brand = w.query("brand").orElse(null);
    Long min = Format.cents(w.query("minPrice").orElse(null));
    Long max = Format.cents(w.query("maxPrice").orElse(null));
    if (min != null && max != null && min > max) {
      Long swap = min;
      min = max;
      max = swap;
    }
    boolean inStock = w.query("inStock").map(v -> v.equals("true") || v.equals("on")).orElse(false);
    SearchSort sort = sort(w.query("sort").orElse(""));
    int page = Math.min(w.pageNumber(), 10_000 / PAGE_SIZE - 1);
    // A submitted search is made of finished words (a trailing space tells the index so), each of
    // which may be misspelled. Only if that finds nothing is the last word tried as a prefix, as
    // the search box's suggestions do ("head" for "headphones").
    String words = q.isBlank() ? "" : q.strip() + " ";
    SearchQuery query =
        new SearchQuery(
            words, category, brand, min, max, inStock, sort, new PageRequest(page, PAGE_SIZE));
    return new SearchForm(q.strip(), query);
  }

  private SearchApi.Timed searchWordsThenPrefix(SearchForm form) {
    SearchQuery query = form.query();
    SearchApi.Timed timed = search.search(query);
    if (timed.result().total() == 0 && !query.text().isEmpty()) {
      SearchApi.Timed typed =
          search.search(
              new SearchQuery(
                  form.text(),
                  query.category(),
                  query.brand(),
                  query.minPriceCents(),
                  query.maxPriceCents(),
                  query.inStockOnly(),
                  query.sort(),
                  query.page()));
      if (typed.result().total() > 0) {
        timed = typed;
      }
    }
    return timed;
  }

  private static WebViews.SearchPage searchPage(SearchForm form, SearchApi.Timed timed) {
    SearchQuery query = form.query();
    Long min = query.minPriceCents();
    Long max = query.maxPriceCents();
    int page = query.page().page();
    SearchResult r = timed.result();
    Map<String, String> params = searchParams(form);
    long pageCount =
        Math.max(1, Math.min((r.total() + PAGE_SIZE - 1) / PAGE_SIZE, 10_000 / PAGE_SIZE));
    return new WebViews.SearchPage(
        form.text(),
        r.total(),
        r.hits().stream().map(WebViews.ProductCard::of).toList(),
        facet(params, "category", query.category(), r.categories()),
        facet(params, "brand", query.brand(), r.brands()),
        prices(params, min, max, r.prices()),
        activeFilters(params, query),
        r.suggestion(),
        r.suggestion() == null ? null : Format.url("/search", Map.of("q", r.suggestion())),
        sorts(query.sort()),
        Objects.toString(query.category(), ""),
        Objects.toString(query.brand(), ""),
        Format.plain(min),
        Format.plain(max),
        query.inStockOnly(),
        page > 0
            ? Format.url("/search", WebViews.with(params, "page", String.valueOf(page - 1)))
            : null,
        page + 1 < pageCount
            ? Format.url("/search", WebViews.with(params, "page", String.valueOf(page + 1)))
            : null,
        page,
        pageCount,
        String.format(Locale.ROOT, "%.1f", timed.tookMs()));
  }

  /** The search's own query string, which every link on its page starts from. */
  private static Map<String, String> searchParams(SearchForm form) {
    SearchQuery query = form.query();
    SearchSort sort = query.sort();
    Map<String, String> params = new LinkedHashMap<>();
    params.put("q", form.text());
    params.put("category", query.category());
    params.put("brand", query.brand());
    params.put("minPrice", Format.plain(query.minPriceCents()));
    params.put("maxPrice", Format.plain(query.maxPriceCents()));
    params.put("inStock", query.inStockOnly() ? "true" : null);
    params.put("sort", sort == SearchSort.RELEVANCE ? null : sort.name().toLowerCase(Locale.ROOT));
    return params;
  }

  private static List<WebViews.Link> activeFilters(Map<String, String> params, SearchQuery query) {
    Long min = query.minPriceCents();
    Long max = query.maxPriceCents();
    List<WebViews.Link> active = new ArrayList<>();
    if (query.category() != null) {
      active.add(removing(params, "Category: " + query.category(), "category"));
    }
    if (query.brand() != null) {
      active.add(removing(params, "Brand: " + query.brand(), "brand"));
    }
    if (min != null || max != null) {
      active.add(removing(params, "Price: " + priceLabel(min, max), "minPrice", "maxPrice"));
    }
    if (query.inStockOnly()) {
      active.add(removing(params, "In stock only", "inStock"));
    }
    return active;
  }

  private static WebViews.Link removing(Map<String, String> params, String label, String... keys) {
    Map<String, String> without = new LinkedHashMap<>(params);
    for (String key : keys) {
      without.remove(key);
    }
    return new WebViews.Link(label, Format.url("/search", without), 0, true);
  }

  private static List<WebViews.Link> facet(
      Map<String, String> params, String key, String selected, List<FacetCount> counts) {
    return counts.stream()
        .map(
            c -> {
              boolean on = c.value().equals(selected);
              Map<String, String> next = new LinkedHashMap<>(params);
              next.put(key, on ? null : c.value());
              return new WebViews.Link(c.value(), Format.url("/search", next), c.count(), on);
            })
        .toList();
  }

  private static List<WebViews.Link> prices(
      Map<String, String> params, Long min, Long max, List<PriceBucket> buckets) {
    return buckets.stream()
        .filter(b -> b.count() > 0)
        .map(
            b -> {
              Long to = b.toCents() == null ? null : b.toCents() - 1;
              boolean on = Objects.equals(min, b.fromCents()) && Objects.equals(max, to);
              Map<String, String> next = new LinkedHashMap<>(params);
              next.put("minPrice", on ? null : Format.plain(b.fromCents()));
              next.put("maxPrice", on ? null : Format.plain(to));
              return new WebViews.Link(b.label(), Format.url("/search", next), b.count(), on);
            })
        .toList();
  }

  private static String priceLabel(Long min, Long max) {
    if (min != null && max != null) {
      return Format.plain(min) + " to " + Format.plain(max);
    }
    return min != null ? "from " + Format.plain(min) : "up to " + Format.plain(max);
  }

  private static List<WebViews.Option> sorts(SearchSort selected) {
    return List.of(
        new WebViews.Option("relevance", "Best match", selected == SearchSort.RELEVANCE),
        new WebViews.Option("price_asc", "Price: low to high", selected == SearchSort.PRICE_ASC),
        new WebViews.Option("price_desc", "Price: high to low", selected == SearchSort.PRICE_DESC),
        new WebViews.Option("newest", "Newest", selected == SearchSort.NEWEST));
  }

  /** A sort a person picked; anything unknown (an edited URL) is the default, not an error. */
  private static SearchSort sort(String value) {
    try {
      return SearchSort.parse(value);
    } catch (ValidationException e) {
      return SearchSort.RELEVANCE;
    }
  }

  private void suggest(WebRequest w, ServerResponse res) {
    List<String> names = search == null ? List.of() : search.suggest(w.query("q").orElse(""));
    List<WebViews.Link> links =
        names.stream()
            .map(n -> new WebViews.Link(n, Format.url("/search", Map.of("q", n)), 0, false))
            .toList();
    pages.render(w, res, "web/suggestions.jte", Map.of("suggestions", links));
  }

  private void product(WebRequest w, ServerResponse res) {
    Product p = catalog.getActive(new ProductId(Http.pathId(w.req(), "id", "Product")));
    int available = inventory.level(p.sku()).available();
    pages.render(
        w,
        res,
        "web/product.jte",
        Map.of(
            "ctx",
            w.page(p.name()),
            "product",
            WebViews.ProductPage.of(p, available, w.query("added").orElse(null)),
            "alsoBought",
            recommended.similarTo(p, 4)));
  }

  private void stockEvents(WebRequest w, ServerResponse res) {
    Product p = catalog.getActive(new ProductId(Http.pathId(w.req(), "id", "Product")));
    try (LiveStock.Subscription subscription = live.subscribe(p.sku())) {
      // Read after subscribing, so that a change in between is not missed.
      int now = inventory.level(p.sku()).available();
      streams.stream(
          w.req(),
          res,
          stockEvent(now),
          max -> {
            OptionalInt next = subscription.await(max);
            return next.isPresent() ? stockEvent(next.getAsInt()) : null;
          });
    }
  }

  private EventStreams.Event stockEvent(int available) {
    return new EventStreams.Event(
        "stock",
        pages.renderToString("web/stock.jte", Map.of("stock", WebViews.Stock.of(available))),
        false);
  }
}
