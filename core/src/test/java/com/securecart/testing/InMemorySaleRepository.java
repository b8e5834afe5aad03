package com.securecart.testing;

import com.securecart.sales.NewSale;
import com.securecart.sales.Sale;
import com.securecart.sales.SaleRepository;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sales and what each buyer bought in them, with the SQL's conditional claim: the buyer's total may
 * not pass the sale's limit. Single-threaded: that concurrent claims cannot together pass the limit
 * is the conditional UPDATE's job, tested on the databases.
 */
public final class InMemorySaleRepository implements SaleRepository, Snapshottable {
  private record Purchase(long saleId, String buyer) {}

  private Map<Long, Sale> sales = new LinkedHashMap<>();
  private Map<Purchase, Integer> bought = new HashMap<>();
  private long nextId = 1;

  @Override
  public Sale insert(NewSale sale, Instant now) {
    Sale stored =
        new Sale(nextId++, sale.sku(), sale.perCustomerLimit(), sale.startsAt(), sale.endsAt());
    sales.put(stored.id(), stored);
    return stored;
  }

  @Override
  public List<Sale> list(int limit) {
    return sales.values().stream()
        .sorted(Comparator.comparingLong(Sale::id).reversed())
        .limit(limit)
        .toList();
  }

  @Override
  public List<Sale> running(Collection<String> skus, Instant now) {
    return sales.values().stream().filter(s -> skus.contains(s.sku()) && s.runsAt(now)).toList();
  }

  @Override
  public boolean claim(long saleId, String buyer, int quantity) {
    Sale sale = sales.get(saleId);
    Purchase key = new Purchase(saleId, buyer);
    int total = bought.getOrDefault(key, 0) + quantity;
    if (sale == null || total > sale.perCustomerLimit()) {
      return false;
    }
    bought.put(key, total);
    return true;
  }

  /** What a buyer has claimed in a sale so far (0 if nothing). */
  public int bought(long saleId, String buyer) {
    return bought.getOrDefault(new Purchase(saleId, buyer), 0);
  }

  /** Every buyer key that claimed anything, for checking how buyers are counted. */
  public List<String> buyers(long saleId) {
    return bought.keySet().stream().filter(p -> p.saleId() == saleId).map(Purchase::buyer).toList();
  }

  @Override
  public Runnable snapshot() {
    Map<Long, Sale> salesCopy = new LinkedHashMap<>(sales);
    Map<Purchase, Integer> boughtCopy = new HashMap<>(bought);
    long id = nextId;
    return () -> {
      sales = new LinkedHashMap<>(salesCopy);
      bought = new HashMap<>(boughtCopy);
      nextId = id;
    };
  }
}
