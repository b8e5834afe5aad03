package com.securecart.search.lucene;

import com.securecart.search.IndexedProduct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A seeded random catalog whose names and descriptions are made of words that are far apart (more
 * than two edits, none a prefix of another), so that a brute-force "contains every word" check
 * gives exactly the set the index must find, typo tolerance and prefix matching included.
 */
final class RandomCatalog {
  static final List<String> WORDS =
      List.of(
          "amber", "bronze", "cobalt", "denim", "falcon", "frost", "granite", "harbor", "ivory",
          "jungle", "kernel", "lunar", "meadow", "nectar", "orchid", "pepper", "quartz", "ripple",
          "saffron", "tundra", "velvet", "walnut", "zephyr", "yonder");

  static final List<String> CATEGORIES =
      List.of(
          "Lamps",
          "Chairs",
          "Tables",
          "Rugs",
          "Mirrors",
          "Clocks",
          "Vases",
          "Cushions",
          "Shelves",
          "Beds",
          "Desks",
          "Home & Garden");

  static final List<String> BRANDS =
      List.of(
          "Acme",
          "Borealis",
          "Cirrus",
          "Dynamo",
          "Equinox",
          "Fjord",
          "Gala",
          "Helix",
          "Icon",
          "Jolt",
          "Kappa",
          "Lumo",
          "Mosaic",
          "Nimbus",
          "Onyx");

  private RandomCatalog() {}

  static List<IndexedProduct> generate(long seed, int count) {
    Random random = new Random(seed);
    List<IndexedProduct> products = new ArrayList<>(count);
    for (int i = 1; i <= count; i++) {
      String name = capitalize(word(random)) + " " + capitalize(word(random)) + " Model" + i;
      String description = word(random) + " " + word(random) + " and " + word(random) + ".";
      // Some products have no brand: they count in no brand facet and pass no brand filter.
      String brand = random.nextInt(20) == 0 ? null : BRANDS.get(random.nextInt(BRANDS.size()));
      // Skewed, so that the top-10 cut of the facets matters.
      String category =
          CATEGORIES.get(
              Math.min(random.nextInt(CATEGORIES.size() * 2), random.nextInt(CATEGORIES.size())));
      long price =
          switch (random.nextInt(7)) {
            case 0 -> 100 + random.nextInt(2_400);
            case 1 -> 2_500;
            case 2 -> 2_501 + random.nextInt(10_000);
            case 3 -> 12_500 + random.nextInt(30_000);
            case 4 -> 50_000;
            case 5 -> 40_000 + random.nextInt(100_000);
            default -> 100_000 + random.nextInt(500_000);
          };
      int available = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(20);
      Instant updatedAt = Products.EPOCH.plusSeconds(random.nextInt(5_000));
      products.add(
          new IndexedProduct(
              i,
              "SKU-" + i,
              name,
              description,
              brand,
              category,
              price,
              "EUR",
              available,
              updatedAt));
    }
    return products;
  }

  private static String word(Random random) {
    return WORDS.get(random.nextInt(WORDS.size()));
  }

  private static String capitalize(String word) {
    return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }

  /** The lower-case words of a product's searchable text. */
  static Set<String> words(IndexedProduct p) {
    Set<String> words = new TreeSet<>();
    for (String text : new String[] {p.name(), p.description(), p.brand(), p.category()}) {
      if (text != null) {
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
          if (!word.isEmpty()) {
            words.add(word);
          }
        }
      }
    }
    return words;
  }

  /** Optimal-string-alignment distance, to check that the catalog's words are far apart. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
