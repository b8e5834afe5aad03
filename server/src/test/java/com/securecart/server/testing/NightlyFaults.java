package com.securecart.server.testing;

import com.securecart.app.NightlyParts;
import com.securecart.persistence.Database;
import com.securecart.persistence.JdbiModelStore;
import com.securecart.persistence.JdbiPurchaseHistory;
import com.securecart.recommendations.PurchaseHistory;
import com.securecart.recommendations.RecommendationsApi;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * The nightly job's parts with its purchase reads wrapped, so that a test can make the model stage
 * fail or hold a run part-way. A test double: the one place outside the composition root that
 * builds a facade, on purpose, because the fault sits between the facade and its store.
 */
public final class NightlyFaults {
  private NightlyFaults() {}

  public static NightlyParts wrappingPurchases(
      Database database, Clock clock, UnaryOperator<PurchaseHistory> wrap) {
    NightlyParts real = NightlyParts.wire(database, database, clock);
    return new NightlyParts(
        real.analytics(),
        new RecommendationsApi(
            wrap.apply(new JdbiPurchaseHistory(database.transactions())),
            new JdbiModelStore(database.transactions()),
            clock),
        real.runs());
  }
}
