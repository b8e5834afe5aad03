package com.securecart.search.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.search.IndexedProduct;
import com.securecart.search.SearchHit;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchResult;
import com.securecart.search.SearchSort;
import com.securecart.shared.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every sort pages through all hits exactly once, in the right order. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SortsAndPagingTest {
  private final List<IndexedProduct> products = RandomCatalog.generate(11, 500);
  private final Map<Long, IndexedProduct> byId =
      products.stream().collect(Collectors.toMap(IndexedProduct::id, Function.identity()));
  private LuceneSearchIndex index;

  @BeforeAll
  void indexCatalog() {
    index = LuceneSearchIndex.inMemory();
    for (int from = 0; from < products.size(); from += 100) {
      index.upsert(products.subList(from, from + 100));
      index.refreshNow();
    }
  }

  @AfterAll
  void close() {
    index.close();
  }

  @ParameterizedTest
  @EnumSource(SearchSort.class)
  void pagesCoverEveryHitOnceInOrder(SearchSort sort) {
    for (String text : List.of("", "walnut", "velvet quartz")) {
      List<SearchHit> all = pageThrough(text, sort, 7);
      long total = index.search(query(text, sort, 0, 1)).total();

      assertThat(all).as("%s %s", text, sort).hasSize((int) total);
      Set<Long> ids = new HashSet<>();
      assertThat(all).as("no duplicates").allMatch(hit -> ids.add(hit.id()));
      assertThat(all).isSortedAccordingTo(order(sort, text.isEmpty()));
      // One big page gives the same order as many small ones.
      assertThat(
              index.search(query(text, sort, 0, 100)).hits().stream().map(SearchHit::id).toList())
          .isEqualTo(all.stream().limit(100).map(SearchHit::id).toList());
    }
  }

  @ParameterizedTest
  @EnumSource(SearchSort.class)
  void aPageBeyondTheLastIsEmpty(SearchSort sort) {
    SearchResult result = index.search(query("", sort, 999, 10));

    assertThat(result.hits()).isEmpty();
    assertThat(result.total()).isEqualTo(products.size());
  }

  private List<SearchHit> pageThrough(String text, SearchSort sort, int size) {
    List<SearchHit> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      List<SearchHit> hits = index.search(query(text, sort, page, size)).hits();
      all.addAll(hits);
      if (hits.size() < size) {
        return all;
      }
    }
  }

  private Comparator<SearchHit> order(SearchSort sort, boolean noText) {
    Comparator<SearchHit> byIdAsc = Comparator.comparingLong(SearchHit::id);
    Comparator<SearchHit> newest =
        Comparator.<SearchHit, java.time.Instant>comparing(hit -> byId.get(hit.id()).updatedAt())
            .reversed()
            .thenComparing(byIdAsc);
    return switch (sort) {
      case PRICE_ASC -> Comparator.comparingLong(SearchHit::priceCents).thenComparing(byIdAsc);
      case PRICE_DESC ->
          Comparator.comparingLong(SearchHit::priceCents).reversed().thenComparing(byIdAsc);
      case NEWEST -> newest;
      // By score, which the hit does not carry; without words, newest first.
      case RELEVANCE -> noText ? newest : (a, b) -> 0;
    };
  }

  private static SearchQuery query(String text, SearchSort sort, int page, int size) {
    return new SearchQuery(text, null, null, null, null, false, sort, new PageRequest(page, size));
  }
}
