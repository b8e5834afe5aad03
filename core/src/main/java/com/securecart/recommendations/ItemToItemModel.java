package com.securecart.recommendations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Item-to-item collaborative filtering as Amazon described it in 2003: two products are similar
 * when the same customers bought both. Similarity is the cosine of the products' buyer vectors,
 * with each buyer weighted by how selective he is (1 / ln(2 + products he bought), so that a
 * wholesaler who bought everything says little) and shrunk towards 0 when few buyers support it.
 * Cosine divides by both products' popularity, so a best-seller is not similar to everything merely
 * for being bought often. Immutable: a new training run builds a new model, which the serving side
 * swaps in whole.
 *
 * <p>The same structure (per product, its best neighbours and their weights) serves an EASE model
 * ({@link EaseTrainer}); {@link #family} says which family learnt the weights.
 */
public final class ItemToItemModel {
  /** Buyers in common below which a similarity is shrunk: {@code co / (co + SHRINK)}. */
  static final float SHRINK = 2f;

  /** Most popular products kept per category for the fallback. */
  static final int CATEGORY_FALLBACK = 100;

  private final ModelFamily family;
  private final long[] products;
  private final Map<Long, Integer> index;
  private final int[][] neighbours;
  private final float[][] scores;
  private final long[] popular;
  private final Map<String, long[]> popularByCategory;

  private ItemToItemModel(
      ModelFamily family,
      long[] products,
      int[][] neighbours,
      float[][] scores,
      long[] popular,
      Map<String, long[]> popularByCategory) {
    this.family = family;
    this.products = products;
    this.neighbours = neighbours;
    this.scores = scores;
    this.popular = popular;
    this.popularByCategory = popularByCategory;
    Map<Long, Integer> byId = new HashMap<>(products.length * 2);
    for (int i = 0; i < products.length; i++) {
      byId.put(products[i], i);
    }
    this.index = byId;
  }

  /** Trains on {@code baskets}, keeping each product's {@code keep} most similar products. */
  static ItemToItemModel train(Baskets baskets, int keep) {
    return train(baskets, keep, product -> null);
  }

  /**
   * As {@link #train(Baskets, int)}, and ranks each category's products by popularity ({@code
   * categoryOf} says a product's category, or null), the fallback for products nobody bought with
   * others yet.
   */
  static ItemToItemModel train(
      Baskets baskets, int keep, java.util.function.LongFunction<String> categoryOf) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be at least 1");
    }
    int items = baskets.productCount();
    int customers = baskets.customerCount();
    float[] weight = new float[customers];
    float[] norm = new float[items];
    int[] buyers = new int[items];
    for (int c = 0; c < customers; c++) {
      int[] bought = baskets.itemsOf(c);
      weight[c] = (float) (1.0 / Math.log(2.0 + bought.length));
      for (int i : bought) {
        norm[i] += weight[c] * weight[c];
        buyers[i]++;
      }
    }
    int[][] customersOf = invert(baskets, buyers);
    int[][] neighbours = new int[items][];
    float[][] scores = new float[items][];
    float[] co = new float[items];
    int[] support = new int[items];
    int[] touched = new int[items];
    for (int i = 0; i < items; i++) {
      int count = 0;
      for (int c : customersOf[i]) {
        float w = weight[c] * weight[c];
        for (int j : baskets.itemsOf(c)) {
          if (j != i) {
            if (support[j] == 0) {
              touched[count++] = j;
            }
            co[j] += w;
            support[j]++;
          }
        }
      }
      TopK top = new TopK(keep);
      for (int t = 0; t < count; t++) {
        int j = touched[t];
        float cosine = co[j] / (float) Math.sqrt((double) norm[i] * norm[j]);
        top.offer(j, cosine * support[j] / (support[j] + SHRINK));
        co[j] = 0;
        support[j] = 0;
      }
      neighbours[i] = top.items();
      scores[i] = top.scores();
    }
    return of(ModelFamily.ITEM_TO_ITEM, baskets, neighbours, scores, categoryOf);
  }

  /**
   * The serving structure of any family: each item's neighbours (dense item numbers of {@code
   * baskets}, best first) and their weights, with the popularity fallbacks counted from {@code
   * baskets}.
   */
  static ItemToItemModel of(
      ModelFamily family,
      Baskets baskets,
      int[][] neighbours,
      float[][] scores,
      java.util.function.LongFunction<String> categoryOf) {
    int items = baskets.productCount();
    int[] buyers = new int[items];
    for (int c = 0; c < baskets.customerCount(); c++) {
      for (int i : baskets.itemsOf(c)) {
        buyers[i]++;
      }
    }
    long[] popular = byPopularity(baskets, buyers);
    long[] ids = new long[items];
    for (int i = 0; i < items; i++) {
      ids[i] = baskets.product(i);
    }
    Map<String, List<Long>> perCategory = new HashMap<>();
    for (long id : popular) {
      String category = categoryOf.apply(id);
      if (category != null) {
        perCategory.computeIfAbsent(category, c -> new ArrayList<>()).add(id);
      }
    }
    Map<String, long[]> popularByCategory = new HashMap<>();
    perCategory.forEach(
        (category, list) ->
            popularByCategory.put(
                category,
                list.stream().limit(CATEGORY_FALLBACK).mapToLong(Long::longValue).toArray()));
    return new ItemToItemModel(family, ids, neighbours, scores, popular, popularByCategory);
  }

  private static int[][] invert(Baskets baskets, int[] buyers) {
    int[][] customersOf = new int[buyers.length][];
    int[] filled = new int[buyers.length];
    for (int i = 0; i < buyers.length; i++) {
      customersOf[i] = new int[buyers[i]];
    }
    for (int c = 0; c < baskets.customerCount(); c++) {
      for (int i : baskets.itemsOf(c)) {
        customersOf[i][filled[i]++] = c;
      }
    }
    return customersOf;
  }

  private static long[] byPopularity(Baskets baskets, int[] buyers) {
    Integer[] order = new Integer[buyers.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        (a, b) ->
            buyers[a] != buyers[b]
                ? Integer.compare(buyers[b], buyers[a])
                : Long.compare(baskets.product(a), baskets.product(b)));
    long[] popular = new long[order.length];
    for (int i = 0; i < order.length; i++) {
      popular[i] = baskets.product(order[i]);
    }
    return popular;
  }

  /**
   * "Customers who bought this also bought": up to {@code limit} products most similar to {@code
   * product} that {@code eligible} accepts (active and in stock, say), best first; never the
   * product itself.
   */
  public List<Long> similarTo(long product, int limit, LongPredicate eligible) {
    return similarTo(product, null, limit, eligible);
  }

  /**
   * As {@link #similarTo(long, int, LongPredicate)}; for a product nobody bought with others yet (a
   * new one), the most popular products of {@code category} instead.
   */
  List<Long> similarTo(long product, String category, int limit, LongPredicate eligible) {
    Integer i = index.get(product);
    List<Long> out = new ArrayList<>(limit);
    if (i != null) {
      for (int n : neighbours[i]) {
        if (out.size() == limit) {
          break;
        }
        long id = products[n];
        if (id != product && eligible.test(id)) {
          out.add(id);
        }
      }
    }
    // Only a product with no co-purchases at all (a new one) falls back on its category: for the
    // others, "also bought" means exactly that.
    boolean isNew = i == null || neighbours[i].length == 0;
    long[] fallback = category == null || !isNew ? null : popularByCategory.get(category);
    for (int k = 0; fallback != null && k < fallback.length && out.size() < limit; k++) {
      long id = fallback[k];
      if (id != product && !out.contains(id) && eligible.test(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * "Recommended for you": products similar to what the customer bought, scored by the sum of their
   * similarities to his purchases, never one he bought; topped up from the most popular when his
   * history says too little.
   */
  public List<Long> forCustomer(Collection<Long> bought, int limit, LongPredicate eligible) {
    Set<Long> owned = new HashSet<>(bought);
    Map<Integer, Float> sum = new HashMap<>();
    for (long product : owned) {
      Integer i = index.get(product);
      if (i == null) {
        continue;
      }
      int[] near = neighbours[i];
      float[] s = scores[i];
      for (int k = 0; k < near.length; k++) {
        sum.merge(near[k], s[k], Float::sum);
      }
    }
    TopK top = new TopK(Math.max(limit * 4, limit + owned.size()));
    sum.forEach(top::offer);
    List<Long> out = new ArrayList<>(limit);
    for (int n : top.items()) {
      long id = products[n];
      if (out.size() < limit && !owned.contains(id) && eligible.test(id)) {
        out.add(id);
      }
    }
    for (int k = 0; k < popular.length && out.size() < limit; k++) {
      long id = popular[k];
      if (!owned.contains(id) && !out.contains(id) && eligible.test(id)) {
        out.add(id);
      }
    }
    return out;
  }

  /** The most bought products (by distinct buyers) that {@code eligible} accepts, for newcomers. */
  List<Long> popular(int limit, Collection<Long> exclude, LongPredicate eligible) {
    Set<Long> skip = new HashSet<>(exclude);
    List<Long> out = new ArrayList<>(limit);
    for (int k = 0; k < popular.length && out.size() < limit; k++) {
      if (!skip.contains(popular[k]) && eligible.test(popular[k])) {
        out.add(popular[k]);
      }
    }
    return out;
  }

  int productCount() {
    return products.length;
  }

  /** {@code product}'s kept neighbours and their weights, best first; empty if unknown. */
  Map<Long, Float> neighboursOf(long product) {
    Integer i = index.get(product);
    Map<Long, Float> out = new java.util.LinkedHashMap<>();
    for (int k = 0; i != null && k < neighbours[i].length; k++) {
      out.put(products[neighbours[i][k]], scores[i][k]);
    }
    return out;
  }

  /** How the neighbour weights were learnt. */
  public ModelFamily family() {
    return family;
  }

  /** The model as bytes (gzip), to store a version; {@link #fromBytes} reads it back. */
  byte[] toBytes() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.DataOutputStream out =
        new java.io.DataOutputStream(
            new java.io.BufferedOutputStream(new java.util.zip.GZIPOutputStream(bytes)))) {
      out.writeInt(FORMAT);
      out.writeUTF(family.label());
      out.writeInt(products.length);
      for (int i = 0; i < products.length; i++) {
        out.writeLong(products[i]);
        out.writeInt(neighbours[i].length);
        for (int k = 0; k < neighbours[i].length; k++) {
          out.writeInt(neighbours[i][k]);
          out.writeFloat(scores[i][k]);
        }
      }
      writeLongs(out, popular);
      out.writeInt(popularByCategory.size());
      for (Map.Entry<String, long[]> e : popularByCategory.entrySet()) {
        out.writeUTF(e.getKey());
        writeLongs(out, e.getValue());
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Reads a model written by {@link #toBytes}. */
  static ItemToItemModel fromBytes(byte[] bytes) {
    try (java.io.DataInputStream in =
        new java.io.DataInputStream(
            new java.io.BufferedInputStream(
                new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(bytes))))) {
      int format = in.readInt();
      if (format != FORMAT && format != FORMAT_1) {
        throw new IllegalArgumentException("not a model of a known format: " + format);
      }
      // Format 1 was written before there was a second family.
      ModelFamily family =
          format == FORMAT_1 ? ModelFamily.ITEM_TO_ITEM : ModelFamily.of(in.readUTF());
      int n = in.readInt();
      long[] ids = new long[n];
      int[][] near = new int[n][];
      float[][] s = new float[n][];
      for (int i = 0; i < n; i++) {
        ids[i] = in.readLong();
        int k = in.readInt();
        near[i] = new int[k];
        s[i] = new float[k];
        for (int j = 0; j < k; j++) {
          near[i][j] = in.readInt();
          s[i][j] = in.readFloat();
        }
      }
      long[] popular = readLongs(in);
      int categories = in.readInt();
      Map<String, long[]> byCategory = new HashMap<>();
      for (int c = 0; c < categories; c++) {
        byCategory.put(in.readUTF(), readLongs(in));
      }
      return new ItemToItemModel(family, ids, near, s, popular, byCategory);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Format 2 adds the family after the format number. */
  private static final int FORMAT = 2;

  private static final int FORMAT_1 = 1;

  private static void writeLongs(java.io.DataOutputStream out, long[] values)
      throws java.io.IOException {
    out.writeInt(values.length);
    for (long v : values) {
      out.writeLong(v);
    }
  }

  private static long[] readLongs(java.io.DataInputStream in) throws java.io.IOException {
    long[] values = new long[in.readInt()];
    for (int i = 0; i < values.length; i++) {
      values[i] = in.readLong();
    }
    return values;
  }
}
