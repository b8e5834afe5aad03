package com.securecart.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemToItemModelTest {
  private static final List<OfflineEvaluation.Purchase> PLANTED =
      PlantedPurchases.generate(3_000, 42);

  private static ItemToItemModel trained() {
    Baskets.Builder baskets = Baskets.builder();
    PLANTED.forEach(p -> baskets.add(p.customer(), p.product()));
    return ItemToItemModel.train(baskets.build(), 20);
  }

  @Test
  void similarProductsComeFromTheSameTasteSegmentNotFromTheBestSellers() {
    ItemToItemModel model = trained();
    for (int segment = 0; segment < PlantedPurchases.SEGMENTS; segment++) {
      long product = PlantedPurchases.segmentProduct(segment, 3);
      List<Long> similar = model.similarTo(product, 10, id -> true);
      assertThat(similar).hasSize(10);
      int own = segment;
      assertThat(similar)
          .as("similar to %d", product)
          .allSatisfy(id -> assertThat(PlantedPurchases.segmentOf(id)).isEqualTo(own));
    }
  }

  @Test
  void neverRecommendsTheProductItselfOrOneTheFilterRefuses() {
    ItemToItemModel model = trained();
    long product = PlantedPurchases.segmentProduct(2, 0);
    long refused = model.similarTo(product, 1, id -> true).getFirst();

    List<Long> similar = model.similarTo(product, 10, id -> id != refused);

    assertThat(similar).doesNotContain(product, refused).hasSize(10);
  }

  @Test
  void aCustomerIsRecommendedHisSegmentAndNothingHeBought() {
    ItemToItemModel model = trained();
    List<Long> bought =
        List.of(PlantedPurchases.segmentProduct(4, 0), PlantedPurchases.segmentProduct(4, 1));

    List<Long> recommended = model.forCustomer(bought, 10, id -> true);

    assertThat(recommended).hasSize(10).doesNotContainAnyElementsOf(bought);
    assertThat(recommended.stream().filter(id -> PlantedPurchases.segmentOf(id) == 4).count())
        .isGreaterThanOrEqualTo(8);
  }

  @Test
  void aNewcomerGetsTheBestSellersAndAnUnknownProductNothing() {
    ItemToItemModel model = trained();

    assertThat(model.forCustomer(List.of(), 5, id -> true))
        .allSatisfy(id -> assertThat(PlantedPurchases.segmentOf(id)).isEqualTo(-1));
    assertThat(model.similarTo(123_456_789L, 5, id -> true)).isEmpty();
  }

  @Test
  void onPlantedDataTheModelBeatsPopularityByFarOnATimeSplit() {
    OfflineEvaluation.Result result =
        OfflineEvaluation.run(
                PLANTED,
                PlantedPurchases.START.plusSeconds(70 * 86_400L),
                10,
                List.of(Training.itemToItem(20)))
            .get(0);

    assertThat(result.customers()).isGreaterThan(1_000);
    // Seed 42 gives hit rate 0.661 against 0.325 and NDCG 0.255 against 0.087; the bounds leave
    // room for other seeds while still failing a model that ranks by popularity.
    assertThat(result.modelHitRate()).isGreaterThanOrEqualTo(1.5 * result.popularHitRate());
    assertThat(result.modelNdcg()).isGreaterThanOrEqualTo(2 * result.popularNdcg());
  }

  @Test
  void hitRateAndNdcgFollowTheirDefinitions() {
    Set<Long> relevant = Set.of(2L, 9L);

    assertThat(OfflineEvaluation.hit(List.of(1L, 2L), relevant)).isEqualTo(1);
    assertThat(OfflineEvaluation.hit(List.of(1L, 3L), relevant)).isZero();
    // One hit in second place of two relevant: (1/log2 3) / (1 + 1/log2 3).
    double expected = (1 / log2(3)) / (1 + 1 / log2(3));
    assertThat(OfflineEvaluation.ndcg(List.of(1L, 2L, 5L), relevant, 10))
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(OfflineEvaluation.ndcg(List.of(9L, 2L), relevant, 10)).isEqualTo(1.0);
  }

  @Test
  void aModelReadBackFromItsBytesRecommendsTheSame() {
    Baskets.Builder baskets = Baskets.builder();
    PLANTED.forEach(p -> baskets.add(p.customer(), p.product()));
    ItemToItemModel model =
        ItemToItemModel.train(
            baskets.build(), 20, id -> "segment " + PlantedPurchases.segmentOf(id));

    ItemToItemModel copy = ItemToItemModel.fromBytes(model.toBytes());

    for (long product : List.of(1L, 2_005L, 5_030L, 90_001L, 777_777L)) {
      assertThat(copy.similarTo(product, "segment 2", 10, id -> true))
          .isEqualTo(model.similarTo(product, "segment 2", 10, id -> true));
    }
    assertThat(copy.forCustomer(List.of(1L, 3_002L), 10, id -> true))
        .isEqualTo(model.forCustomer(List.of(1L, 3_002L), 10, id -> true));
    assertThatThrownBy(() -> ItemToItemModel.fromBytes(new byte[] {1, 2, 3}))
        .isInstanceOf(RuntimeException.class);
  }

  @Test
  void trainingNeedsRoomForAtLeastOneNeighbour() {
    assertThatThrownBy(() -> ItemToItemModel.train(Baskets.builder().add(1, 2).build(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void topKKeepsTheBestAndBreaksTiesByTheLowerItem() {
    TopK top = new TopK(3);
    top.offer(7, 0.5f);
    top.offer(3, 0.9f);
    top.offer(5, 0.5f);
    top.offer(1, 0.1f);
    top.offer(4, 0.5f);

    assertThat(top.items()).containsExactly(3, 4, 5);
    assertThat(top.scores()).containsExactly(0.9f, 0.5f, 0.5f);
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
