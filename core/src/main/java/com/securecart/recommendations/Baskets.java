package com.securecart.recommendations;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Who bought what, compacted for training: products and customers are numbered densely, and each
 * customer holds the sorted, distinct set of products he bought (how often does not matter to
 * item-to-item similarity). Built once per training run from purchase lines in any order.
 */
final class Baskets {
  private final long[] products;
  private final int[][] itemsByCustomer;
  private final Map<Long, Integer> productIndex;

  private Baskets(long[] products, int[][] itemsByCustomer, Map<Long, Integer> productIndex) {
    this.products = products;
    this.itemsByCustomer = itemsByCustomer;
    this.productIndex = productIndex;
  }

  /** Adds purchase lines one by one. */
  static final class Builder {
    private final Map<Long, Integer> products = new HashMap<>();
    private final Map<Long, Integer> customers = new HashMap<>();
    private long[] productIds = new long[1024];
    private int[][] items = new int[1024][];
    private int[] sizes = new int[1024];

    /** Records that {@code customer} bought {@code product}; repeats are harmless. */
    Builder add(long customer, long product) {
      int p = products.computeIfAbsent(product, k -> products.size());
      if (p == productIds.length) {
        productIds = Arrays.copyOf(productIds, p * 2);
      }
      productIds[p] = product;
      int c = customers.computeIfAbsent(customer, k -> customers.size());
      if (c == items.length) {
        items = Arrays.copyOf(items, c * 2);
        sizes = Arrays.copyOf(sizes, c * 2);
      }
      if (items[c] == null) {
        items[c] = new int[4];
      } else if (sizes[c] == items[c].length) {
        items[c] = Arrays.copyOf(items[c], sizes[c] * 2);
      }
      items[c][sizes[c]++] = p;
      return this;
    }

    Baskets build() {
      int[][] sets = new int[customers.size()][];
      for (int c = 0; c < sets.length; c++) {
        int[] bought = Arrays.copyOf(items[c], sizes[c]);
        Arrays.sort(bought);
        sets[c] = Arrays.stream(bought).distinct().toArray();
      }
      return new Baskets(Arrays.copyOf(productIds, products.size()), sets, Map.copyOf(products));
    }
  }

  static Builder builder() {
    return new Builder();
  }

  int productCount() {
    return products.length;
  }

  int customerCount() {
    return itemsByCustomer.length;
  }

  /** The product id of dense index {@code item}. */
  long product(int item) {
    return products[item];
  }

  /** The dense index of a product, or -1 if nobody bought it. */
  int item(long product) {
    Integer i = productIndex.get(product);
    return i == null ? -1 : i;
  }

  /** The distinct items customer {@code c} bought, ascending. Not a copy: do not modify. */
  int[] itemsOf(int c) {
    return itemsByCustomer[c];
  }
}
