package com.securecart.persistence;

import com.securecart.recommendations.ModelFamily;
import com.securecart.recommendations.ModelStore;
import com.securecart.recommendations.OfflineEvaluation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.OptionalLong;

/** Recommendation model versions in SQL, the model itself as bytes. */
public final class JdbiModelStore implements ModelStore {
  private final JdbiTransactions db;

  public JdbiModelStore(JdbiTransactions db) {
    this.db = db;
  }

  @Override
  public long save(
      Instant trainedAt,
      Instant trainedThrough,
      int purchases,
      int products,
      OfflineEvaluation.Result quality,
      byte[] payload) {
    OfflineEvaluation.Result runnerUp = quality == null ? null : quality.runnerUp();
    long version =
        db.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO recommendation_models (trained_at, trained_through, purchases,"
                            + " products, test_customers, train_purchases, model_hit_rate,"
                            + " model_ndcg, popular_hit_rate, popular_ndcg, family,"
                            + " runner_up_family, runner_up_hit_rate, runner_up_ndcg, payload)"
                            + " VALUES (:at, :through, :purchases, :products, :customers, :trained,"
                            + " :hit, :ndcg, :popularHit, :popularNdcg, :family, :runnerUp,"
                            + " :runnerUpHit, :runnerUpNdcg, :payload)")
                    .bind("at", trainedAt)
                    .bind("through", trainedThrough)
                    .bind("purchases", purchases)
                    .bind("products", products)
                    .bind("customers", quality == null ? null : quality.customers())
                    .bind("trained", quality == null ? null : quality.trainPurchases())
                    .bind("hit", quality == null ? null : quality.modelHitRate())
                    .bind("ndcg", quality == null ? null : quality.modelNdcg())
                    .bind("popularHit", quality == null ? null : quality.popularHitRate())
                    .bind("popularNdcg", quality == null ? null : quality.popularNdcg())
                    .bind("family", family(quality).label())
                    .bind("runnerUp", runnerUp == null ? null : runnerUp.family().label())
                    .bind("runnerUpHit", runnerUp == null ? null : runnerUp.modelHitRate())
                    .bind("runnerUpNdcg", runnerUp == null ? null : runnerUp.modelNdcg())
                    .bind("payload", payload)
                    .executeAndReturnGeneratedKeys("version")
                    .mapTo(Long.class)
                    .one());
    // A week of versions is kept, to compare their quality or go back to one; older ones go.
    db.withHandle(
        h ->
            h.createUpdate("DELETE FROM recommendation_models WHERE version <= :oldest")
                .bind("oldest", version - KEPT)
                .execute());
    return version;
  }

  /** A version with no evaluation is item-to-item: the only family trained without one. */
  private static ModelFamily family(OfflineEvaluation.Result quality) {
    return quality == null ? ModelFamily.ITEM_TO_ITEM : quality.family();
  }

  /** Versions kept: the newest and the six before it. */
  static final int KEPT = 7;

  @Override
  public OptionalLong latestVersion() {
    Long latest =
        db.withHandle(
            h ->
                h.createQuery(
                        "SELECT version FROM recommendation_models"
                            + " ORDER BY trained_through DESC NULLS LAST, version DESC LIMIT 1")
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(null));
    return latest == null ? OptionalLong.empty() : OptionalLong.of(latest);
  }

  @Override
  public Optional<Stored> load(long version) {
    return db.withHandle(
        h ->
            h.createQuery("SELECT * FROM recommendation_models WHERE version = :version")
                .bind("version", version)
                .map(
                    (rs, ctx) -> {
                      Integer customers = (Integer) rs.getObject("test_customers");
                      String runnerUpFamily = rs.getString("runner_up_family");
                      OfflineEvaluation.Result runnerUp =
                          customers == null || runnerUpFamily == null
                              ? null
                              : new OfflineEvaluation.Result(
                                  customers,
                                  rs.getInt("train_purchases"),
                                  rs.getDouble("runner_up_hit_rate"),
                                  rs.getDouble("runner_up_ndcg"),
                                  rs.getDouble("popular_hit_rate"),
                                  rs.getDouble("popular_ndcg"),
                                  ModelFamily.of(runnerUpFamily),
                                  null);
                      OfflineEvaluation.Result quality =
                          customers == null
                              ? null
                              : new OfflineEvaluation.Result(
                                  customers,
                                  rs.getInt("train_purchases"),
                                  rs.getDouble("model_hit_rate"),
                                  rs.getDouble("model_ndcg"),
                                  rs.getDouble("popular_hit_rate"),
                                  rs.getDouble("popular_ndcg"),
                                  ModelFamily.of(rs.getString("family")),
                                  runnerUp);
                      OffsetDateTime through =
                          rs.getObject("trained_through", OffsetDateTime.class);
                      return new Stored(
                          rs.getLong("version"),
                          rs.getObject("trained_at", OffsetDateTime.class).toInstant(),
                          through == null ? null : through.toInstant(),
                          rs.getInt("purchases"),
                          rs.getInt("products"),
                          quality,
                          rs.getBytes("payload"));
                    })
                .findOne());
  }
}
