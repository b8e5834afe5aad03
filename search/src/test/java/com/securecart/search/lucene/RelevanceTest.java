package com.securecart.search.lucene;

import static com.securecart.search.lucene.Products.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.search.SearchHit;
import com.securecart.search.SearchResult;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelevanceTest {
  private LuceneSearchIndex index;

  @BeforeAll
  void indexCatalog() {
    index = LuceneSearchIndex.inMemory();
    index.upsert(RelevanceCatalog.PRODUCTS);
    index.refreshNow();
  }

  @AfterAll
  void close() {
    index.close();
  }

  /** Text, how many top hits to look at, and the products that must all be among them. */
  static Stream<Arguments> expectedProducts() {
    return Stream.of(
        // exact names and model numbers
        Arguments.of("Sony WH-1000XM5", 1, List.of(40L)),
        Arguments.of("macbook air", 1, List.of(24L)),
        Arguments.of("quietcomfort ultra", 1, List.of(43L)),
        Arguments.of("gel kayano", 1, List.of(6L)),
        Arguments.of("thinkpad", 1, List.of(20L)),
        Arguments.of("airpods", 1, List.of(48L)),
        Arguments.of("ultraboost", 1, List.of(5L)),
        // misspellings
        Arguments.of("thinkpda", 1, List.of(20L)),
        Arguments.of("macbok pro", 1, List.of(25L)),
        Arguments.of("senheiser", 2, List.of(45L, 46L)),
        Arguments.of("delonghi", 1, List.of(100L)),
        Arguments.of("speedgoat trial", 1, List.of(10L)),
        // brand plus type
        Arguments.of("nike running", 3, List.of(1L, 3L)),
        Arguments.of("sony headphones", 2, List.of(40L, 42L)),
        Arguments.of("bose", 2, List.of(43L, 44L)),
        Arguments.of("gaming laptop", 1, List.of(27L)),
        // plurals: a product named "... Laptop" before the category's other laptops
        Arguments.of("laptops", 2, List.of(22L, 27L)),
        // multi-word
        Arguments.of("trail running shoe", 1, List.of(10L)),
        Arguments.of("variable temperature kettle", 1, List.of(86L)),
        Arguments.of("1kg espresso beans", 1, List.of(61L)),
        Arguments.of("whole beans coffee", 3, List.of(63L)),
        Arguments.of("noise cancelling headphones", 3, List.of(40L)),
        Arguments.of("pour over kettle", 1, List.of(84L)),
        Arguments.of("stovetop", 2, List.of(85L, 105L)),
        // case and diacritics, both ways
        Arguments.of("CAFÉ", 1, List.of(63L)),
        Arguments.of("cafe colombia", 1, List.of(63L)),
        Arguments.of("qualita rossa", 1, List.of(60L)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectedProducts")
  void findsTheExpectedProductsAtTheTop(String text, int within, List<Long> expected) {
    List<SearchHit> hits = index.search(text(text)).hits();

    assertThat(ids(hits).stream().limit(within).toList())
        .as("top of %s: %s", text, names(hits))
        .containsAll(expected);
  }

  /** Text, how many top hits to look at, and the category they must all be in. */
  static Stream<Arguments> expectedCategories() {
    return Stream.of(
        Arguments.of("runing shoes", 3, RelevanceCatalog.SHOES),
        // The backpack named "Laptop Backpack" comes third: a name match (boost 4) beats a category
        // match (boost 2) for laptops whose name does not say "laptop". Fair enough.
        Arguments.of("lapotp", 2, RelevanceCatalog.LAPTOPS),
        Arguments.of("hedphones", 3, RelevanceCatalog.HEADPHONES),
        Arguments.of("laptops", 2, RelevanceCatalog.LAPTOPS),
        Arguments.of("kettles", 3, RelevanceCatalog.KETTLES),
        Arguments.of("kettle", 3, RelevanceCatalog.KETTLES),
        Arguments.of("electric kettle", 3, RelevanceCatalog.KETTLES),
        Arguments.of("head", 3, RelevanceCatalog.HEADPHONES),
        Arguments.of("espresso machine", 3, RelevanceCatalog.MACHINES),
        Arguments.of("earbuds", 3, RelevanceCatalog.HEADPHONES));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectedCategories")
  void findsProductsOfTheExpectedCategoryAtTheTop(String text, int within, String category) {
    List<SearchHit> hits = index.search(text(text)).hits();

    assertThat(hits).as("hits for %s", text).hasSizeGreaterThanOrEqualTo(within);
    assertThat(hits.stream().limit(within).map(SearchHit::category))
        .as("top of %s: %s", text, names(hits))
        .containsOnly(category);
  }

  @Test
  void aPrefixFindsWhatIsBeingTyped() {
    assertThat(index.search(text("espr")).hits().stream().limit(3).map(SearchHit::name))
        .allMatch(name -> name.contains("Espresso"));
    assertThat(index.search(text("sennh")).hits().stream().limit(2).map(SearchHit::id))
        .containsExactlyInAnyOrder(45L, 46L);
  }

  @Test
  void anExactWordRanksAboveAWordOneEditAway() {
    List<SearchHit> hits = index.search(text("kettle")).hits();

    assertThat(ids(hits)).contains(125L); // "Kettler" is one edit away: found, but last
    assertThat(hits.getLast().id()).isEqualTo(125L);
  }

  @Test
  void everyWordIsRequired() {
    SearchResult result = index.search(text("sony kettle"));

    assertThat(result.total()).isZero();
    assertThat(result.hits()).isEmpty();
  }

  @Test
  void matchesAreHighlightedInNameAndDescription() {
    SearchHit hit = index.search(text("hedphones")).hits().getFirst();

    assertThat(hit.highlights().get("name"))
        .singleElement()
        .asString()
        .contains("<em>Headphones</em>");

    SearchHit studio = index.search(text("studio recording")).hits().getFirst();
    assertThat(studio.id()).isEqualTo(42L);
    assertThat(studio.highlights().get("description"))
        .containsExactly(
            "Closed-back monitor headphones for <em>studio</em> and field <em>recording</em>.");
  }

  @Test
  void highlightsEscapeStoredHtml() {
    SearchHit hit = index.search(text("cappuccino")).hits().getFirst();

    assertThat(hit.highlights().get("description"))
        .containsExactly(
            "Makes creamy foam for <em>cappuccino</em> &lt;b&gt;at home&lt;/b&gt; &amp; more.");
  }

  @Test
  void aTextThatFindsNothingGetsACorrectionThatDoes() {
    SearchResult nkie = index.search(text("nkie"));
    assertThat(nkie.total()).isZero();
    assertThat(nkie.suggestion()).isEqualTo("nike");

    SearchResult sny = index.search(text("sny hedphonez studoi"));
    assertThat(sny.total()).isZero();
    assertThat(sny.suggestion()).isEqualTo("sony headphones studio");
    assertThat(index.search(text(sny.suggestion())).total()).isPositive();
  }

  @Test
  void noCorrectionWhenNothingCloseExists() {
    SearchResult result = index.search(text("qwxzvb"));

    assertThat(result.total()).isZero();
    assertThat(result.suggestion()).isNull();
  }

  @Test
  void noCorrectionWhenTheTextFindsSomething() {
    assertThat(index.search(text("nike")).suggestion()).isNull();
  }

  @Test
  void suggestCompletesProductNames() {
    assertThat(index.suggest("macb", 5))
        .containsExactlyInAnyOrder("Apple MacBook Air 13 M3", "Apple MacBook Pro 14 M4 Pro");
    assertThat(index.suggest("sony wh", 5))
        .containsExactly("Sony WH-1000XM5 Wireless Noise Cancelling Headphones");
    assertThat(index.suggest("kettle", 3)).hasSize(3).allMatch(name -> name.contains("Kettle"));
    assertThat(index.suggest("   ", 5)).isEmpty();
    assertThat(index.suggest("nike", 0)).isEmpty();
  }

  private static List<Long> ids(List<SearchHit> hits) {
    return hits.stream().map(SearchHit::id).toList();
  }

  private static List<String> names(List<SearchHit> hits) {
    return hits.stream().limit(5).map(SearchHit::name).toList();
  }
}
