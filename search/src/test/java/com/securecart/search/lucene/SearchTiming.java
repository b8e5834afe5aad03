package com.securecart.search.lucene;

import com.securecart.search.IndexedProduct;
import com.securecart.search.SearchQuery;
import com.securecart.search.SearchSort;
import com.securecart.shared.PageRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Rough latency figures of the query mix on a synthetic catalog (not a test, not JMH): run with
 * {@code java -cp <test classpath> com.securecart.search.lucene.SearchTiming [products [queries per
 * kind]]}. The baseline is a query with no words and no filters (match-all plus facets), measured
 * in the same run, so that ratios hold on a noisy machine.
 */
public final class SearchTiming {
  private static final String[] CATEGORIES = {
    "Running Shoes",
    "Laptops",
    "Headphones",
    "Coffee",
    "Kettles",
    "Coffee Machines",
    "Monitors",
    "Phones",
    "Cameras",
    "Watches",
    "Backpacks",
    "Lamps",
    "Chairs",
    "Desks",
    "Toys",
    "Books",
    "Tents",
    "Bicycles",
    "Helmets",
    "Speakers"
  };

  private SearchTiming() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int perMix = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    Random random = new Random(1);
    List<String> vocabulary = vocabulary(random, 20_000);
    List<String> brands =
        vocabulary.subList(0, 300).stream().map(SearchTiming::capitalize).toList();
    Path dir = Files.createTempDirectory("search-timing");
    try (LuceneSearchIndex index = new LuceneSearchIndex(dir)) {
      long start = System.nanoTime();
      List<IndexedProduct> batch = new ArrayList<>(1_000);
      for (int i = 1; i <= count; i++) {
        batch.add(product(i, random, vocabulary, brands));
        if (batch.size() == 1_000) {
          index.upsert(batch);
          batch.clear();
        }
      }
      index.upsert(batch);
      index.commit(count);
      index.refreshNow();
      System.out.printf(
          Locale.ROOT,
          "indexed %,d products in %.1f s (index size %d)%n",
          count,
          (System.nanoTime() - start) / 1e9,
          index.size());

      // Words that exist, misspelled ones, prefixes.
      Function<Random, String> word = r -> vocabulary.get(zipf(r, vocabulary.size()));
      List<Mix> mixes =
          List.of(
              new Mix(
                  "baseline: no words, no filters",
                  r -> query("", null, null, null, SearchSort.RELEVANCE)),
              new Mix("1 word", r -> query(word.apply(r), null, null, null, SearchSort.RELEVANCE)),
              new Mix(
                  "2 words + 1 char typo",
                  r ->
                      query(
                          typo(r, word.apply(r)) + " " + word.apply(r),
                          null,
                          null,
                          null,
                          SearchSort.RELEVANCE)),
              new Mix(
                  "2 words, 2 typos",
                  r ->
                      query(
                          typo(r, word.apply(r)) + " " + typo(r, word.apply(r)),
                          null,
                          null,
                          null,
                          SearchSort.RELEVANCE)),
              new Mix(
                  "prefix (3 chars)",
                  r ->
                      query(word.apply(r).substring(0, 3), null, null, null, SearchSort.RELEVANCE)),
              new Mix(
                  "1 word + category + price, by price",
                  r ->
                      query(
                          word.apply(r),
                          CATEGORIES[r.nextInt(CATEGORIES.length)],
                          null,
                          5_000L,
                          SearchSort.PRICE_ASC)),
              new Mix(
                  "no words + category + brand, newest",
                  r ->
                      query(
                          "",
                          CATEGORIES[r.nextInt(CATEGORIES.length)],
                          brands.get(r.nextInt(20)),
                          null,
                          SearchSort.NEWEST)),
              new Mix("suggest (3 chars)", null));
      for (int round = 0; round < 2; round++) {
        System.out.println(round == 0 ? "warm-up" : "measured, single thread (ms: median p99 max)");
        for (Mix mix : mixes) {
          double[] ms = run(index, mix, new Random(round), perMix, word);
          if (round == 1) {
            print(mix.name, ms);
          }
        }
      }
      for (int threads : new int[] {2, 4}) {
        System.out.printf(
            Locale.ROOT, "measured, %d threads, mixed queries (ms: median p99 max)%n", threads);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
          List<Future<double[]>> futures = new ArrayList<>();
          for (int t = 0; t < threads; t++) {
            int seed = 100 + t;
            futures.add(
                pool.submit(
                    () -> {
                      Random r = new Random(seed);
                      double[] all = new double[0];
                      for (Mix mix : mixes.subList(1, mixes.size())) {
                        double[] ms = run(index, mix, r, 300, word);
                        all = concat(all, ms);
                      }
                      return all;
                    }));
          }
          double[] all = new double[0];
          for (Future<double[]> f : futures) {
            all = concat(all, f.get());
          }
          print("all but the baseline", all);
        }
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private record Mix(String name, Function<Random, SearchQuery> query) {}

  private static double[] run(
      LuceneSearchIndex index, Mix mix, Random random, int n, Function<Random, String> word) {
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      if (mix.query == null) {
        String prefix = word.apply(random).substring(0, 3);
        long t0 = System.nanoTime();
        index.suggest(prefix, 8);
        ms[i] = (System.nanoTime() - t0) / 1e6;
      } else {
        SearchQuery query = mix.query.apply(random);
        long t0 = System.nanoTime();
        index.search(query);
        ms[i] = (System.nanoTime() - t0) / 1e6;
      }
    }
    return ms;
  }

  private static void print(String name, double[] ms) {
    double[] sorted = ms.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "  %-40s %6.2f %6.2f %6.2f  (n=%d)%n",
        name,
        sorted[sorted.length / 2],
        sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)],
        sorted[sorted.length - 1],
        sorted.length);
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static SearchQuery query(
      String text, String category, String brand, Long minPrice, SearchSort sort) {
    return new SearchQuery(
        text, category, brand, minPrice, null, false, sort, new PageRequest(0, 20));
  }

  private static IndexedProduct product(
      long id, Random random, List<String> vocabulary, List<String> brands) {
    String brand = brands.get(zipf(random, brands.size()));
    String category = CATEGORIES[zipf(random, CATEGORIES.length)];
    StringBuilder name = new StringBuilder(brand);
    for (int i = 0; i < 2 + random.nextInt(4); i++) {
      name.append(' ').append(capitalize(vocabulary.get(zipf(random, vocabulary.size()))));
    }
    name.append(' ').append(category.split(" ")[0]);
    StringBuilder description = new StringBuilder();
    for (int i = 0; i < 15 + random.nextInt(30); i++) {
      description
          .append(vocabulary.get(zipf(random, vocabulary.size())))
          .append(i % 9 == 8 ? ". " : " ");
    }
    return new IndexedProduct(
        id,
        "SKU-" + id,
        name.toString(),
        description.toString().strip(),
        brand,
        category,
        100 + (long) Math.pow(random.nextDouble(), 3) * 300_000,
        "EUR",
        random.nextInt(5) == 0 ? 0 : random.nextInt(50),
        Instant.ofEpochSecond(1_700_000_000L + random.nextInt(10_000_000)));
  }

  /** Pronounceable pseudo-words of 4 to 11 letters. */
  private static List<String> vocabulary(Random random, int size) {
    String consonants = "bcdfghklmnprstvz";
    String vowels = "aeiou";
    Set<String> words = new LinkedHashSet<>();
    while (words.size() < size) {
      StringBuilder w = new StringBuilder();
      int syllables = 2 + random.nextInt(3);
      for (int s = 0; s < syllables; s++) {
        w.append(consonants.charAt(random.nextInt(consonants.length())));
        w.append(vowels.charAt(random.nextInt(vowels.length())));
        if (random.nextInt(3) == 0) {
          w.append(consonants.charAt(random.nextInt(consonants.length())));
        }
      }
      words.add(w.toString());
    }
    return new ArrayList<>(words);
  }

  /** Roughly Zipf-distributed index: a few words are common, most are rare. */
  private static int zipf(Random random, int n) {
    return (int) Math.min(n - 1, Math.floor(Math.pow(n + 1, random.nextDouble()) - 1));
  }

  private static String typo(Random random, String word) {
    if (word.length() < 5) {
      return word;
    }
    int at = 1 + random.nextInt(word.length() - 2);
    return word.substring(0, at) + word.substring(at + 1); // drop one letter
  }

  private static String capitalize(String word) {
    return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
  }
}
