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
    scheduler.scheduleWithFixedDelay(this::retrain, 0, interval.toSeconds(), TimeUnit.SECONDS);
  }

  private void retrain() {
    try {
      RecommendationsApi.Version v = recommendations.retrain();
      LOG.log(
          System.Logger.Level.INFO,
          "recommendations trained: {0} purchase lines, {1} products, {2} ms",
          v.purchases(),
          v.products(),
          v.took().toMillis());
    } catch (RuntimeException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "recommendation training failed ({0}); the previous model stays",
          e.getClass().getSimpleName());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
