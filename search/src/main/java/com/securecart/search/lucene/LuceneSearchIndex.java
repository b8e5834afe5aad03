package com.securecart.search.lucene;

import com.securecart.search.FacetCount;
import com.securecart.search.IndexedProduct;
import com.securecart.search.SearchHit;
import com.securecart.search.SearchIndex;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchResult;
import com.securecart.search.SearchSort;
import com.securecart.search.lucene.FacetingCollectorManager.FacetFilters;
import com.securecart.search.lucene.ProductAnalysis.QueryTerm;
import com.securecart.search.lucene.ProductAnalysis.QueryText;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.ControlledRealTimeReopenThread;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.search.spell.DirectSpellChecker;
import org.apache.lucene.search.spell.SuggestMode;
import org.apache.lucene.search.spell.SuggestWord;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * The product index of this instance, in Lucene: one IndexWriter, and searchers from a
 * SearcherManager that a background thread refreshes every 100 ms, so that writes become visible to
 * searches within about that (near-real-time, without a commit). Commits make writes durable and
 * record the change-log cursor they reflect; writes after the last commit are lost on close or
 * crash and are replayed from that cursor.
 *
 * <p>Searching: every word is required, with typo tolerance and prefix matching on the last word
 * ({@link TextQueries}); empty text lists everything that passes the filters, newest first (there
 * is no relevance without words). Facets count sideways: each facet ignores its own filter ({@link
 * FacetingCollectorManager}). Price buckets with no hits are left out. Sorts break ties by product
 * id, so pages never overlap.
 *
 * <p>Thread-safe: searches share refreshed searchers; IndexWriter serializes writes internally.
 */
public final class LuceneSearchIndex implements SearchIndex {
  static final String CURSOR_KEY = "changeLogCursor";

  /** The most frequent categories and brands returned by the facets. */
  static final int TOP_FACET_VALUES = 10;

  private static final double MAX_STALE_SECONDS = 0.1;
  private static final double MIN_STALE_SECONDS = 0.01;
  private static final int MAX_SUGGESTIONS = 50;
  private static final int BROWSE_CACHE_ENTRIES = 1_000;
  private static final int MAX_SUGGEST_INPUT = 200;

  private static final Set<String> HIT_FIELDS =
      Set.of(
          ProductFields.ID,
          ProductFields.NAME,
          ProductFields.BRAND,
          ProductFields.CATEGORY,
          ProductFields.PRICE,
          ProductFields.CURRENCY,
          ProductFields.AVAILABLE,
          ProductFields.DESCRIPTION);
  private static final Set<String> NAME_ONLY = Set.of(ProductFields.NAME);

  private static final FieldType STORED_TEXT = textType(true, IndexOptions.DOCS_AND_FREQS, false);
  private static final FieldType TEXT = textType(false, IndexOptions.DOCS_AND_FREQS, false);
  private static final FieldType VOCABULARY = textType(false, IndexOptions.DOCS, true);

  private final Directory directory;
  private final ProductAnalysis analysis = new ProductAnalysis();
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final ControlledRealTimeReopenThread<IndexSearcher> refresher;
  private final DirectSpellChecker spellChecker = new DirectSpellChecker();
  private final BrowseCache browseCache = new BrowseCache(BROWSE_CACHE_ENTRIES);
  private final Object commitLock = new Object();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile OptionalLong committedCursor;

  /** Opens (or creates) the index in a directory on disk, memory-mapped. */
  public LuceneSearchIndex(Path path) {
    this(openOnDisk(path));
  }

  /** An index in memory, for tests and throw-away use. */
  public static LuceneSearchIndex inMemory() {
    return new LuceneSearchIndex(new ByteBuffersDirectory());
  }

  private LuceneSearchIndex(Directory directory) {
    this.directory = directory;
    IndexWriter openedWriter = null;
    try {
      IndexWriterConfig config =
          new IndexWriterConfig(analysis.indexing())
              .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
              // A commit must always carry the cursor it reflects: closing never commits.
              .setCommitOnClose(false)
              .setRAMBufferSizeMB(64);
      openedWriter = new IndexWriter(directory, config);
      this.writer = openedWriter;
      this.committedCursor = readCursor(writer.getLiveCommitData());
      this.searchers = new SearcherManager(writer, new UncachedSearchers());
      // Refreshes every MAX_STALE_SECONDS; MIN_STALE_SECONDS would apply to callers waiting for a
      // generation, which nobody does (the port promises visibility within an interval).
      this.refresher =
          new ControlledRealTimeReopenThread<>(
              writer, searchers, MAX_STALE_SECONDS, MIN_STALE_SECONDS);
    } catch (IOException e) {
      closeQuietly(openedWriter);
      closeQuietly(directory);
      throw new UncheckedIOException("cannot open the search index", e);
    }
    // Words of 3 letters get corrections too ("sny" -> "sony"); the accuracy threshold (0.5) keeps
    // them to one edit.
    spellChecker.setMinQueryLength(3);
    refresher.setName("search-index-refresh");
    refresher.setDaemon(true);
    refresher.start();
  }

  private static Directory openOnDisk(Path path) {
    try {
      Files.createDirectories(path);
      return new MMapDirectory(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the search index at " + path, e);
    }
  }

  // ---------------------------------------------------------------- writes

  @Override
  public void upsert(Collection<IndexedProduct> products) {
    try {
      for (IndexedProduct product : products) {
        writer.updateDocument(idTerm(product.id()), toDocument(product));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void delete(Collection<Long> productIds) {
    if (productIds.isEmpty()) {
      return;
    }
    try {
      writer.deleteDocuments(
          productIds.stream().map(LuceneSearchIndex::idTerm).toArray(Term[]::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void clear() {
    try {
      writer.deleteAll();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void commit(long changeLogCursor) {
    synchronized (commitLock) {
      try {
        writer.setLiveCommitData(Map.of(CURSOR_KEY, Long.toString(changeLogCursor)).entrySet());
        writer.commit();
        committedCursor = OptionalLong.of(changeLogCursor);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public OptionalLong committedCursor() {
    return committedCursor;
  }

  /** Live products as searches see them now (a write counts once it is visible). */
  @Override
  public long size() {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getIndexReader().numDocs();
    } finally {
      release(searcher);
    }
  }

  /** Makes every write so far visible to searches now, instead of within the refresh interval. */
  void refreshNow() {
    try {
      searchers.maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Searches without words answered from the browse cache so far. */
  long browseCacheHits() {
    return browseCache.hits();
  }

  /** Whether searches go through Lucene's query cache (they must not: see UncachedSearchers). */
  boolean usesQueryCache() {
    IndexSearcher searcher = acquire();
    try {
      return searcher.getQueryCache() != null;
    } finally {
      release(searcher);
    }
  }

  private static Term idTerm(long id) {
    return new Term(ProductFields.ID, Long.toString(id));
  }

  private static Document toDocument(IndexedProduct p) {
    Document doc = new Document();
    doc.add(new StringField(ProductFields.ID, Long.toString(p.id()), Field.Store.NO));
    doc.add(new StoredField(ProductFields.ID, p.id()));
    doc.add(new NumericDocValuesField(ProductFields.ID_SORT, p.id()));

    String name = ProductAnalysis.normalize(Objects.requireNonNullElse(p.name(), ""));
    String description = ProductAnalysis.normalize(p.description());
    String brand = blankToNull(ProductAnalysis.normalize(p.brand()));
    String category = blankToNull(ProductAnalysis.normalize(p.category()));

    doc.add(new Field(ProductFields.NAME, name, STORED_TEXT));
    StringBuilder allText = new StringBuilder(name);
    if (description != null) {
      doc.add(new Field(ProductFields.DESCRIPTION, description, STORED_TEXT));
      allText.append('\n').append(description);
    }
    if (brand != null) {
      doc.add(new Field(ProductFields.BRAND_TEXT, brand, TEXT));
      doc.add(new StringField(ProductFields.BRAND, brand, Field.Store.YES));
      doc.add(new SortedDocValuesField(ProductFields.BRAND, new BytesRef(brand)));
      allText.append('\n').append(brand);
    }
    if (category != null) {
      doc.add(new Field(ProductFields.CATEGORY_TEXT, category, TEXT));
      doc.add(new StringField(ProductFields.CATEGORY, category, Field.Store.YES));
      doc.add(new SortedDocValuesField(ProductFields.CATEGORY, new BytesRef(category)));
      allText.append('\n').append(category);
    }
    doc.add(new Field(ProductFields.ALL, allText.toString(), TEXT));
    doc.add(new Field(ProductFields.SPELL, allText.toString(), VOCABULARY));

    doc.add(new LongPoint(ProductFields.PRICE, p.priceCents()));
    doc.add(new NumericDocValuesField(ProductFields.PRICE, p.priceCents()));
    doc.add(new StoredField(ProductFields.PRICE, p.priceCents()));
    if (p.currency() != null) {
      doc.add(new StoredField(ProductFields.CURRENCY, p.currency()));
    }
    doc.add(new IntPoint(ProductFields.AVAILABLE, p.available()));
    doc.add(new StoredField(ProductFields.AVAILABLE, p.available()));
    long updated = p.updatedAt() == null ? 0 : p.updatedAt().toEpochMilli();
    doc.add(new NumericDocValuesField(ProductFields.UPDATED, updated));
    return doc;
  }

  // ---------------------------------------------------------------- search

  @Override
  public SearchResult search(SearchQuery query) {
    QueryText text = analysis.analyzeQuery(query.text());
    IndexSearcher searcher = acquire();
    try {
      if (text.isEmpty()) {
        return browseCache.get(
            searcher.getIndexReader(),
            BrowseCache.Key.of(query),
            () -> searchOn(searcher, query, text));
      }
      return searchOn(searcher, query, text);
    } finally {
      release(searcher);
    }
  }

  private SearchResult searchOn(IndexSearcher searcher, SearchQuery query, QueryText text) {
    try {
      Query textQuery = textQuery(searcher, text);
      FacetFilters filters =
          new FacetFilters(
              query.category(), query.brand(), query.minPriceCents(), query.maxPriceCents());
      int offset = Math.toIntExact(query.page().offset());
      int size = query.page().size();
      Sort sort = sort(query.sort(), text.isEmpty());
      TopFieldCollectorManager top =
          new TopFieldCollectorManager(sort, offset + size, null, Integer.MAX_VALUE);
      FacetingCollectorManager.Result result =
          searcher.search(
              sidewaysQuery(textQuery, query.inStockOnly(), filters),
              new FacetingCollectorManager(filters, top));

      List<SearchHit> hits = hits(searcher, result.top().scoreDocs, offset, text);
      String suggestion =
          !text.isEmpty() && result.total() == 0
              ? didYouMean(searcher, text, query.inStockOnly(), filters)
              : null;
      return new SearchResult(
          result.total(),
          hits,
          topValues(result.categories(), filters.category()),
          topValues(result.brands(), filters.brand()),
          PriceRanges.buckets(result.prices()),
          suggestion);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The text query, rewritten once (fuzzy and prefix expansion) so that its cost is known. If the
   * expansion would still exceed Lucene's clause limit, the words are matched exactly instead.
   */
  private static Query textQuery(IndexSearcher searcher, QueryText text) throws IOException {
    if (text.isEmpty()) {
      return new MatchAllDocsQuery();
    }
    try {
      return searcher.rewrite(TextQueries.build(text.used(), true));
    } catch (IndexSearcher.TooManyClauses e) {
      return searcher.rewrite(TextQueries.build(text.used(), false));
    }
  }

  /**
   * The query whose matches the collector sees: the text and the in-stock filter, but not the facet
   * filters, which the collector applies itself. With two or more facet filters, a document that
   * fails more than one of them counts nowhere, so it is excluded up front.
   */
  private static Query sidewaysQuery(Query text, boolean inStockOnly, FacetFilters filters) {
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(text, Occur.MUST);
    if (inStockOnly) {
      query.add(inStock(), Occur.FILTER);
    }
    List<Query> facetFilters = facetFilterQueries(filters);
    if (facetFilters.size() >= 2) {
      BooleanQuery.Builder allButOne =
          new BooleanQuery.Builder().setMinimumNumberShouldMatch(facetFilters.size() - 1);
      facetFilters.forEach(f -> allButOne.add(f, Occur.SHOULD));
      query.add(allButOne.build(), Occur.FILTER);
    }
    return query.build();
  }

  /** The query with every filter applied, for counting what a corrected text would find. */
  private static Query strictQuery(Query text, boolean inStockOnly, FacetFilters filters) {
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(text, Occur.MUST);
    if (inStockOnly) {
      query.add(inStock(), Occur.FILTER);
    }
    facetFilterQueries(filters).forEach(f -> query.add(f, Occur.FILTER));
    return query.build();
  }

  private static Query inStock() {
    return IntPoint.newRangeQuery(ProductFields.AVAILABLE, 1, Integer.MAX_VALUE);
  }

  private static List<Query> facetFilterQueries(FacetFilters filters) {
    List<Query> queries = new ArrayList<>(3);
    if (filters.category() != null) {
      queries.add(new TermQuery(new Term(ProductFields.CATEGORY, filters.category())));
    }
    if (filters.brand() != null) {
      queries.add(new TermQuery(new Term(ProductFields.BRAND, filters.brand())));
    }
    if (filters.hasPrice()) {
      queries.add(
          LongPoint.newRangeQuery(
              ProductFields.PRICE,
              Objects.requireNonNullElse(filters.minPriceCents(), Long.MIN_VALUE),
              Objects.requireNonNullElse(filters.maxPriceCents(), Long.MAX_VALUE)));
    }
    return queries;
  }

  private static Sort sort(SearchSort sort, boolean noText) {
    SortField byId = new SortField(ProductFields.ID_SORT, SortField.Type.LONG);
    SortField newest = new SortField(ProductFields.UPDATED, SortField.Type.LONG, true);
    return switch (sort) {
      case RELEVANCE -> noText ? new Sort(newest, byId) : new Sort(SortField.FIELD_SCORE, byId);
      case PRICE_ASC -> new Sort(new SortField(ProductFields.PRICE, SortField.Type.LONG), byId);
      case PRICE_DESC ->
          new Sort(new SortField(ProductFields.PRICE, SortField.Type.LONG, true), byId);
      case NEWEST -> new Sort(newest, byId);
    };
  }

  /** Loads stored fields for the page only, and highlights them. */
  private List<SearchHit> hits(IndexSearcher searcher, ScoreDoc[] top, int offset, QueryText text)
      throws IOException {
    if (offset >= top.length) {
      return List.of();
    }
    StoredFields stored = searcher.storedFields();
    Highlighter highlighter = text.isEmpty() ? null : new Highlighter(analysis.text(), text.used());
    List<SearchHit> hits = new ArrayList<>(top.length - offset);
    for (int i = offset; i < top.length; i++) {
      Document doc = stored.document(top[i].doc, HIT_FIELDS);
      String name = doc.get(ProductFields.NAME);
      Map<String, List<String>> highlights = new LinkedHashMap<>();
      if (highlighter != null) {
        String nameFragment = highlighter.whole(name);
        if (nameFragment != null) {
          highlights.put("name", List.of(nameFragment));
        }
        String descriptionFragment = highlighter.snippet(doc.get(ProductFields.DESCRIPTION));
        if (descriptionFragment != null) {
          highlights.put("description", List.of(descriptionFragment));
        }
      }
      hits.add(
          new SearchHit(
              doc.getField(ProductFields.ID).numericValue().longValue(),
              name,
              doc.get(ProductFields.BRAND),
              doc.get(ProductFields.CATEGORY),
              doc.getField(ProductFields.PRICE).numericValue().longValue(),
              doc.get(ProductFields.CURRENCY),
              doc.getField(ProductFields.AVAILABLE).numericValue().intValue(),
              highlights));
    }
    return hits;
  }

  /**
   * The most frequent values, and the selected one even when it is rarer: a shopper must always see
   * (and be able to clear) the filter he chose.
   */
  private static List<FacetCount> topValues(Map<String, Long> counts, String selected) {
    List<FacetCount> top =
        counts.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(TOP_FACET_VALUES)
            .map(e -> new FacetCount(e.getKey(), e.getValue()))
            .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
    Long selectedCount = selected == null ? null : counts.get(selected);
    if (selectedCount != null && top.stream().noneMatch(f -> f.value().equals(selected))) {
      top.add(new FacetCount(selected, selectedCount));
    }
    return List.copyOf(top);
  }

  /**
   * "Did you mean": each word that appears nowhere in the catalog is replaced by the closest word
   * that does (DirectSpellChecker over the unstemmed allText); the corrected text is offered only
   * if it differs and finds something with the same filters.
   */
  private String didYouMean(
      IndexSearcher searcher, QueryText text, boolean inStockOnly, FacetFilters filters)
      throws IOException {
    List<String> words = new ArrayList<>(text.all().size());
    boolean changed = false;
    for (QueryTerm term : text.all()) {
      String word = term.raw();
      if (!term.stopWord()) {
        Term vocabularyTerm = new Term(ProductFields.SPELL, word);
        if (searcher.getIndexReader().docFreq(vocabularyTerm) == 0) {
          SuggestWord[] similar =
              spellChecker.suggestSimilar(
                  vocabularyTerm,
                  1,
                  searcher.getIndexReader(),
                  SuggestMode.SUGGEST_WHEN_NOT_IN_INDEX);
          if (similar.length > 0) {
            word = similar[0].string;
            changed = true;
          }
        }
      }
      words.add(word);
    }
    if (!changed) {
      return null;
    }
    String corrected = String.join(" ", words);
    QueryText correctedText = analysis.analyzeQuery(corrected + " ");
    if (correctedText.isEmpty()) {
      return null;
    }
    Query correctedQuery = strictQuery(textQuery(searcher, correctedText), inStockOnly, filters);
    return searcher.count(correctedQuery) > 0 ? corrected : null;
  }

  // ---------------------------------------------------------------- suggest

  @Override
  public List<String> suggest(String prefix, int limit) {
    if (prefix == null || prefix.isBlank() || limit <= 0) {
      return List.of();
    }
    String input =
        prefix.length() > MAX_SUGGEST_INPUT ? prefix.substring(0, MAX_SUGGEST_INPUT) : prefix;
    QueryText text = analysis.analyzeQuery(input);
    if (text.isEmpty()) {
      return List.of();
    }
    int wanted = Math.min(limit, MAX_SUGGESTIONS);
    IndexSearcher searcher = acquire();
    try {
      Query query = searcher.rewrite(TextQueries.completion(text.used()));
      Sort sort =
          new Sort(
              SortField.FIELD_SCORE, new SortField(ProductFields.ID_SORT, SortField.Type.LONG));
      TopFieldDocs top = searcher.search(query, Math.min(4 * wanted, 200), sort);
      StoredFields stored = searcher.storedFields();
      Set<String> seen = new LinkedHashSet<>();
      List<String> names = new ArrayList<>(wanted);
      for (ScoreDoc hit : top.scoreDocs) {
        String name = stored.document(hit.doc, NAME_ONLY).get(ProductFields.NAME);
        if (name != null && seen.add(name.toLowerCase(Locale.ROOT))) {
          names.add(name);
          if (names.size() == wanted) {
            break;
          }
        }
      }
      return names;
    } catch (IndexSearcher.TooManyClauses e) {
      return List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      release(searcher);
    }
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // Uncommitted writes are dropped (commitOnClose is off): they are replayed from the cursor.
    refresher.close();
    try (Directory d = directory;
        IndexWriter w = writer;
        SearcherManager s = searchers) {
      // try-with-resources closes in reverse order: searchers, writer, directory.
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private IndexSearcher acquire() {
    try {
      return searchers.acquire();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void release(IndexSearcher searcher) {
    try {
      searchers.release(searcher);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static OptionalLong readCursor(Iterable<Map.Entry<String, String>> commitData) {
    if (commitData == null) {
      return OptionalLong.empty();
    }
    for (Map.Entry<String, String> entry : commitData) {
      if (CURSOR_KEY.equals(entry.getKey())) {
        try {
          return OptionalLong.of(Long.parseLong(entry.getValue()));
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static FieldType textType(boolean stored, IndexOptions options, boolean omitNorms) {
    FieldType type = new FieldType();
    type.setTokenized(true);
    type.setStored(stored);
    type.setIndexOptions(options);
    type.setOmitNorms(omitNorms);
    type.freeze();
    return type;
  }

  /**
   * Searchers without Lucene's query cache. Its LRU map is one synchronized lock shared by every
   * search; under 32 concurrent searches on virtual threads, searches queued on that monitor for
   * seconds (seen in thread dumps during the search benchmark). Our filters are single terms and
   * point ranges, cheap to evaluate again, and the 100 ms refreshes would keep emptying a cache
   * keyed by segment anyway.
   */
  private static final class UncachedSearchers extends SearcherFactory {
    @Override
    public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) {
      IndexSearcher searcher = new IndexSearcher(reader);
      searcher.setQueryCache(null);
      return searcher;
    }
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      if (closeable != null) {
        closeable.close();
      }
    } catch (IOException | RuntimeException suppressed) {
      // The open failure is the error worth reporting.
    }
  }
}
