package com.securecart.bench;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the checkout benchmark checks after each scenario: that the order pipeline drains, that the
 * admin API never shows negative stock, and the database's own audit of stock against sold order
 * lines ({@link StockAudit}). Each finding becomes a line of the scenario's details.
 */
final class CheckoutAudit {
  private final ShopClient api;
  private final StockAudit database;
  private final int drainTimeoutSeconds;
  private final int requestTimeoutSeconds;

  CheckoutAudit(
      ShopClient api, StockAudit database, int drainTimeoutSeconds, int requestTimeoutSeconds) {
    this.api = api;
    this.database = database;
    this.drainTimeoutSeconds = drainTimeoutSeconds;
    this.requestTimeoutSeconds = requestTimeoutSeconds;
  }

  StockAudit database() {
    return database;
  }

  /**
   * Waits for the outbox, checks every SKU's {@code available} through the admin API and audits the
   * database; appends what it found to {@code details}.
   */
  StockAudit.Result audit(
      Map<String, Integer> initial,
      long[] productIds,
      long clientCreated,
      List<String> details,
      long loadEnd)
      throws SQLException, InterruptedException, IOException {
    awaitPipeline(details, loadEnd);
    // The admin API's view: available must never be negative (it is clamped at 0, so this is a
    // smoke check).
    Errors apiErrors = new Errors();
    long negativeAvailable = negativeAvailable(productIds, apiErrors);
    StockAudit.Result r = database.audit(initial);
    long oversold = r.oversold() + negativeAvailable;
    details.add(
        String.format(
            Locale.ROOT,
            "audit: orders by status %s; %d units sold in %d orders (client saw %d x 201); oversold %d;"
                + " stock ledger %s%s",
            r.ordersByStatus(),
            r.soldUnits(),
            r.soldOrders(),
            clientCreated,
            oversold,
            r.ledgerMismatchUnits() == 0
                ? "consistent"
                : "off by " + r.ledgerMismatchUnits() + " units",
            apiErrors.total() == 0 ? "" : "; admin API errors: " + apiErrors.summary()));
    if (r.soldOrders() != clientCreated) {
      details.add(
          "NOTE: the database holds "
              + r.soldOrders()
              + " live orders but the driver saw "
              + clientCreated
              + " answered 201 (timeouts or lost responses?)");
    }
    r.findings().forEach(f -> details.add("  " + f));
    return new StockAudit.Result(
        oversold,
        r.soldUnits(),
        r.soldOrders(),
        r.ordersByStatus(),
        r.ledgerMismatchUnits(),
        r.findings());
  }

  /** Waits (bounded) for the order pipeline's outbox to drain, and says how long it took. */
  private void awaitPipeline(List<String> details, long loadEnd)
      throws SQLException, InterruptedException, IOException {
    long pendingAtEnd = database.outboxPending();
    boolean up = api.ready();
    if (!up) {
      details.add(
          "SERVER NOT READY after the load (GET /health/ready is not 200): it may have died");
    }
    long drained = up ? database.awaitOutboxDrained(drainTimeoutSeconds * 1000L) : pendingAtEnd;
    double drainSeconds = (System.nanoTime() - loadEnd) / 1e9;
    details.add(
        drained == 0
            ? String.format(
                Locale.ROOT,
                "order pipeline: %d outbox events pending when the load stopped, drained %.1f s later",
                pendingAtEnd,
                drainSeconds)
            : String.format(
                Locale.ROOT,
                "order pipeline: %d outbox events pending when the load stopped, still %d after %.0f s",
                pendingAtEnd,
                drained,
                drainSeconds));
    List<String> dead = database.deadEvents(10);
    if (!dead.isEmpty()) {
      details.add("DEAD outbox events: " + String.join("; ", dead));
    }
  }

  /** Units below zero in the admin API's {@code available}, summed over the products. */
  private long negativeAvailable(long[] productIds, Errors apiErrors) throws InterruptedException {
    AtomicLong negative = new AtomicLong();
    Parallel.forEach(
        productIds.length,
        8,
        requestTimeoutSeconds,
        i -> {
          ShopClient.Reply p = api.adminProduct(productIds[i]);
          if (p.status() != 200 || !p.body().path("available").canConvertToInt()) {
            apiErrors.add("GET admin product " + p.label());
          } else if (p.body().path("available").asInt() < 0) {
            negative.addAndGet(-p.body().path("available").asInt());
          }
        },
        apiErrors);
    return negative.get();
  }
}
