package com.securecart.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fixed query mix of {@code ./securecart bench search}: 40 searches over the vocabulary of the
 * server's demo catalog (com.securecart.server.demo.DemoCatalog: 12 categories, their brands and
 * product nouns, and adjectives such as Pro or Premium), the same list, in the same order, for
 * SecureCart's Lucene index over HTTP and for PostgreSQL. The words are copied here rather than
 * read from DemoCatalog so that the bench module does not depend on the server; the validation pass
 * of the benchmark shows, per search, how many products each engine found, so a vocabulary that
 * drifted would show as searches finding nothing.
 *
 * <p>Typos are made by rules, not typed by hand: one pair of neighbouring letters swapped, or one
 * letter dropped, in a word of 5 to 9 letters, never the first letter (both SecureCart's typo
 * tolerance and most shoppers' typos keep it).
 */
final class SearchMix {
  /** Results per page, as the shop's front end asks. */
  static final int PAGE_SIZE = 20;

  /**
   * One search: its kind (for the per-kind latencies), text, filters (null when absent; prices in
   * cents, inclusive), sort and page.
   */
  record SearchCase(
      int no,
      String kind,
      String text,
      String category,
      String brand,
      Long minCents,
      Long maxCents,
      boolean inStock,
      String sort,
      int page) {

    boolean hasText() {
      return !text.isBlank();
    }

    /** The query string of {@code GET /api/search}. */
    String queryString() {
      StringBuilder q = new StringBuilder("q=").append(encode(text));
      if (category != null) {
        q.append("&category=").append(encode(category));
      }
      if (brand != null) {
        q.append("&brand=").append(encode(brand));
      }
      if (minCents != null) {
        q.append("&minPrice=").append(minCents);
      }
      if (maxCents != null) {
        q.append("&maxPrice=").append(maxCents);
      }
      if (inStock) {
        q.append("&inStock=true");
      }
      return q.append("&sort=")
          .append(sort)
          .append("&page=")
          .append(page)
          .append("&size=")
          .append(PAGE_SIZE)
          .toString();
    }

    /** A one-line description for tables, e.g. {@code "samsnug" sort=relevance page=0}. */
    String describe() {
      StringBuilder d = new StringBuilder("\"").append(text).append('"');
      if (category != null) {
        d.append(" category=").append(category);
      }
      if (brand != null) {
        d.append(" brand=").append(brand);
      }
      if (minCents != null || maxCents != null) {
        d.append(" price=")
            .append(minCents == null ? "" : minCents)
            .append("..")
            .append(maxCents == null ? "" : maxCents);
      }
      if (inStock) {
        d.append(" inStock");
      }
      return d.append(" sort=").append(sort).append(" page=").append(page).toString();
    }

    private static String encode(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  static final List<String> KINDS =
      List.of("exact", "typo", "prefix", "brand+type", "filtered", "browse", "no-hit");

  static final List<SearchCase> MIX = build();

  private SearchMix() {}

  /** {@code word} with the letters at {@code i} and {@code i + 1} swapped. */
  static String swap(String word, int i) {
    check(word, i, i + 1);
    char[] c = word.toCharArray();
    char t = c[i];
    c[i] = c[i + 1];
    c[i + 1] = t;
    return new String(c);
  }

  /** {@code word} without the letter at {@code i}. */
  static String drop(String word, int i) {
    check(word, i, i);
    return word.substring(0, i) + word.substring(i + 1);
  }

  private static void check(String word, int from, int to) {
    if (word.length() < 5 || word.length() > 9 || from < 1 || to >= word.length()) {
      throw new IllegalArgumentException("typo rule misapplied to " + word + " at " + from);
    }
  }

  private static List<SearchCase> build() {
    List<SearchCase> mix = new ArrayList<>();
    Builder b = new Builder(mix);
    // Plain words of the catalog: product nouns and two-word product types.
    b.kind("exact");
    b.add("headphones", "relevance", 0);
    b.add("laptop", "price_asc", 0);
    b.add("espresso beans", "relevance", 1);
    b.add("board game", "newest", 0);
    b.add("smartwatch", "relevance", 2);
    b.add("rain jacket", "price_desc", 0);
    b.in(null, null, null, null, true).add("stand mixer", "relevance", 0);
    b.add("mirrorless camera", "relevance", 0);
    // Typos: a brand or noun of 5 to 9 letters with two letters swapped or one dropped.
    b.kind("typo");
    b.add(swap("samsung", 4), "relevance", 0); // samsnug
    b.add(drop("notebook", 6), "price_asc", 0); // notebok
    b.add(drop("lavazza", 4) + " espresso", "relevance", 0); // lavaza
    b.in("Running Shoes", null, null, null, false)
        .add(swap("trainer", 5), "relevance", 0); // trainre
    b.add(swap("garmin", 1) + " smartwatch", "relevance", 0); // gramin
    b.add(drop("cookbook", 2), "newest", 0); // cokbook
    b.add(swap("patagonia", 5) + " jacket", "relevance", 0); // patagnoia
    b.in(null, null, null, null, true)
        .add(swap("fujifilm", 5) + " camera", "relevance", 0); // fujiflim
    b.add(drop("puzzle", 3), "price_desc", 0); // puzle
    // Prefixes, as typed into a search box before the word is finished.
    b.kind("prefix");
    b.add("headp", "relevance", 0);
    b.add("lapt", "relevance", 0);
    b.add("chromeb", "price_asc", 0);
    b.add("sony head", "relevance", 0);
    b.add("ultrab", "relevance", 1);
    b.in(null, null, null, null, true).add("kett", "relevance", 0);
    // A brand and a product type.
    b.kind("brand+type");
    b.add("sony headphones", "relevance", 0);
    b.add("apple laptop", "price_desc", 0);
    b.add("lego building set", "relevance", 0);
    b.in(null, null, null, null, true).add("nike running shoe", "relevance", 0);
    b.add("canon lens", "newest", 0);
    b.add("bosch lawn mower", "relevance", 1);
    // Words with facet filters: category, brand, price range (cents, inclusive), in stock.
    b.kind("filtered");
    b.in("Laptops", null, 100_000L, 200_000L, false).add("pro", "price_asc", 0);
    b.in(null, "Sony", null, null, false).add("black", "relevance", 0);
    b.in("Watches", null, null, null, true).add("premium", "price_desc", 0);
    b.in(null, "Illy", null, 2_000L, false).add("coffee", "relevance", 0);
    b.in(null, null, 30_000L, null, false).add("compact camera", "newest", 2);
    // No words: browsing a category or price range, facets over everything that passes.
    b.kind("browse");
    b.in("Phones", null, null, null, false).add("", "price_asc", 0);
    b.in("Books", "Penguin", null, null, true).add("", "relevance", 0);
    b.in(null, null, 10_000L, 25_000L, false).add("", "newest", 0);
    b.add("", "relevance", 0);
    b.in("Kitchen", "Le Creuset", 5_000L, 20_000L, false).add("", "price_desc", 1);
    // Words the catalog does not have: zero results, the "did you mean" path.
    b.kind("no-hit");
    b.add("wireless keyboard", "relevance", 0);
    return List.copyOf(mix);
  }

  /** Adds cases of the current kind; filters set with {@link #in} apply to the next case only. */
  private static final class Builder {
    private final List<SearchCase> mix;
    private String kind;
    private String category;
    private String brand;
    private Long min;
    private Long max;
    private boolean inStock;

    Builder(List<SearchCase> mix) {
      this.mix = mix;
    }

    void kind(String kind) {
      if (!KINDS.contains(kind)) {
        throw new IllegalArgumentException(kind);
      }
      this.kind = kind;
    }

    Builder in(String category, String brand, Long min, Long max, boolean inStock) {
      this.category = category;
      this.brand = brand;
      this.min = min;
      this.max = max;
      this.inStock = inStock;
      return this;
    }

    void add(String text, String sort, int page) {
      mix.add(
          new SearchCase(
              mix.size() + 1,
              kind,
              text.toLowerCase(Locale.ROOT),
              category,
              brand,
              min,
              max,
              inStock,
              sort,
              page));
      in(null, null, null, null, false);
    }
  }
}
