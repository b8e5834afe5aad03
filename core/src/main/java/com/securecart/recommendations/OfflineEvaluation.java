package com.securecart.recommendations;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Measures a model the way it will be used: trained on purchases before a cut-off, it recommends to
 * each customer who bought both before and after, and only products he had not bought before count
 * as hits. Reports hit rate@k (the share of those customers with at least one hit in the top k) and
 * NDCG@k (hits near the top count more), for the model and for the popularity baseline.
 */
public final class OfflineEvaluation {
  /** One purchase line: who, what, when. */
  public record Purchase(long customer, long product, Instant at) {}

  /** The figures of one evaluation. */
  public record Result(
      int customers,
      int trainPurchases,
      double modelHitRate,
      double modelNdcg,
      double popularHitRate,
      double popularNdcg) {}

  private OfflineEvaluation() {}

  /** Trains on purchases before {@code cutoff} (keeping {@code keep} neighbours) and evaluates. */
  public static Result run(List<Purchase> purchases, Instant cutoff, int k, int keep) {
    Baskets.Builder train = Baskets.builder();
    Map<Long, Set<Long>> before = new HashMap<>();
    Map<Long, Set<Long>> after = new HashMap<>();
    int trainLines = 0;
    for (Purchase p : purchases) {
      if (p.at().isBefore(cutoff)) {
        train.add(p.customer(), p.product());
        before.computeIfAbsent(p.customer(), c -> new HashSet<>()).add(p.product());
        trainLines++;
      } else {
        after.computeIfAbsent(p.customer(), c -> new HashSet<>()).add(p.product());
      }
    }
    ItemToItemModel model = ItemToItemModel.train(train.build(), Math.max(keep, k));
    double modelHits = 0;
    double modelNdcg = 0;
    double popularHits = 0;
    double popularNdcg = 0;
    int customers = 0;
    for (Map.Entry<Long, Set<Long>> e : before.entrySet()) {
      Set<Long> later = after.get(e.getKey());
      if (later == null) {
        continue;
      }
      Set<Long> relevant = new HashSet<>(later);
      relevant.removeAll(e.getValue());
      if (relevant.isEmpty()) {
        continue;
      }
      customers++;
      List<Long> fromModel = model.forCustomer(e.getValue(), k, id -> true);
      List<Long> fromPopularity = model.popular(k, e.getValue(), id -> true);
      modelHits += hit(fromModel, relevant);
      modelNdcg += ndcg(fromModel, relevant, k);
      popularHits += hit(fromPopularity, relevant);
      popularNdcg += ndcg(fromPopularity, relevant, k);
    }
    int n = Math.max(customers, 1);
    return new Result(
        customers, trainLines, modelHits / n, modelNdcg / n, popularHits / n, popularNdcg / n);
  }

  static double hit(List<Long> recommended, Set<Long> relevant) {
    for (long id : recommended) {
      if (relevant.contains(id)) {
        return 1;
      }
    }
    return 0;
  }

  static double ndcg(List<Long> recommended, Set<Long> relevant, int k) {
    double dcg = 0;
    for (int i = 0; i < Math.min(k, recommended.size()); i++) {
      if (relevant.contains(recommended.get(i))) {
        dcg += 1 / log2(i + 2);
      }
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(k, relevant.size()); i++) {
      ideal += 1 / log2(i + 2);
    }
    return dcg / ideal;
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
