package com.securecart.sales;

import com.securecart.shared.Check;
import com.securecart.shared.CustomerId;
import com.securecart.shared.Hashing;
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
   * the order does. A signed-in customer is counted by account; a guest by e-mail address.
   */
  public void claim(CustomerId customer, String email, Map<String, Integer> quantityBySku) {
    List<Sale> running = repository.running(quantityBySku.keySet(), clock.instant());
    if (running.isEmpty()) {
      return;
    }
    // Only a digest of a guest's address is kept: enough to count, nothing to leak.
    String buyer =
        customer != null ? "customer:" + customer.value() : "email:" + Hashing.sha256Hex(email);
    for (Sale sale : running) {
      if (!repository.claim(sale.id(), buyer, quantityBySku.get(sale.sku()))) {
        throw new PurchaseLimitExceededException(sale);
      }
    }
  }
}
