package com.securecart.sales;

import com.securecart.shared.Check;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The sales context's public face. */
public final class SalesApi {
  private final SaleRepository repository;
  private final Clock clock;

  public SalesApi(SaleRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  /** Staff start (or schedule) a sale. */
  public Sale create(NewSale sale) {
    return repository.insert(sale, clock.instant());
  }

  public List<Sale> list(int limit) {
    Check.range("limit", limit, 1, 500);
    return repository.list(limit);
  }

  /**
   * Counts the units of a checkout against the limits of running sales, or throws {@link
   * PurchaseLimitExceededException} and counts nothing more (the caller's transaction rolls back
   * what was counted). Call inside the checkout transaction, so that the count commits exactly when
   * the order does. Every key of the buyer ({@link SaleBuyer#keys()}: account, normalised e-mail,
   * normalised shipping address) is counted on its own, each with the repository's atomic
   * conditional claim, and the checkout is refused when any of them would pass the limit.
   */
  public void claim(SaleBuyer buyer, Map<String, Integer> quantityBySku) {
    List<Sale> running = repository.running(quantityBySku.keySet(), clock.instant());
    if (running.isEmpty()) {
      return;
    }
    if (buyer.accountUnverified()) {
      throw new EmailUnverifiedException();
    }
    List<String> keys = buyer.keys();
    // Sales in id order, keys in a fixed order within each: every transaction takes the counter
    // rows in the same order, so concurrent checkouts sharing a key queue instead of deadlocking.
    for (Sale sale : running) {
      for (String key : keys) {
        if (!repository.claim(sale.id(), key, quantityBySku.get(sale.sku()))) {
          throw new PurchaseLimitExceededException(sale);
        }
      }
    }
  }
}
