package com.securecart.search.lucene;

import static com.securecart.search.lucene.Products.product;
import static com.securecart.search.lucene.Products.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.search.IndexedProduct;
import com.securecart.search.SearchHit;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchSort;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Searches without words are answered from a cache that never outlives its index reader. */
class BrowseCacheTest {
  private static SearchQuery category(String category) {
    return new SearchQuery("", category, null, null, null, false, SearchSort.PRICE_ASC, null);
  }

  @Test
  void aRepeatedBrowseIsServedFromTheCacheWithTheSameResult() {
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
      index.upsert(RelevanceCatalog.PRODUCTS);
      index.refreshNow();

      var first = index.search(category("Laptops"));
      var second = index.search(category("Laptops"));

      assertThat(first.total()).isPositive();
      assertThat(second).isEqualTo(first);
      assertThat(index.browseCacheHits()).isEqualTo(1);
    }
  }

  @Test
  void aChangeIsVisibleToTheNextBrowseOnceTheReaderRefreshes() {
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
      index.upsert(List.of(product(1, "Bosch Styline Kettle", "Bosch", "Kettles", 5_999, "")));
      index.refreshNow();
      assertThat(index.search(category("Kettles")).total()).isEqualTo(1);

      index.upsert(List.of(product(2, "Smeg Kettle", "Smeg", "Kettles", 12_999, "")));
      IndexedProduct soldOut =
          new IndexedProduct(
              1,
              "SKU-1",
              "Bosch Styline Kettle",
              "",
              "Bosch",
              "Kettles",
              4_999,
              "EUR",
              0,
              Products.EPOCH);
      index.upsert(List.of(soldOut));
      index.refreshNow();

      var after = index.search(category("Kettles"));
      assertThat(after.total()).isEqualTo(2);
      assertThat(after.hits())
          .extracting(SearchHit::id, SearchHit::priceCents, SearchHit::available)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(1L, 4_999L, 0),
              org.assertj.core.groups.Tuple.tuple(2L, 12_999L, 10));
    }
  }

  @Test
  void searchesWithWordsAndDifferentFiltersAreNotConfusedWithACachedBrowse() {
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
      index.upsert(RelevanceCatalog.PRODUCTS);
      index.refreshNow();

      long all = index.search(text("")).total();
      long laptops = index.search(category("Laptops")).total();
      long thinkpads = index.search(text("thinkpad")).total();

      assertThat(all).isGreaterThan(laptops);
      assertThat(laptops).isGreaterThan(thinkpads);
      assertThat(index.search(text("   ")).total()).isEqualTo(all);
      assertThat(index.browseCacheHits()).isEqualTo(1);
    }
  }
}
