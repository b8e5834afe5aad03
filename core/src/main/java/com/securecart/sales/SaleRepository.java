package com.securecart.sales;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Port to the sale tables. */
public interface SaleRepository {
  Sale insert(NewSale sale, Instant now);

  /** Every sale, newest first, at most {@code limit}. */
  List<Sale> list(int limit);

  /** Sales of these SKUs that run at {@code now}. */
  List<Sale> running(Collection<String> skus, Instant now);

  /**
   * Adds {@code quantity} to what {@code buyer} bought in the sale if the total stays within the
   * sale's limit; false otherwise. Atomic under concurrency (a conditional UPDATE, or the insert of
   * the buyer's first row, whose primary key makes a concurrent first insert wait and then fail).
   */
  boolean claim(long saleId, String buyer, int quantity);
}
