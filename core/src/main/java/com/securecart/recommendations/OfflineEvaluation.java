package com.securecart.recommendations;

import java.time.Instant;
import java.util.ArrayList;
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

  /**
   * The figures of one evaluation: the model's, of {@code family}, and popularity's; {@code
   * runnerUp} is the other family's on the same split when both were evaluated and this one won
   * (null otherwise).
   */
  public record Result(
      int customers,
      int trainPurchases,
      double modelHitRate,
      double modelNdcg,
      double popularHitRate,
      double popularNdcg,
      ModelFamily family,
      Result runnerUp) {
    /** These figures with {@code other} recorded as the runner-up. */
    public Result beating(Result other) {
      return new Result(
          customers,
          trainPurchases,
          modelHitRate,
          modelNdcg,
          popularHitRate,
          popularNdcg,
          family,
          other);
    }
  }

  private OfflineEvaluation() {}

  /**
   * Trains each of {@code trainings} on the purchases before {@code cutoff} and evaluates it on the
   * same customers after it: one result per training, in order.
   */
  public static List<Result> run(
      List<Purchase> purchases, Instant cutoff, int k, List<Training> trainings) {
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
    Baskets baskets = train.build();
    List<Result> results = new ArrayList<>(trainings.size());
    for (Training training : trainings) {
      ItemToItemModel model = training.train(baskets, product -> null);
      results.add(evaluate(model, before, after, k, trainLines));
    }
    return results;
  }

  private static Result evaluate(
      ItemToItemModel model,
      Map<Long, Set<Long>> before,
      Map<Long, Set<Long>> after,
      int k,
      int trainLines) {
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
        customers,
        trainLines,
        modelHits / n,
        modelNdcg / n,
        popularHits / n,
        popularNdcg / n,
        model.family(),
        null);
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
