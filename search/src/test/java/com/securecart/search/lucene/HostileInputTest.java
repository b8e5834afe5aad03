package com.securecart.search.lucene;

import static com.securecart.search.lucene.Products.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.securecart.search.SearchHit;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchResult;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Query syntax, long and strange text: no exception, and results that make sense. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputTest {
  private LuceneSearchIndex index;

  @BeforeAll
  void indexCatalog() {
    index = LuceneSearchIndex.inMemory();
    index.upsert(RelevanceCatalog.PRODUCTS);
    index.upsert(
        List.of(
            Products.product(
                900,
                "<script>alert('x')</script> Kettle",
                "Evil & Co",
                "Kettles",
                1_000,
                "A kettle with <img src=x onerror=alert(1)> in its description.")));
    index.refreshNow();
  }

  @AfterAll
  void close() {
    index.close();
  }

  static Stream<String> hostileTexts() {
    Random random = new Random(3);
    String junk =
        random
            .ints(SearchQuery.MAX_TEXT, 33, 127)
            .mapToObj(c -> String.valueOf((char) c))
            .collect(Collectors.joining());
    String manyWords =
        IntStream.range(0, 100)
            .mapToObj(i -> "ab")
            .collect(Collectors.joining(" "))
            .substring(0, 200);
    String manyLongWords =
        IntStream.range(0, 16).mapToObj(i -> "headphonesx").collect(Collectors.joining(" "));
    return Stream.of(
        "\"foo AND (bar OR baz)^3 title:x* ~2 \\ / [a TO b] {}`",
        "name:sony AND brand:*",
        "*",
        "?",
        "+-&&||!(){}[]^\"~*?:\\/",
        "kettle~2",
        "sony^100",
        "\\",
        "\u0000",
        junk,
        manyWords,
        manyLongWords,
        "x".repeat(SearchQuery.MAX_TEXT),
        "🎧🎧🎧",
        "👩‍👩‍👧‍👦 headphones",
        "سماعات الرأس",
        "\u202Eheadphones\u202C",
        "cafe\u0301",
        "lap\u200Btop",
        "\uD800 lone surrogate",
        "ｈｅａｄｐｈｏｎｅｓ",
        "<script>alert(1)</script>");
  }

  @ParameterizedTest
  @MethodSource("hostileTexts")
  void hostileTextSearchesWithoutFailing(String text) {
    SearchResult result = index.search(text(text));

    assertThat(result.total()).isNotNegative();
    assertThat(result.hits()).hasSizeLessThanOrEqualTo(20);
    for (SearchHit hit : result.hits()) {
      hit.highlights().values().stream()
          .flatMap(List::stream)
          .forEach(
              fragment ->
                  assertThat(fragment.replace("<em>", "").replace("</em>", ""))
                      .doesNotContain("<", ">"));
    }
  }

  @ParameterizedTest
  @MethodSource("hostileTexts")
  void hostileTextSuggestsWithoutFailing(String text) {
    assertThatCode(() -> index.suggest(text, 10)).doesNotThrowAnyException();
  }

  @Test
  void queryOperatorsAreJustWords() {
    long sonyHeadphones = index.search(text("sony headphones")).total();
    assertThat(sonyHeadphones).isPositive();
    // "or" is a (dropped) stop word, not a disjunction: every other word is still required.
    assertThat(index.search(text("sony OR kettle")).total()).isZero();
    assertThat(index.search(text("sony AND headphones")).total()).isEqualTo(sonyHeadphones);
    // A minus does not exclude, a caret does not boost.
    assertThat(index.search(text("-sony headphones")).total()).isEqualTo(sonyHeadphones);
    assertThat(index.search(text("sony^100 headphones")).total()).isZero(); // "100" is a word
    // A colon inside a word belongs to the word (UAX#29): no field syntax.
    assertThat(index.search(text("name:sony")).total()).isZero();
    // A wildcard is not a wildcard: it is no word at all, which lists everything.
    assertThat(index.search(text("*")).total()).isEqualTo(index.size());
  }

  @Test
  void invisibleAndDecomposedCharactersDoNotChangeTheWords() {
    assertThat(firstId("cafe\u0301")).isEqualTo(63L);
    assertThat(index.search(text("lap\u200Btop")).hits().getFirst().category())
        .isEqualTo("Laptops");
    assertThat(index.search(text("\u202Eheadphones\u202C")).total())
        .isEqualTo(index.search(text("headphones")).total());
    assertThat(index.search(text("🎧 headphones")).total())
        .isEqualTo(index.search(text("headphones")).total());
  }

  @Test
  void fullWidthLettersDoNotBreakAnything() {
    // ASCII folding maps full-width Latin letters to ASCII.
    assertThat(index.search(text("ｈｅａｄｐｈｏｎｅｓ")).total())
        .isEqualTo(index.search(text("headphones")).total());
  }

  @Test
  void foreignScriptsFindNothingAndSuggestNothing() {
    SearchResult result = index.search(text("سماعات الرأس"));

    assertThat(result.total()).isZero();
    assertThat(result.suggestion()).isNull();
  }

  @Test
  void storedHtmlIsEscapedInHighlights() {
    SearchHit hit =
        index.search(text("kettle")).hits().stream()
            .filter(h -> h.id() == 900)
            .findFirst()
            .orElseThrow();

    assertThat(hit.name()).isEqualTo("<script>alert('x')</script> Kettle"); // raw: the view escapes
    assertThat(hit.highlights().get("name"))
        .containsExactly("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <em>Kettle</em>");
    assertThat(hit.highlights().get("description"))
        .containsExactly(
            "A <em>kettle</em> with &lt;img src=x onerror=alert(1)&gt; in its description.");
  }

  @Test
  void onlyTheFirstTenWordsCount() {
    ProductAnalysis analysis = new ProductAnalysis();
    String tenKilobytes = "headphone ".repeat(1_000) + "kettle";

    var text = analysis.analyzeQuery(tenKilobytes);

    assertThat(text.used()).hasSizeLessThanOrEqualTo(ProductAnalysis.MAX_TERMS);
    assertThat(text.used()).extracting(ProductAnalysis.QueryTerm::stem).doesNotContain("kettle");
    assertThat(index.suggest(tenKilobytes, 5)).isNotNull();
  }

  @Test
  void tenDifferentLongWordsStayUnderTheClauseLimit() {
    String words =
        "headphones earbuds wireless cancelling kettles espresso machines laptops trainers coffee";

    SearchResult result = index.search(text(words));

    assertThat(result.total()).isZero();
  }

  private long firstId(String text) {
    return index.search(text(text)).hits().getFirst().id();
  }
}
