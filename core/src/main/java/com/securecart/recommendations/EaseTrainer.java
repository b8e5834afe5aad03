package com.securecart.recommendations;

import java.util.function.LongFunction;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): the item-item
 * weights B that best rebuild each customer's purchases X from his other purchases under a ridge
 * penalty, in closed form: G = XᵀX + λI, P = G⁻¹, B = -P / diag(P) column by column, diag(B) = 0. A
 * customer's score for item j is Σᵢ xᵢ Bᵢⱼ, so row i of B, kept to its best positive weights, is
 * exactly the neighbour list {@link ItemToItemModel#forCustomer} sums: serving is unchanged. Unlike
 * cosine, the weights are learnt jointly, so an item bought with a whole group is not counted once
 * per member. Costs n² floats of memory and n³ time in the catalog size n
 * (docs/recommendations.md).
 */
final class EaseTrainer {
  private EaseTrainer() {}

  /**
   * Trains on {@code baskets} with ridge {@code lambda}, keeping each item's {@code keep} highest
   * positive weights. With {@code weighted}, each customer's row counts 1 / ln(2 + items he
   * bought), as item-to-item weighs buyers, so that a wholesaler does not dominate the Gram matrix.
   */
  static ItemToItemModel train(
      Baskets baskets, float lambda, int keep, boolean weighted, LongFunction<String> categoryOf) {
    if (keep < 1 || !(lambda > 0)) {
      throw new IllegalArgumentException("keep must be at least 1 and lambda positive");
    }
    int n = baskets.productCount();
    int[][] neighbours = new int[n][];
    float[][] scores = new float[n][];
    try (Lapack.SymmetricMatrix g = gram(baskets, weighted)) {
      for (int i = 0; i < n; i++) {
        g.add(i, i, lambda);
      }
      g.invertInPlace();
      float[] diagonal = new float[n];
      for (int j = 0; j < n; j++) {
        diagonal[j] = g.get(j, j);
      }
      float[] row = new float[n];
      for (int i = 0; i < n; i++) {
        g.row(i, row);
        TopK top = new TopK(keep);
        for (int j = 0; j < n; j++) {
          float weight = -row[j] / diagonal[j];
          if (j != i && weight > 0) {
            top.offer(j, weight);
          }
        }
        neighbours[i] = top.items();
        scores[i] = top.scores();
      }
    }
    return ItemToItemModel.of(ModelFamily.EASE, baskets, neighbours, scores, categoryOf);
  }

  /** XᵀX (upper triangle and diagonal: LAPACK reads no more) in native memory. */
  static Lapack.SymmetricMatrix gram(Baskets baskets, boolean weighted) {
    Lapack.SymmetricMatrix g = new Lapack.SymmetricMatrix(baskets.productCount());
    for (int c = 0; c < baskets.customerCount(); c++) {
      int[] bought = baskets.itemsOf(c);
      float w = weighted ? (float) (1.0 / Math.log(2.0 + bought.length)) : 1f;
      float w2 = w * w;
      // bought is ascending, so (bought[a], bought[b]) with a <= b lies on or above the diagonal.
      for (int a = 0; a < bought.length; a++) {
        for (int b = a; b < bought.length; b++) {
          g.add(bought[a], bought[b], w2);
        }
      }
    }
    return g;
  }
}
