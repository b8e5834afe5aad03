package com.securecart.testing;

import com.securecart.inventory.InventoryRepository;
import com.securecart.inventory.Reservation;
import com.securecart.inventory.StockLevel;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Stock and reservations in maps, with the SQL's conditional updates (each one a compare-and-set
 * here) and the table's CHECKs: on hand and reserved never negative, reserved never above on hand.
 * A write that would break a CHECK throws, as the database would. Single-threaded: the atomicity of
 * the real UPDATEs under concurrency is tested on the databases (ITs), not here.
 */
public final class InMemoryInventoryRepository implements InventoryRepository, Snapshottable {
  private record Key(long orderId, String sku) {}

  private Map<String, StockLevel> stock = new TreeMap<>();
  private Map<Key, Reservation> reservations = new LinkedHashMap<>();

  @Override
  public boolean setOnHand(String sku, int onHand) {
    StockLevel current = stock.get(sku);
    if (current == null) {
      put(new StockLevel(sku, onHand, 0));
      return true;
    }
    if (current.reserved() > onHand) {
      return false;
    }
    put(new StockLevel(sku, onHand, current.reserved()));
    return true;
  }

  @Override
  public void insertAll(Map<String, Integer> onHandBySku) {
    onHandBySku.forEach(
        (sku, onHand) -> {
          if (stock.containsKey(sku)) {
            throw new IllegalStateException("duplicate key: inventory " + sku);
          }
          put(new StockLevel(sku, onHand, 0));
        });
  }

  @Override
  public Optional<StockLevel> find(String sku) {
    return Optional.ofNullable(stock.get(sku));
  }

  @Override
  public Map<String, Integer> available(Collection<String> skus) {
    Map<String, Integer> result = new LinkedHashMap<>();
    for (String sku : skus) {
      StockLevel level = stock.get(sku);
      if (level != null) {
        result.put(sku, level.onHand() - level.reserved());
      }
    }
    return result;
  }

  @Override
  public Map<String, StockLevel> levels(Collection<String> skus) {
    Map<String, StockLevel> result = new LinkedHashMap<>();
    skus.stream().filter(stock::containsKey).forEach(sku -> result.put(sku, stock.get(sku)));
    return result;
  }

  @Override
  public List<StockLevel> lowStock(int threshold, int limit) {
    return stock.values().stream()
        .filter(l -> l.onHand() - l.reserved() <= threshold)
        .sorted(
            Comparator.comparingInt((StockLevel l) -> l.onHand() - l.reserved())
                .thenComparing(StockLevel::sku))
        .limit(limit)
        .toList();
  }

  @Override
  public boolean tryReserve(String sku, int quantity) {
    StockLevel level = stock.get(sku);
    if (level == null || level.onHand() - level.reserved() < quantity) {
      return false;
    }
    put(new StockLevel(sku, level.onHand(), level.reserved() + quantity));
    return true;
  }

  @Override
  public void insertReservation(long orderId, String sku, int quantity, Instant expiresAt) {
    Key key = new Key(orderId, sku);
    if (reservations.containsKey(key) || quantity <= 0) {
      throw new IllegalStateException("reservation rejected by the table: " + key);
    }
    reservations.put(
        key, new Reservation(orderId, sku, quantity, Reservation.Status.RESERVED, expiresAt));
  }

  @Override
  public List<Reservation> reservations(long orderId) {
    return reservations.values().stream()
        .filter(r -> r.orderId() == orderId)
        .sorted(Comparator.comparing(Reservation::sku))
        .toList();
  }

  @Override
  public boolean transition(
      long orderId, String sku, Reservation.Status from, Reservation.Status to) {
    Key key = new Key(orderId, sku);
    Reservation r = reservations.get(key);
    if (r == null || r.status() != from) {
      return false;
    }
    reservations.put(key, new Reservation(orderId, sku, r.quantity(), to, r.expiresAt()));
    return true;
  }

  @Override
  public void commitStock(String sku, int quantity) {
    StockLevel l = existing(sku);
    put(new StockLevel(sku, l.onHand() - quantity, l.reserved() - quantity));
  }

  @Override
  public void releaseStock(String sku, int quantity) {
    StockLevel l = existing(sku);
    put(new StockLevel(sku, l.onHand(), l.reserved() - quantity));
  }

  @Override
  public void returnStock(String sku, int quantity) {
    StockLevel l = existing(sku);
    put(new StockLevel(sku, l.onHand() + quantity, l.reserved()));
  }

  @Override
  public List<Long> ordersWithExpiredReservations(Instant now, int limit) {
    return reservations.values().stream()
        .filter(r -> r.status() == Reservation.Status.RESERVED && r.expiresAt().isBefore(now))
        .map(Reservation::orderId)
        .distinct()
        .sorted()
        .limit(limit)
        .toList();
  }

  @Override
  public Runnable snapshot() {
    Map<String, StockLevel> stockCopy = new TreeMap<>(stock);
    Map<Key, Reservation> reservationsCopy = new LinkedHashMap<>(reservations);
    return () -> {
      stock = new TreeMap<>(stockCopy);
      reservations = new LinkedHashMap<>(reservationsCopy);
    };
  }

  private StockLevel existing(String sku) {
    StockLevel level = stock.get(sku);
    if (level == null) {
      throw new IllegalStateException("no stock row for " + sku);
    }
    return level;
  }

  /** Writes a row, enforcing the table's CHECK constraints. */
  private void put(StockLevel level) {
    if (level.onHand() < 0 || level.reserved() < 0 || level.reserved() > level.onHand()) {
      throw new IllegalStateException("CHECK constraint violated by " + level);
    }
    stock.put(level.sku(), level);
  }
}
