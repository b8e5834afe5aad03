package com.securecart.search.lucene;

import com.securecart.search.lucene.ProductAnalysis.QueryTerm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Marks the words of a stored text that the query matched, by analyzing the text again with the
 * index's analyzer and applying the same rules as the query (exact, fuzzy within the word's edit
 * distance with the same first character, prefix for the last word). Simpler and cheaper than
 * Lucene's highlighters for the few short fields of one page of hits. Everything outside the marks
 * is HTML-escaped, so stored text can never inject markup.
 */
final class Highlighter {
  /** Characters of description shown around the first match. */
  static final int SNIPPET_CHARS = 160;

  private static final int CONTEXT_BEFORE = 40;

  private final Analyzer analyzer;
  private final List<QueryTerm> terms;

  Highlighter(Analyzer analyzer, List<QueryTerm> terms) {
    this.analyzer = analyzer;
    this.terms = terms;
  }

  /** The whole text with matches marked, or null when nothing matched. */
  String whole(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    List<int[]> spans = spans(text);
    return spans.isEmpty() ? null : render(text, 0, text.length(), spans);
  }

  /** A fragment of about {@link #SNIPPET_CHARS} around the first match, or null. */
  String snippet(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    List<int[]> spans = spans(text);
    if (spans.isEmpty()) {
      return null;
    }
    if (text.length() <= SNIPPET_CHARS) {
      return render(text, 0, text.length(), spans);
    }
    int start = Math.max(0, spans.getFirst()[0] - CONTEXT_BEFORE);
    if (start > 0) {
      int space = text.indexOf(' ', start);
      start = space < 0 || space >= spans.getFirst()[0] ? start : space + 1;
    }
    int end = Math.min(text.length(), start + SNIPPET_CHARS);
    if (end < text.length()) {
      int space = text.lastIndexOf(' ', end);
      end = space > spans.getFirst()[1] ? space : Math.max(end, spans.getFirst()[1]);
    }
    // Never split a surrogate pair at the edges.
    if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
      start--;
    }
    if (end < text.length() && end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end++;
    }
    int from = start;
    int to = end;
    List<int[]> inside = spans.stream().filter(s -> s[0] >= from && s[1] <= to).toList();
    return (start > 0 ? "…" : "")
        + render(text, start, end, inside)
        + (end < text.length() ? "…" : "");
  }

  private List<int[]> spans(String text) {
    List<int[]> spans = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream(ProductFields.NAME, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        if (matchesToken(term.toString())) {
          spans.add(new int[] {offset.startOffset(), offset.endOffset()});
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return spans;
  }

  private boolean matchesToken(String token) {
    for (QueryTerm t : terms) {
      String stem = t.stem();
      if (token.equals(stem)) {
        return true;
      }
      if (TextQueries.prefixApplies(t) && token.startsWith(stem)) {
        return true;
      }
      int edits = TextQueries.maxEdits(stem);
      if (edits > 0
          && !token.isEmpty()
          && token.codePointAt(0) == stem.codePointAt(0)
          && Math.abs(token.length() - stem.length()) <= edits
          && editDistance(token, stem) <= edits) {
        return true;
      }
    }
    return false;
  }

  /**
   * Optimal-string-alignment distance (an adjacent transposition is one edit, as in FuzzyQuery).
   * Words are short (fuzzy matching stops at 40 characters), so the full table is cheap.
   */
  static int editDistance(String a, String b) {
    int n = a.length();
    int m = b.length();
    int[] before = new int[m + 1];
    int[] previous = new int[m + 1];
    int[] current = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      current[0] = i;
      for (int j = 1; j <= m; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int value = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current[j] = value;
      }
      int[] recycled = before;
      before = previous;
      previous = current;
      current = recycled;
    }
    return previous[m];
  }

  private static String render(String text, int start, int end, List<int[]> spans) {
    StringBuilder out = new StringBuilder(end - start + 16 * spans.size());
    int at = start;
    for (int[] span : spans) {
      if (span[0] < at) {
        continue;
      }
      escape(text, at, span[0], out);
      out.append("<em>");
      escape(text, span[0], span[1], out);
      out.append("</em>");
      at = span[1];
    }
    escape(text, at, end, out);
    return out.toString();
  }

  static void escape(String text, int from, int to, StringBuilder out) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
  }
}
