package com.securecart.search.lucene;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.KeywordAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Text analysis shared by indexing, querying and highlighting, so that the three agree on what a
 * word is: Unicode word boundaries, lower case, diacritics folded to ASCII ("Café" = "cafe"), and
 * plurals reduced by the English minimal stemmer ("shoes" = "shoe", "batteries" = "battery"). The
 * minimal stemmer rather than Porter: it only undoes plurals, so "running" does not become "run"
 * and suggestions stay real words.
 */
final class ProductAnalysis {
  /**
   * Words a shopper types that say nothing about products; dropped unless they are all there is.
   */
  private static final CharArraySet STOP_WORDS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

  /** Longer input is cut before analysis: nobody types more, and it bounds the work per query. */
  static final int MAX_INPUT_CHARS = 1_000;

  static final int MAX_TERMS = 10;

  private final Analyzer text = new FoldingAnalyzer(true, false);
  private final Analyzer spell = new FoldingAnalyzer(false, false);
  private final Analyzer query = new FoldingAnalyzer(true, true);
  private final Analyzer indexing =
      new PerFieldAnalyzerWrapper(text, Map.of(ProductFields.SPELL, spell));

  /** The analyzer the IndexWriter uses (stemmed text, unstemmed spelling vocabulary). */
  Analyzer indexing() {
    return indexing;
  }

  /** The stemmed text analyzer, for highlighting stored text. */
  Analyzer text() {
    return text;
  }

  /**
   * Stored and indexed text is NFC-normalized, so that a combining accent ("e" + U+0301) folds like
   * the precomposed letter.
   */
  static String normalize(String value) {
    if (value == null) {
      return null;
    }
    return Normalizer.normalize(value, Normalizer.Form.NFC);
  }

  /**
   * The words of what a shopper typed. Invisible format characters are removed, emoji are ignored,
   * stop words are dropped unless nothing else is left, at most {@link #MAX_TERMS} words are kept,
   * and the last word is a prefix when the text ends inside it.
   */
  QueryText analyzeQuery(String raw) {
    if (raw == null || raw.isEmpty()) {
      return QueryText.EMPTY;
    }
    String cut = raw.length() > MAX_INPUT_CHARS ? raw.substring(0, MAX_INPUT_CHARS) : raw;
    String input = normalize(stripInvisible(cut));
    List<QueryTerm> all = new ArrayList<>();
    int lastEnd = -1;
    try (TokenStream stream = query.tokenStream(ProductFields.NAME, input)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      KeywordAttribute keyword = stream.addAttribute(KeywordAttribute.class);
      TypeAttribute type = stream.addAttribute(TypeAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      String pendingRaw = null;
      // KeywordRepeatFilter emits every word twice: first unstemmed (keyword), then stemmed.
      while (stream.incrementToken() && all.size() < 4 * MAX_TERMS) {
        if (keyword.isKeyword()) {
          pendingRaw = term.toString();
          continue;
        }
        String stem = term.toString();
        String unstemmed = pendingRaw == null ? stem : pendingRaw;
        pendingRaw = null;
        if (type.type().equals(StandardTokenizer.TOKEN_TYPES[StandardTokenizer.EMOJI])) {
          continue;
        }
        boolean stop = STOP_WORDS.contains(unstemmed);
        all.add(new QueryTerm(unstemmed, stem, false, stop));
        lastEnd = offset.endOffset();
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (all.isEmpty()) {
      return QueryText.EMPTY;
    }
    boolean onlyStopWords = all.stream().allMatch(QueryTerm::stopWord);
    boolean lastIsPrefix = lastEnd == input.length();
    List<QueryTerm> used = new ArrayList<>();
    for (int i = 0; i < all.size() && used.size() < MAX_TERMS; i++) {
      QueryTerm t = all.get(i);
      if (t.stopWord() && !onlyStopWords) {
        continue;
      }
      if (used.stream().anyMatch(u -> u.stem().equals(t.stem())) && i != all.size() - 1) {
        continue;
      }
      used.add(t);
    }
    if (lastIsPrefix && !used.isEmpty()) {
      QueryTerm last = used.getLast();
      // Only if the last word typed was kept (not a dropped stop word).
      if (last == all.getLast()) {
        used.set(used.size() - 1, last.asPrefix());
      }
    }
    return new QueryText(List.copyOf(all), List.copyOf(used));
  }

  /**
   * Removes format characters (Unicode category Cf: zero-width space and joiners, soft hyphen,
   * bidirectional controls, byte order mark). They are invisible, so a shopper cannot know they
   * split or glue words.
   */
  private static String stripInvisible(String value) {
    StringBuilder out = new StringBuilder(value.length());
    value
        .codePoints()
        .filter(c -> Character.getType(c) != Character.FORMAT)
        .forEach(out::appendCodePoint);
    return out.toString();
  }

  /** One word of a query: as typed (folded), as indexed (stemmed), and how it may match. */
  record QueryTerm(String raw, String stem, boolean prefix, boolean stopWord) {
    QueryTerm asPrefix() {
      return new QueryTerm(raw, stem, true, stopWord);
    }
  }

  /**
   * The analyzed query: every word seen (for "did you mean", in order) and the words searched for.
   */
  record QueryText(List<QueryTerm> all, List<QueryTerm> used) {
    static final QueryText EMPTY = new QueryText(List.of(), List.of());

    boolean isEmpty() {
      return used.isEmpty();
    }
  }

  private static final class FoldingAnalyzer extends Analyzer {
    private final boolean stem;
    private final boolean keepUnstemmed;

    FoldingAnalyzer(boolean stem, boolean keepUnstemmed) {
      this.stem = stem;
      this.keepUnstemmed = keepUnstemmed;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new StandardTokenizer();
      TokenStream stream = new ASCIIFoldingFilter(new LowerCaseFilter(tokenizer));
      if (keepUnstemmed) {
        stream = new KeywordRepeatFilter(stream);
      }
      if (stem) {
        stream = new EnglishMinimalStemFilter(stream);
      }
      return new TokenStreamComponents(tokenizer, stream);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
      return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }
  }
}
