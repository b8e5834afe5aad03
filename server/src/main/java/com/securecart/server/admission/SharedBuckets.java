package com.securecart.server.admission;

import com.securecart.server.config.AdmissionConfig;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Token buckets kept in PostgreSQL (Bucket4j's PostgreSQL back end, table {@code
 * rate_limit_buckets} from migration V17), so that every instance takes from the same bucket: n
 * instances do not allow n times the sign-in guesses or registration mails (issue 15 item 4,
 * docs/adr/0022). Each take is one short transaction that locks the bucket's row ({@code SELECT ...
 * FOR UPDATE}), which is why only the low-volume account rules are shared.
 *
 * <p>A row is kept until its bucket would be full again; expired rows are deleted a batch at a time
 * by the instance that takes every {@link #SWEEP_EVERY}th token.
 */
final class SharedBuckets {
  static final int SWEEP_EVERY = 1_000;
  private static final int SWEEP_BATCH = 200;

  private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;
  private final AtomicLong takes = new AtomicLong();

  SharedBuckets(DataSource dataSource) {
    this.buckets =
        Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("rate_limit_buckets")
            .idColumn("id")
            .stateColumn("state")
            .expiresAtColumn("expires_at")
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                    Duration.ofSeconds(10)))
            .build();
  }

  /** 0 when the request may go on, else the nanoseconds until a token will be there. */
  long tryConsume(String key, AdmissionConfig.RateLimit limit) {
    if (takes.incrementAndGet() % SWEEP_EVERY == 0) {
      buckets.removeExpired(SWEEP_BATCH);
    }
    BucketConfiguration configuration =
        BucketConfiguration.builder()
            .addLimit(
                Bandwidth.builder()
                    .capacity(limit.tokens())
                    .refillGreedy(limit.tokens(), limit.period())
                    .build())
            .build();
    ConsumptionProbe probe =
        buckets.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
  }
}
