package com.securecart.recommendations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.securecart.shared.CustomerId;
import com.securecart.shared.ProductId;
import com.securecart.shared.ValidationException;
import com.securecart.testing.MutableClock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class RecommendationsApiTest {
  /** Orders in memory; which world it describes can be switched between trainings. */
  private static final class Orders implements PurchaseHistory {
    volatile long[][] lines;
    final Set<Long> unavailable = new HashSet<>();

    @Override
    public void forEachPurchase(java.time.Instant before, Sink sink) {
      for (long[] line : lines) {
        long at = line.length > 2 ? line[2] : 0;
        if (before == null || at < before.getEpochSecond()) {
          sink.accept(line[0], line[1], at);
        }
      }
    }

    @Override
    public List<Long> productsBoughtBy(long customer, int limit) {
      List<Long> out = new ArrayList<>();
      for (long[] line : lines) {
        if (line[0] == customer) {
          out.add(line[1]);
        }
      }
      return out;
    }

    @Override
    public java.util.Map<Long, String> categories() {
      return java.util.Map.of(1L, "a", 2L, "a", 3L, "a", 4L, "b");
    }

    @Override
    public Set<Long> available(Collection<Long> products) {
      Set<Long> out = new HashSet<>(products);
      out.removeAll(unavailable);
      return out;
    }
  }

  /** Model versions in memory. */
  private static final class Store implements ModelStore {
    final List<Stored> versions = new ArrayList<>();

    @Override
    public synchronized long save(
        java.time.Instant trainedAt,
        java.time.Instant trainedThrough,
        int purchases,
        int products,
        OfflineEvaluation.Result quality,
        byte[] payload) {
      long version = versions.size() + 1;
      versions.add(
          new Stored(version, trainedAt, trainedThrough, purchases, products, quality, payload));
      return version;
    }

    @Override
    public synchronized java.util.OptionalLong latestVersion() {
      return versions.stream()
          .max(
              java.util.Comparator.comparing(Stored::trainedThrough).thenComparing(Stored::version))
          .map(s -> java.util.OptionalLong.of(s.version()))
          .orElse(java.util.OptionalLong.empty());
    }

    @Override
    public synchronized java.util.Optional<Stored> load(long version) {
      return java.util.Optional.of(versions.get((int) version - 1));
    }
  }

  // In world one, 1 goes with 2; in world two, 1 goes with 3.
  private static final long[][] ONE = {{10, 1}, {10, 2}, {11, 1}, {11, 2}, {12, 4}};
  private static final long[][] TWO = {{10, 1}, {10, 3}, {11, 1}, {11, 3}, {12, 4}};

  private final Orders orders = new Orders();
  private final Store store = new Store();
  private final RecommendationsApi api =
      new RecommendationsApi(orders, store, MutableClock.at("2026-11-26T02:00:00Z"));

  @Test
  void aPublishedVersionCarriesItsQualityAndOtherInstancesServeIt() {
    orders.lines = ONE;
    RecommendationsApi other =
        new RecommendationsApi(orders, store, MutableClock.at("2026-11-26T02:00:00Z"));
    assertThat(other.refreshFromStore()).isFalse();

    java.util.List<String> progress = new java.util.ArrayList<>();
    RecommendationsApi.Version published =
        api.trainAndPublish(java.time.Instant.EPOCH.plusSeconds(1), null, progress::add);

    assertThat(progress).hasSize(3);
    assertThat(progress.get(0)).startsWith("read 5 purchase lines");
    assertThat(progress.get(1)).startsWith("evaluated on ");
    assertThat(progress.get(2)).startsWith("trained ").contains(" on 3 products");
    assertThat(published.stored()).isEqualTo(1);
    assertThat(published.quality()).isNotNull();
    assertThat(store.versions.getFirst().quality()).isEqualTo(published.quality());
    assertThat(other.refreshFromStore()).isTrue();
    assertThat(other.refreshFromStore()).as("already the newest").isFalse();
    assertThat(other.version().stored()).isEqualTo(1);
    assertThat(other.similarTo(new ProductId(1), null, 5)).containsExactly(new ProductId(2));
  }

  @Test
  void aVersionForAnEarlierDayLearnsOnlyItsPurchasesAndIsNotServedOverALaterOne() {
    // 1 goes with 2 at second 10; at second 20, customers 13 and 14 tie 1 to 3 more strongly.
    orders.lines =
        new long[][] {{10, 1, 10}, {10, 2, 10}, {13, 1, 20}, {13, 3, 20}, {14, 1, 20}, {14, 3, 20}};
    RecommendationsApi other =
        new RecommendationsApi(orders, store, MutableClock.at("2026-11-26T02:00:00Z"));
    java.time.Instant later = java.time.Instant.ofEpochSecond(30);
    java.time.Instant earlier = java.time.Instant.ofEpochSecond(15);

    RecommendationsApi.Version tonight = api.trainAndPublish(earlier, later, step -> {});
    assertThat(tonight.purchases()).isEqualTo(6);
    RecommendationsApi.Version rerun = api.trainAndPublish(earlier, earlier, step -> {});
    assertThat(rerun.purchases()).as("only what was bought before its day ended").isEqualTo(2);
    assertThat(rerun.stored()).isGreaterThan(tonight.stored());

    assertThat(other.refreshFromStore()).isTrue();
    assertThat(other.version().stored())
        .as("the version trained through the later instant, though stored first")
        .isEqualTo(tonight.stored());
    assertThat(other.similarTo(new ProductId(1), null, 1)).containsExactly(new ProductId(3));
  }

  @Test
  void theFamilyWithTheHigherHeldOutNdcgIsKept() {
    OfflineEvaluation.Result itemToItem = result(ModelFamily.ITEM_TO_ITEM, 0.05);
    OfflineEvaluation.Result ease = result(ModelFamily.EASE, 0.07);
    assertThat(RecommendationsApi.best(List.of(itemToItem, ease))).isEqualTo(1);
    assertThat(RecommendationsApi.best(List.of(ease, itemToItem))).isEqualTo(0);
    assertThat(RecommendationsApi.best(List.of(itemToItem, result(ModelFamily.EASE, 0.05))))
        .as("a tie keeps the first, item-to-item")
        .isEqualTo(0);
  }

  @Test
  void theNightlyJobStoresTheWinnerWithBothFamiliesFigures() {
    List<long[]> lines = new ArrayList<>();
    for (OfflineEvaluation.Purchase p : PlantedPurchases.generate(2_000, 11)) {
      lines.add(new long[] {p.customer(), p.product(), p.at().getEpochSecond()});
    }
    orders.lines = lines.toArray(long[][]::new);
    List<String> progress = new ArrayList<>();

    RecommendationsApi.Version v =
        api.trainAndPublish(PlantedPurchases.START.plusSeconds(70 * 86_400L), null, progress::add);

    OfflineEvaluation.Result kept = v.quality();
    OfflineEvaluation.Result other = kept.runnerUp();
    assertThat(other).isNotNull();
    assertThat(java.util.EnumSet.of(kept.family(), other.family()))
        .containsExactlyInAnyOrder(ModelFamily.ITEM_TO_ITEM, ModelFamily.EASE);
    assertThat(kept.modelNdcg()).isGreaterThanOrEqualTo(other.modelNdcg());
    assertThat(kept.customers()).isEqualTo(other.customers()).isPositive();
    assertThat(v.model().family()).isEqualTo(kept.family());
    ModelStore.Stored stored = store.versions.getFirst();
    assertThat(stored.quality()).isEqualTo(kept);
    assertThat(ItemToItemModel.fromBytes(stored.payload()).family()).isEqualTo(kept.family());
    assertThat(progress.get(1))
        .contains("item-to-item NDCG@10", "ease NDCG@10", kept.family().label() + " NDCG@10");
  }

  private static OfflineEvaluation.Result result(ModelFamily family, double ndcg) {
    return new OfflineEvaluation.Result(100, 1_000, 0.3, ndcg, 0.2, 0.03, family, null);
  }

  @Test
  void beforeAnyModelTheBestSellersAnswerAtOnce() {
    // Bought by distinct customers: 1 and 2 by two each (the tie goes to the lower id), 4 by one.
    orders.lines = ONE;
    assertThat(api.version().products()).as("no model trained or loaded").isZero();

    assertThat(api.similarTo(new ProductId(1), null, 5)).containsExactly(ids(2, 4));
    assertThat(api.forCustomer(new CustomerId(12), 5))
        .as("never his own")
        .containsExactly(ids(1, 2));
    assertThat(api.forBasket(List.of(new ProductId(2)), 5)).containsExactly(ids(1, 4));
    orders.unavailable.add(1L);
    assertThat(api.bestSellers(5)).as("filtered at read time").containsExactly(ids(2, 4));

    orders.unavailable.clear();
    assertThat(api.similarTo(new ProductId(2), null, 5)).containsExactly(ids(1, 4));
    api.retrain();
    assertThat(api.similarTo(new ProductId(2), null, 5))
        .as("the model's answer once there is one: 4 was never bought with 2")
        .containsExactly(ids(1));
  }

  @Test
  void theBestSellersAreReadAgainOnlyAfterAMinute() {
    MutableClock clock = MutableClock.at("2026-11-26T02:00:00Z");
    RecommendationsApi fresh = new RecommendationsApi(orders, store, clock);
    orders.lines = ONE;
    assertThat(fresh.bestSellers(1)).containsExactly(ids(1));

    orders.lines = new long[][] {{10, 4}, {11, 4}, {12, 4}};
    assertThat(fresh.bestSellers(1)).as("the ranking read a moment ago").containsExactly(ids(1));
    clock.advance(java.time.Duration.ofSeconds(60));
    assertThat(fresh.bestSellers(1)).containsExactly(ids(4));
  }

  private static ProductId[] ids(long... values) {
    return java.util.Arrays.stream(values).mapToObj(ProductId::new).toArray(ProductId[]::new);
  }

  @Test
  void unavailableProductsAreFilteredAtReadTimeWithoutRetraining() {
    orders.lines = ONE;
    api.retrain();
    assertThat(api.similarTo(new ProductId(1), null, 5)).containsExactly(new ProductId(2));

    orders.unavailable.add(2L);

    assertThat(api.similarTo(new ProductId(1), null, 5)).isEmpty();
    assertThat(api.forCustomer(new CustomerId(12), 5))
        .doesNotContain(new ProductId(2), new ProductId(4));
  }

  @Test
  void aProductNobodyBoughtWithOthersGetsTheBestSellersOfItsCategory() {
    orders.lines = ONE;
    api.retrain();

    // Product 9 is new (not in any order); in category a, 1 and 2 sell most.
    assertThat(api.similarTo(new ProductId(9), "a", 5))
        .containsExactly(new ProductId(1), new ProductId(2));
    // Product 4 was bought alone: its category's best-seller is itself, never recommended.
    assertThat(api.similarTo(new ProductId(4), "b", 5)).isEmpty();
    assertThat(api.similarTo(new ProductId(9), "unknown", 5)).isEmpty();
  }

  @Test
  void theLimitIsChecked() {
    assertThatThrownBy(() -> api.similarTo(new ProductId(1), null, 0))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> api.forCustomer(new CustomerId(1), 51))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void readersSeeTheOldModelOrTheNewOneNeverAMixWhileModelsAreSwapped() throws Exception {
    orders.lines = ONE;
    api.retrain();
    AtomicBoolean stop = new AtomicBoolean();
    ConcurrentLinkedQueue<Object> seen = new ConcurrentLinkedQueue<>();
    List<Thread> readers = new ArrayList<>();
    for (int r = 0; r < 4; r++) {
      readers.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    while (!stop.get()) {
                      try {
                        seen.add(api.similarTo(new ProductId(1), null, 5));
                      } catch (RuntimeException e) {
                        seen.add(e);
                      }
                    }
                  }));
    }
    for (int i = 0; i < 200; i++) {
      orders.lines = i % 2 == 0 ? TWO : ONE;
      api.retrain();
    }
    stop.set(true);
    for (Thread t : readers) {
      t.join();
    }

    assertThat(seen)
        .isNotEmpty()
        .allSatisfy(
            answer ->
                assertThat(answer).isIn(List.of(new ProductId(2)), List.of(new ProductId(3))));
    assertThat(api.version().purchases()).isEqualTo(5);
  }
}
