package com.securecart.search.lucene;

import static com.securecart.search.lucene.Products.product;
import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.search.FacetCount;
import com.securecart.search.IndexedProduct;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchSort;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A chosen facet value stays in its facet even when it is not among the most frequent. */
class SelectedFacetTest {
  @Test
  void theSelectedCategoryAndBrandAreListedBesidesTheTopTen() {
    List<IndexedProduct> products = new ArrayList<>();
    long id = 1;
    for (int c = 0; c < 12; c++) {
      for (int i = 0; i < 3; i++) {
        products.add(product(id++, "Kettle " + id, "Brand" + c, "Category" + c, 1_000, ""));
      }
    }
    products.add(product(id, "Rare kettle", "Rarebrand", "Rarecategory", 1_000, ""));
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
      index.upsert(products);
      index.refreshNow();

      var unfiltered =
          index.search(
              new SearchQuery("kettle", null, null, null, null, false, SearchSort.RELEVANCE, null));
      var byCategory =
          index.search(
              new SearchQuery(
                  "kettle", "Rarecategory", null, null, null, false, SearchSort.RELEVANCE, null));
      var byBrand =
          index.search(
              new SearchQuery(
                  "kettle", null, "Rarebrand", null, null, false, SearchSort.RELEVANCE, null));

      assertThat(unfiltered.categories())
          .hasSize(LuceneSearchIndex.TOP_FACET_VALUES)
          .extracting(FacetCount::value)
          .doesNotContain("Rarecategory");
      assertThat(byCategory.total()).isEqualTo(1);
      assertThat(byCategory.categories())
          .hasSize(LuceneSearchIndex.TOP_FACET_VALUES + 1)
          .endsWith(new FacetCount("Rarecategory", 1));
      assertThat(byBrand.brands())
          .hasSize(LuceneSearchIndex.TOP_FACET_VALUES + 1)
          .endsWith(new FacetCount("Rarebrand", 1));
    }
  }
}
