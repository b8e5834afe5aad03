package com.securecart.app;

import com.securecart.analytics.AnalyticsApi;
import com.securecart.jobs.JobRuns;
import com.securecart.persistence.Database;
import com.securecart.persistence.JdbiAnalyticsRepository;
import com.securecart.persistence.JdbiJobLedger;
import com.securecart.persistence.JdbiModelStore;
import com.securecart.persistence.JdbiPurchaseHistory;
import com.securecart.recommendations.RecommendationsApi;
import java.time.Clock;
import java.time.Duration;

/**
 * What the nightly job runs on: analytics and a recommender that read orders through {@code reads}
 * (a read-only pool, perhaps a replica's) and write figures, model versions and the job ledger to
 * the primary.
 */
public record NightlyParts(
    AnalyticsApi analytics, RecommendationsApi recommendations, JobRuns runs) {

  /** How long a run may go unheard before the next one takes its day over (it beats 4 times). */
  public static final Duration LEASE = Duration.ofMinutes(1);

  public static NightlyParts wire(Database primary, Database reads, Clock clock) {
    return new NightlyParts(
        new AnalyticsApi(
            new JdbiAnalyticsRepository(reads.transactions(), primary.transactions(), clock)),
        new RecommendationsApi(
            new JdbiPurchaseHistory(reads.transactions()),
            new JdbiModelStore(primary.transactions()),
            clock),
        runs(primary, LEASE));
  }

  /** The job ledger on the primary: a run not heard from for {@code lease} may be taken over. */
  public static JobRuns runs(Database primary, Duration lease) {
    return new JobRuns(new JdbiJobLedger(primary.transactions()), primary.transactions(), lease);
  }
}
