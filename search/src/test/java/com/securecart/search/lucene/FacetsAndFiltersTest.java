package com.securecart.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.search.FacetCount;
import com.securecart.search.IndexedProduct;
import com.securecart.search.PriceBucket;
import com.securecart.search.SearchHit;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchResult;
import com.securecart.search.SearchSort;
import com.securecart.shared.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Totals and facet counts against a brute-force count over the same products, for many random
 * combinations of text and filters. A facet is counted with every filter but its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FacetsAndFiltersTest {
  private static final long[] BUCKET_BOUNDS = {2_500, 5_000, 10_000, 25_000, 50_000, 100_000};
  private static final String[] BUCKET_LABELS = {
    "0-25", "25-50", "50-100", "100-250", "250-500", "500-1000", "1000+"
  };

  private final List<IndexedProduct> products = RandomCatalog.generate(42, 500);
  private LuceneSearchIndex index;

  @BeforeAll
  void indexCatalog() {
    index = LuceneSearchIndex.inMemory();
    // In several batches, so that the index has several segments.
    for (int from = 0; from < products.size(); from += 120) {
      index.upsert(products.subList(from, Math.min(products.size(), from + 120)));
      index.refreshNow();
    }
  }

  @AfterAll
  void close() {
    index.close();
  }

  @Test
  void theCatalogWordsAreFarApartSoThatBruteForceIsExact() {
    Set<String> tokens =
        products.stream()
            .flatMap(p -> RandomCatalog.words(p).stream())
            .flatMap(
                t ->
                    t.endsWith("s")
                        ? List.of(t, t.substring(0, t.length() - 1)).stream()
                        : List.of(t).stream())
            .collect(Collectors.toSet());
    for (String word : RandomCatalog.WORDS) {
      for (String token : tokens) {
        if (!token.equals(word)) {
          assertThat(RandomCatalog.distance(word, token))
              .as("%s ~ %s", word, token)
              .isGreaterThan(2);
          assertThat(token).as("prefix").doesNotStartWith(word);
        }
      }
    }
  }

  @Test
  void totalsAndFacetsEqualBruteForceCounts() {
    Random random = new Random(7);
    int found = 0;
    for (int i = 0; i < 400; i++) {
      SearchQuery query = randomQuery(random);
      SearchResult result = index.search(query);
      String about = query.toString();

      Predicate<IndexedProduct> text = matchesText(query.text());
      Predicate<IndexedProduct> stock = p -> !query.inStockOnly() || p.available() > 0;
      Predicate<IndexedProduct> category =
          p -> query.category() == null || query.category().equals(p.category());
      Predicate<IndexedProduct> brand =
          p -> query.brand() == null || query.brand().equals(p.brand());
      Predicate<IndexedProduct> price =
          p ->
              (query.minPriceCents() == null || p.priceCents() >= query.minPriceCents())
                  && (query.maxPriceCents() == null || p.priceCents() <= query.maxPriceCents());
      Predicate<IndexedProduct> base = text.and(stock);

      List<IndexedProduct> expectedHits = filter(base.and(category).and(brand).and(price));
      assertThat(result.total()).as(about).isEqualTo(expectedHits.size());
      found += expectedHits.isEmpty() ? 0 : 1;
      assertThat(result.hits())
          .as(about)
          .hasSize(Math.min(expectedHits.size(), query.page().size()));
      Set<Long> expectedIds =
          expectedHits.stream().map(IndexedProduct::id).collect(Collectors.toSet());
      assertThat(result.hits()).extracting(SearchHit::id).as(about).allMatch(expectedIds::contains);

      assertThat(result.categories())
          .as("categories of %s", about)
          .isEqualTo(
              top10(
                  filter(base.and(brand).and(price)), IndexedProduct::category, query.category()));
      assertThat(result.brands())
          .as("brands of %s", about)
          .isEqualTo(
              top10(filter(base.and(category).and(price)), IndexedProduct::brand, query.brand()));
      assertThat(result.prices())
          .as("prices of %s", about)
          .isEqualTo(buckets(filter(base.and(category).and(brand))));
    }
    // Not vacuous: most combinations find something.
    assertThat(found).isGreaterThan(200);
  }

  @Test
  void aSelectedFacetValueKeepsItsSiblingsCounted() {
    SearchResult all = index.search(query("", null, null));
    String category = all.categories().getFirst().value();

    SearchResult filtered = index.search(query("", category, null));

    assertThat(filtered.total()).isEqualTo(all.categories().getFirst().count());
    assertThat(filtered.categories()).isEqualTo(all.categories());
    assertThat(filtered.hits()).allMatch(hit -> hit.category().equals(category));
  }

  @Test
  void anUnknownFilterValueFindsNothingButStillCountsTheOtherValues() {
    SearchResult result = index.search(query("", "No such category", null));

    assertThat(result.total()).isZero();
    assertThat(result.hits()).isEmpty();
    assertThat(result.categories()).isNotEmpty();
    assertThat(result.brands()).isEmpty();
  }

  private SearchQuery randomQuery(Random random) {
    String text =
        switch (random.nextInt(5)) {
          case 0, 1 -> "";
          case 2, 3 -> word(random);
          default -> word(random) + " " + word(random).toUpperCase(Locale.ROOT);
        };
    String category = random.nextBoolean() ? null : pick(random, RandomCatalog.CATEGORIES);
    String brand = random.nextBoolean() ? null : pick(random, RandomCatalog.BRANDS);
    Long min = random.nextInt(3) == 0 ? (long) random.nextInt(60_000) : null;
    Long max = random.nextInt(3) == 0 ? (min == null ? 0 : min) + random.nextInt(200_000) : null;
    SearchSort sort = SearchSort.values()[random.nextInt(SearchSort.values().length)];
    return new SearchQuery(
        text, category, brand, min, max, random.nextBoolean(), sort, new PageRequest(0, 50));
  }

  private static String pick(Random random, List<String> values) {
    // Now and then a value that no product has.
    return random.nextInt(15) == 0 ? "Unknown" : values.get(random.nextInt(values.size()));
  }

  private static String word(Random random) {
    return RandomCatalog.WORDS.get(random.nextInt(RandomCatalog.WORDS.size()));
  }

  private static SearchQuery query(String text, String category, String brand) {
    return new SearchQuery(text, category, brand, null, null, false, SearchSort.RELEVANCE, null);
  }

  private static Predicate<IndexedProduct> matchesText(String text) {
    List<String> words =
        text.isBlank() ? List.of() : List.of(text.toLowerCase(Locale.ROOT).split("\\s+"));
    return p -> RandomCatalog.words(p).containsAll(words);
  }

  private List<IndexedProduct> filter(Predicate<IndexedProduct> predicate) {
    return products.stream().filter(predicate).toList();
  }

  /** The ten most frequent values, then the selected value if it has hits and is not among them. */
  private static List<FacetCount> top10(
      List<IndexedProduct> matching, Function<IndexedProduct, String> facet, String selected) {
    Map<String, Long> counts =
        matching.stream()
            .map(facet)
            .filter(Objects::nonNull)
            .collect(Collectors.groupingBy(v -> v, TreeMap::new, Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .limit(10)
        .map(e -> new FacetCount(e.getKey(), e.getValue()))
        .collect(
            Collectors.collectingAndThen(
                Collectors.toCollection(ArrayList::new),
                top -> {
                  if (selected != null
                      && counts.containsKey(selected)
                      && top.stream().noneMatch(f -> f.value().equals(selected))) {
                    top.add(new FacetCount(selected, counts.get(selected)));
                  }
                  return top;
                }));
  }

  private static List<PriceBucket> buckets(List<IndexedProduct> matching) {
    long[] counts = new long[BUCKET_LABELS.length];
    for (IndexedProduct p : matching) {
      int bucket = 0;
      while (bucket < BUCKET_BOUNDS.length && p.priceCents() >= BUCKET_BOUNDS[bucket]) {
        bucket++;
      }
      counts[bucket]++;
    }
    List<PriceBucket> buckets = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        buckets.add(
            new PriceBucket(
                BUCKET_LABELS[i],
                i == 0 ? 0L : BUCKET_BOUNDS[i - 1],
                i == BUCKET_BOUNDS.length ? null : BUCKET_BOUNDS[i],
                counts[i]));
      }
    }
    return buckets;
  }
}
