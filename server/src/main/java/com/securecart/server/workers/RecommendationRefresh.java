package com.securecart.server.workers;

import com.securecart.recommendations.RecommendationsApi;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps an instance's in-memory recommendation model fresh: trains one at start, beside the (empty)
 * one being served, and again every {@code interval}. A failed run keeps the model served.
 */
public final class RecommendationRefresh implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RecommendationRefresh.class.getName());

  private final RecommendationsApi recommendations;
  private final Duration interval;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofVirtual().name("recommendations").factory());

  public RecommendationRefresh(RecommendationsApi recommendations, Duration interval) {
    this.recommendations = recommendations;
    this.interval = interval;
  }

  public void start() {
    scheduler.scheduleWithFixedDelay(this::refresh, 0, 300, TimeUnit.SECONDS);
  }

  /**
   * Loads the newest stored version (the nightly job's) when there is one; until the first is
   * stored, trains a model for this instance every {@code interval}.
   */
  private void refresh() {
    try {
      if (recommendations.refreshFromStore()) {
        RecommendationsApi.Version v = recommendations.version();
        LOG.log(
            System.Logger.Level.INFO,
            "recommendations: serving stored model version {0} ({1} purchase lines, {2} products)",
            v.stored(),
            v.purchases(),
            v.products());
        return;
      }
      if (recommendations.anyStored()) {
        return;
      }
      java.time.Instant last = recommendations.version().trainedAt();
      if (last.equals(java.time.Instant.EPOCH)
          || java.time.Duration.between(last, java.time.Instant.now()).compareTo(interval) >= 0) {
        retrain();
      }
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "recommendation refresh failed ({0}); the model served stays",
          e.getClass().getSimpleName());
    }
  }

  private void retrain() {
    RecommendationsApi.Version v = recommendations.retrain();
    LOG.log(
        System.Logger.Level.INFO,
        "recommendations trained: {0} purchase lines, {1} products, {2} ms",
        v.purchases(),
        v.products(),
        v.took().toMillis());
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
