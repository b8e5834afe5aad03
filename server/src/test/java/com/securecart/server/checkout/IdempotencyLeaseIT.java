package com.securecart.server.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.securecart.idempotency.IdempotencyRepository;
import com.securecart.idempotency.StoredResponse;
import com.securecart.persistence.Database;
import com.securecart.persistence.JdbiIdempotencyRepository;
import com.securecart.server.testing.TestDatabases;
import com.securecart.server.testing.TestDatabases.Engine;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The SQL side of ADR 4's renewed claims (issue 18): a claim is stale one lease after its last
 * renewal, not after the claim itself, and only the current claim can be renewed.
 */
class IdempotencyLeaseIT {
  private static final Duration LEASE = Duration.ofSeconds(2);
  private static final Instant CLAIMED = Instant.parse("2026-12-07T10:00:00Z");

  @ParameterizedTest
  @EnumSource(Engine.class)
  void aRenewedClaimStaysUntilOneLeaseAfterItsLastRenewalAndOnlyTheHolderRenews(Engine engine) {
    String url = TestDatabases.freshUrl(engine);
    try (Database db = new Database(url, null, null, 2)) {
      db.migrate();
      IdempotencyRepository keys = new JdbiIdempotencyRepository(db.transactions());
      assertThat(keys.tryInsert("s", "k", "f".repeat(64), CLAIMED, CLAIMED.plusSeconds(3600)))
          .isTrue();
      Instant renewed = CLAIMED.plusSeconds(5);
      assertThat(keys.renew("s", "k", CLAIMED, renewed)).isTrue();

      // Claimed long ago but renewed recently: not stale.
      Instant later = renewed.plus(LEASE).minusMillis(1);
      assertThat(keys.reclaim("s", "k", later.minus(LEASE), later)).isFalse();

      // No renewal for a whole lease: another caller takes it over, with a fresh claim.
      Instant takeover = renewed.plus(LEASE).plusMillis(1);
      assertThat(keys.reclaim("s", "k", takeover.minus(LEASE), takeover)).isTrue();
      // The old holder can neither renew nor complete; the new one can.
      assertThat(keys.renew("s", "k", CLAIMED, takeover)).isFalse();
      StoredResponse created = new StoredResponse(201, "application/json", "{}");
      assertThat(keys.complete("s", "k", CLAIMED, created)).isFalse();
      // The takeover cleared the old renewal: the new claim is fresh from its own start.
      Instant soon = takeover.plus(LEASE).minusMillis(1);
      assertThat(keys.reclaim("s", "k", soon.minus(LEASE), soon)).isFalse();
      assertThat(keys.renew("s", "k", takeover, soon)).isTrue();
      assertThat(keys.complete("s", "k", takeover, created)).isTrue();
      // Answered: nothing left to renew.
      assertThat(keys.renew("s", "k", takeover, soon.plusSeconds(1))).isFalse();
    } finally {
      TestDatabases.drop(url);
    }
  }
}
