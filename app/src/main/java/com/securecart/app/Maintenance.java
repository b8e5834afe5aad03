package com.securecart.app;

import com.securecart.changes.ChangeLog;
import com.securecart.idempotency.IdempotencyRepository;
import com.securecart.identity.IdentityApi;
import com.securecart.outbox.Outbox;
import com.securecart.pipeline.ReservationExpiry;
import java.time.Clock;
import java.time.Duration;

/**
 * The periodic clean-up's work: expired reservations go back to stock; stale sessions, idempotency
 * keys, finished outbox events and change-log entries go. Whoever runs it (the server's
 * housekeeping, a scheduled task) decides when.
 */
public final class Maintenance {
  /** Finished events and change-log entries are kept this long, for investigation. */
  public static final Duration KEEP = Duration.ofDays(7);

  private final ReservationExpiry expiry;
  private final IdentityApi identity;
  private final IdempotencyRepository keys;
  private final Outbox outbox;
  private final ChangeLog changes;
  private final Clock clock;

  Maintenance(
      ReservationExpiry expiry,
      IdentityApi identity,
      IdempotencyRepository keys,
      Outbox outbox,
      ChangeLog changes,
      Clock clock) {
    this.expiry = expiry;
    this.identity = identity;
    this.keys = keys;
    this.outbox = outbox;
    this.changes = changes;
    this.clock = clock;
  }

  /** Expires at most {@code limit} unpaid orders past their hold; returns how many. */
  public int expireReservations(int limit) {
    return expiry.sweep(limit);
  }

  public void purge() {
    identity.purgeExpiredSessions();
    keys.purgeExpired(clock.instant());
    outbox.purgeFinished(clock.instant().minus(KEEP));
    // A search index that was offline longer than this rebuilds instead of catching up.
    changes.purgeBefore(clock.instant().minus(KEEP));
  }
}
