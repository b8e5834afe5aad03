package com.securecart.app;

import com.securecart.changes.ChangeLog;
import com.securecart.idempotency.IdempotencyRepository;
import com.securecart.identity.IdentityApi;
import com.securecart.notifications.NotificationsApi;
import com.securecart.notifications.UnsentClaim;
import com.securecart.outbox.Outbox;
import com.securecart.pipeline.ReservationExpiry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The periodic clean-up's work: expired reservations go back to stock; stale sessions, expired
 * account tokens, quiet failed sign-in counts, account e-mail records past the cap's window,
 * idempotency keys, finished outbox events and change-log entries go; stale notification claims are
 * reported. Whoever runs it (the server's housekeeping, a scheduled task) decides when.
 */
public final class Maintenance {
  /** Finished events and change-log entries are kept this long, for investigation. */
  public static final Duration KEEP = Duration.ofDays(7);

  /** At most this many stale claims are reported per sweep (the oldest). */
  public static final int STALE_CLAIMS_REPORTED = 100;

  private final ReservationExpiry expiry;
  private final IdentityApi identity;
  private final IdempotencyRepository keys;
  private final Outbox outbox;
  private final ChangeLog changes;
  private final NotificationsApi notifications;
  private final Clock clock;

  Maintenance(
      ReservationExpiry expiry,
      IdentityApi identity,
      IdempotencyRepository keys,
      Outbox outbox,
      ChangeLog changes,
      NotificationsApi notifications,
      Clock clock) {
    this.expiry = expiry;
    this.identity = identity;
    this.keys = keys;
    this.outbox = outbox;
    this.changes = changes;
    this.notifications = notifications;
    this.clock = clock;
  }

  /** Expires at most {@code limit} unpaid orders past their hold; returns how many. */
  public int expireReservations(int limit) {
    return expiry.sweep(limit);
  }

  public void purge() {
    identity.purgeExpiredSessions();
    identity.purgeAccountSecurityRecords();
    notifications.purgeAccountMailRecords();
    keys.purgeExpired(clock.instant());
    outbox.purgeFinished(clock.instant().minus(KEEP));
    // A search index that was offline longer than this rebuilds instead of catching up.
    changes.purgeBefore(clock.instant().minus(KEEP));
  }

  /**
   * Notification claims that were never recorded as sent, {@link NotificationsApi#STALE_CLAIM}
   * after they were taken: the sender died, and nothing resends them (docs/adr/0017). The caller
   * reports each one; detection does not wait for a redelivery.
   */
  public List<UnsentClaim> reportStaleClaims() {
    return notifications.staleClaims(STALE_CLAIMS_REPORTED);
  }
}
