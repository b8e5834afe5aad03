package com.securecart.inventory;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port to the stock tables. Every stock change is a single conditional UPDATE: no
 * read-modify-write.
 */
public interface InventoryRepository {

  /**
   * Sets on-hand stock; false if that would fall below what is reserved. Creates the SKU's row if
   * new.
   */
  boolean setOnHand(String sku, int onHand);

  /** Bulk insert of opening stock for new SKUs. */
  void insertAll(Map<String, Integer> onHandBySku);

  Optional<StockLevel> find(String sku);

  Map<String, Integer> available(Collection<String> skus);

  /** Stock of each SKU that has a row. */
  Map<String, StockLevel> levels(Collection<String> skus);

  /** SKUs whose available stock is at most {@code threshold}, least available first. */
  List<StockLevel> lowStock(int threshold, int limit);

  /** Adds to reserved if enough is available; false otherwise. Atomic under concurrency. */
  boolean tryReserve(String sku, int quantity);

  void insertReservation(long orderId, String sku, int quantity, Instant expiresAt);

  List<Reservation> reservations(long orderId);

  /**
   * Moves one reservation from one status to another; false if it was not in {@code from} (already
   * done).
   */
  boolean transition(long orderId, String sku, Reservation.Status from, Reservation.Status to);

  /** reserved -= quantity, on_hand -= quantity: the goods leave. */
  void commitStock(String sku, int quantity);

  /** reserved -= quantity. */
  void releaseStock(String sku, int quantity);

  /** on_hand += quantity: committed goods come back (an order cancelled after confirmation). */
  void returnStock(String sku, int quantity);

  /** Orders holding a RESERVED reservation that expired before {@code now}. */
  List<Long> ordersWithExpiredReservations(Instant now, int limit);
}
