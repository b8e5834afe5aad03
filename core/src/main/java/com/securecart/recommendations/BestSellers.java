package com.securecart.recommendations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The products the most customers bought, read through {@link PurchaseHistory#mostBought} and kept
 * for {@link #TTL}: what a shop recommends before its first model is trained or loaded, so that a
 * freshly started instance does not answer empty lists while the model is being built.
 */
final class BestSellers {
  /** How long a ranking is reused: it moves slowly, and each read is a grouping query. */
  static final Duration TTL = Duration.ofSeconds(60);

  /** Ranked products kept: enough to fill a page after the availability filter. */
  static final int KEPT = 200;

  private record Ranking(List<Long> products, Instant readAt) {}

  private final PurchaseHistory history;
  private final Clock clock;
  private volatile Ranking ranking;

  BestSellers(PurchaseHistory history, Clock clock) {
    this.history = history;
    this.clock = clock;
  }

  /** The best-sellers, most buyers first, at most {@link #KEPT}. */
  List<Long> ranked() {
    Ranking now = ranking;
    Instant at = clock.instant();
    if (now == null || !at.isBefore(now.readAt().plus(TTL))) {
      // Two readers may both read at expiry; both get a correct ranking, one is kept.
      now = new Ranking(history.mostBought(KEPT), at);
      ranking = now;
    }
    return now.products();
  }
}
