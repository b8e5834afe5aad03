package com.securecart.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class EaseTrainerTest {
  private static final long A = 100;
  private static final long B = 200;
  private static final long C = 300;

  /**
   * Four customers: {A,B} twice, {B,C}, {A,B,C}. With lambda 1, G = XᵀX + I = [[4,3,1],[3,5,2],
   * [1,2,3]], det 24, so by cofactors P = G⁻¹ = [[11,-7,1],[-7,11,-5],[1,-5,11]] / 24 and B = -P /
   * diag(P): A→B 7/11, A→C -1/11, B→C 5/11 (symmetric here since diag(P) is constant).
   */
  private static Baskets tiny() {
    return Baskets.builder()
        .add(1, A)
        .add(1, B)
        .add(2, A)
        .add(2, B)
        .add(3, B)
        .add(3, C)
        .add(4, A)
        .add(4, B)
        .add(4, C)
        .build();
  }

  @Test
  void lapackInvertsTheGramMatrixAsComputedByHand() {
    Baskets baskets = tiny();
    try (Lapack.SymmetricMatrix g = EaseTrainer.gram(baskets, false)) {
      for (int i = 0; i < 3; i++) {
        g.add(i, i, 1);
      }
      g.invertInPlace();
      float[][] expected = {{11, -7, 1}, {-7, 11, -5}, {1, -5, 11}};
      int[] item = {baskets.item(A), baskets.item(B), baskets.item(C)};
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          assertThat(g.get(item[i], item[j]))
              .as("P[%d][%d]", i, j)
              .isCloseTo(expected[i][j] / 24, within(1e-6f));
        }
      }
    }
  }

  @Test
  void theWeightsAreTheClosedFormWithAZeroDiagonalAndOnlyPositiveOnesKept() {
    ItemToItemModel model = EaseTrainer.train(tiny(), 1, 10, false, product -> null);

    assertThat(model.family()).isEqualTo(ModelFamily.EASE);
    assertThat(model.neighboursOf(A)).containsOnlyKeys(B);
    assertThat(model.neighboursOf(A).get(B)).isCloseTo(7f / 11, within(1e-5f));
    assertThat(model.neighboursOf(B)).containsOnlyKeys(A, C);
    assertThat(model.neighboursOf(B).get(A)).isCloseTo(7f / 11, within(1e-5f));
    assertThat(model.neighboursOf(B).get(C)).isCloseTo(5f / 11, within(1e-5f));
    assertThat(model.neighboursOf(C)).containsOnlyKeys(B);
    // A customer who bought A and C scores B by the sum of its weights in their rows.
    assertThat(model.forCustomer(List.of(A, C), 1, id -> true)).containsExactly(B);
  }

  @Test
  void aNonPositiveDefiniteMatrixIsRefusedNotInverted() {
    try (Lapack.SymmetricMatrix g = new Lapack.SymmetricMatrix(2)) {
      g.add(0, 0, 1);
      g.add(0, 1, 2);
      g.add(1, 1, 1);
      assertThatThrownBy(g::invertInPlace).isInstanceOf(ArithmeticException.class);
    }
  }

  @Test
  void onPlantedDataSimilarProductsComeFromTheSameTasteSegmentAndNeverAnother() {
    ItemToItemModel model = planted();
    for (int segment = 0; segment < PlantedPurchases.SEGMENTS; segment++) {
      long product = PlantedPurchases.segmentProduct(segment, 3);
      int own = segment;
      List<Long> similar = model.similarTo(product, 10, id -> true);
      // Everybody buys the best-sellers, so a regression may lean on them a little; it must never
      // tie two segments together, and its own segment must dominate.
      assertThat(similar)
          .as("similar to %d", product)
          .hasSize(10)
          .doesNotContain(product)
          .allSatisfy(id -> assertThat(PlantedPurchases.segmentOf(id)).isIn(own, -1));
      assertThat(similar.stream().filter(id -> PlantedPurchases.segmentOf(id) == own).count())
          .isGreaterThanOrEqualTo(7);
    }
  }

  @Test
  void onPlantedDataEaseBeatsPopularityOnATimeSplit() {
    List<OfflineEvaluation.Purchase> planted = PlantedPurchases.generate(3_000, 7);
    OfflineEvaluation.Result r =
        OfflineEvaluation.run(
                planted,
                PlantedPurchases.START.plusSeconds(70 * 86_400L),
                10,
                List.of(Training.ease(100, 20, false)))
            .get(0);
    assertThat(r.family()).isEqualTo(ModelFamily.EASE);
    assertThat(r.modelNdcg()).isGreaterThan(2 * r.popularNdcg());
  }

  @Test
  void anEaseModelReadBackFromItsBytesIsStillEaseAndRecommendsTheSame() {
    ItemToItemModel model = planted();
    ItemToItemModel copy = ItemToItemModel.fromBytes(model.toBytes());
    assertThat(copy.family()).isEqualTo(ModelFamily.EASE);
    long product = PlantedPurchases.segmentProduct(2, 5);
    assertThat(copy.neighboursOf(product)).isEqualTo(model.neighboursOf(product));
    assertThat(copy.forCustomer(List.of(product), 10, id -> true))
        .isEqualTo(model.forCustomer(List.of(product), 10, id -> true));
  }

  @Test
  void aModelOfTheFirstFormatReadsAsItemToItem() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(bytes))) {
      out.writeInt(1);
      out.writeInt(2); // products: A with neighbour B (index 1) at 0.5, B with none
      out.writeLong(A);
      out.writeInt(1);
      out.writeInt(1);
      out.writeFloat(0.5f);
      out.writeLong(B);
      out.writeInt(0);
      out.writeInt(2); // popular: B, A
      out.writeLong(B);
      out.writeLong(A);
      out.writeInt(0); // no categories
    }
    ItemToItemModel model = ItemToItemModel.fromBytes(bytes.toByteArray());
    assertThat(model.family()).isEqualTo(ModelFamily.ITEM_TO_ITEM);
    assertThat(model.neighboursOf(A)).isEqualTo(Map.of(B, 0.5f));
    assertThat(model.popular(5, List.of(), id -> true)).containsExactly(B, A);
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> Training.ease(0, 10, false))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Lapack.SymmetricMatrix(Lapack.SymmetricMatrix.MAX_SIZE + 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ModelFamily.of("ease")).isEqualTo(ModelFamily.EASE);
    assertThatThrownBy(() -> ModelFamily.of("svd")).isInstanceOf(IllegalArgumentException.class);
  }

  private static ItemToItemModel planted() {
    Baskets.Builder baskets = Baskets.builder();
    PlantedPurchases.generate(3_000, 42).forEach(p -> baskets.add(p.customer(), p.product()));
    return EaseTrainer.train(baskets.build(), 100, 20, false, product -> null);
  }
}
