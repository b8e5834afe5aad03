package com.securecart.search.lucene;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.util.BytesRef;

/**
 * One pass over the documents that match the text (and the in-stock filter) that both collects the
 * page of hits and counts the facets "sideways", as Lucene's DrillSideways does: the facet filters
 * (category, brand, price range) are not in the query but checked here from doc values, so that
 * each facet is counted over the documents that pass every filter except its own. A document that
 * passes all filters is a hit; one that fails only the category filter still counts for the
 * category facet, and so on.
 *
 * <p>The query given to the searcher may already exclude documents that fail two or more facet
 * filters: they count nowhere. Counting uses per-segment ordinals, turned into strings once per
 * segment.
 */
final class FacetingCollectorManager
    implements CollectorManager<
        FacetingCollectorManager.FacetingCollector, FacetingCollectorManager.Result> {

  /** Facet filters; null means no filter on that facet. Price bounds are inclusive. */
  record FacetFilters(String category, String brand, Long minPriceCents, Long maxPriceCents) {
    boolean hasPrice() {
      return minPriceCents != null || maxPriceCents != null;
    }

    int active() {
      return (category != null ? 1 : 0) + (brand != null ? 1 : 0) + (hasPrice() ? 1 : 0);
    }
  }

  /** The page collector's result and the counts. */
  record Result(
      long total,
      TopFieldDocs top,
      Map<String, Long> categories,
      Map<String, Long> brands,
      long[] prices) {}

  private final FacetFilters filters;
  private final TopFieldCollectorManager top;

  FacetingCollectorManager(FacetFilters filters, TopFieldCollectorManager top) {
    this.filters = filters;
    this.top = top;
  }

  @Override
  public FacetingCollector newCollector() throws IOException {
    return new FacetingCollector(filters, top.newCollector());
  }

  @Override
  public Result reduce(Collection<FacetingCollector> collectors) throws IOException {
    long total = 0;
    Map<String, Long> categories = new HashMap<>();
    Map<String, Long> brands = new HashMap<>();
    long[] prices = new long[PriceRanges.COUNT];
    List<TopFieldCollector> tops = new ArrayList<>(collectors.size());
    for (FacetingCollector c : collectors) {
      total += c.total;
      c.categories.forEach((k, v) -> categories.merge(k, v, Long::sum));
      c.brands.forEach((k, v) -> brands.merge(k, v, Long::sum));
      for (int i = 0; i < prices.length; i++) {
        prices[i] += c.prices[i];
      }
      tops.add(c.top);
    }
    return new Result(total, top.reduce(tops), categories, brands, prices);
  }

  static final class FacetingCollector implements Collector {
    private final BytesRef categoryFilter;
    private final BytesRef brandFilter;
    private final long minPrice;
    private final long maxPrice;
    private final TopFieldCollector top;
    private final Map<String, Long> categories = new HashMap<>();
    private final Map<String, Long> brands = new HashMap<>();
    private final long[] prices = new long[PriceRanges.COUNT];
    private long total;

    FacetingCollector(FacetFilters filters, TopFieldCollector top) {
      this.categoryFilter = filters.category() == null ? null : new BytesRef(filters.category());
      this.brandFilter = filters.brand() == null ? null : new BytesRef(filters.brand());
      this.minPrice = filters.minPriceCents() == null ? Long.MIN_VALUE : filters.minPriceCents();
      this.maxPrice = filters.maxPriceCents() == null ? Long.MAX_VALUE : filters.maxPriceCents();
      this.top = top;
    }

    @Override
    public ScoreMode scoreMode() {
      // Always exhaustive (the counts need every match); scores only if the page is by relevance.
      return top.scoreMode().needsScores() ? ScoreMode.COMPLETE : ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
      SortedDocValues category = DocValues.getSorted(context.reader(), ProductFields.CATEGORY);
      SortedDocValues brand = DocValues.getSorted(context.reader(), ProductFields.BRAND);
      NumericDocValues price = DocValues.getNumeric(context.reader(), ProductFields.PRICE);
      // -2: no filter; -1: the filtered value is not in this segment, so nothing passes.
      int categoryOrd =
          categoryFilter == null ? -2 : Math.max(-1, category.lookupTerm(categoryFilter));
      int brandOrd = brandFilter == null ? -2 : Math.max(-1, brand.lookupTerm(brandFilter));
      int[] categoryCounts = new int[category.getValueCount()];
      int[] brandCounts = new int[brand.getValueCount()];
      LeafCollector page = top.getLeafCollector(context);
      return new LeafCollector() {
        @Override
        public void setScorer(Scorable scorer) throws IOException {
          page.setScorer(scorer);
        }

        @Override
        public void collect(int doc) throws IOException {
          int c = category.advanceExact(doc) ? category.ordValue() : -1;
          int b = brand.advanceExact(doc) ? brand.ordValue() : -1;
          long p = price.advanceExact(doc) ? price.longValue() : 0;
          boolean categoryOk = categoryOrd == -2 || c >= 0 && c == categoryOrd;
          boolean brandOk = brandOrd == -2 || b >= 0 && b == brandOrd;
          boolean priceOk = p >= minPrice && p <= maxPrice;
          if (categoryOk && brandOk && priceOk) {
            total++;
            page.collect(doc);
          }
          if (brandOk && priceOk && c >= 0) {
            categoryCounts[c]++;
          }
          if (categoryOk && priceOk && b >= 0) {
            brandCounts[b]++;
          }
          if (categoryOk && brandOk) {
            prices[PriceRanges.indexOf(p)]++;
          }
        }

        @Override
        public void finish() throws IOException {
          merge(category, categoryCounts, categories);
          merge(brand, brandCounts, brands);
          page.finish();
        }
      };
    }

    private static void merge(SortedDocValues values, int[] counts, Map<String, Long> into)
        throws IOException {
      for (int ord = 0; ord < counts.length; ord++) {
        if (counts[ord] > 0) {
          into.merge(values.lookupOrd(ord).utf8ToString(), (long) counts[ord], Long::sum);
        }
      }
    }
  }
}
