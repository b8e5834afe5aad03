package com.securecart.inventory;

import com.securecart.changes.Change;
import com.securecart.changes.ChangeLog;
import com.securecart.shared.Check;
import com.securecart.shared.DomainException;
import com.securecart.shared.OrderId;
import com.securecart.shared.ProblemType;
import com.securecart.shared.Transactions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The inventory context's public face. */
public final class InventoryApi {
  public static final int MAX_ON_HAND = 10_000_000;

  private final InventoryRepository repository;
  private final Transactions transactions;
  private final ChangeLog changes;

  public InventoryApi(
      InventoryRepository repository, Transactions transactions, ChangeLog changes) {
    this.repository = repository;
    this.transactions = transactions;
    this.changes = changes;
  }

  public StockLevel setOnHand(String sku, int onHand) {
    Check.range("onHand", onHand, 0, MAX_ON_HAND);
    return transactions.inTransaction(
        () -> {
          if (!repository.setOnHand(sku, onHand)) {
            throw DomainException.conflict(
                ProblemType.STOCK_BELOW_RESERVED,
                "Stock below reservations",
                "On-hand stock cannot be set below what open orders have reserved");
          }
          changes.append(Change.Kind.STOCK, sku);
          return repository.find(sku).orElseThrow();
        });
  }

  /** Opening stock for SKUs that have none yet (imports); call inside the import's transaction. */
  public void openingStock(Map<String, Integer> onHandBySku) {
    onHandBySku.values().forEach(n -> Check.range("onHand", n, 0, MAX_ON_HAND));
    repository.insertAll(onHandBySku);
  }

  /** An admin's stock count for a SKU that exists; 404 for an unknown SKU. */
  public StockLevel adjustOnHand(String sku, int onHand) {
    if (repository.find(sku).isEmpty()) {
      throw DomainException.notFound("SKU " + sku);
    }
    return setOnHand(sku, onHand);
  }

  public StockLevel level(String sku) {
    return repository.find(sku).orElse(new StockLevel(sku, 0, 0));
  }

  public Map<String, Integer> available(Collection<String> skus) {
    return repository.available(skus);
  }

  /** Stock of each SKU, a zero level for a SKU without a row. */
  public Map<String, StockLevel> levels(Collection<String> skus) {
    Map<String, StockLevel> found = skus.isEmpty() ? Map.of() : repository.levels(skus);
    Map<String, StockLevel> all = new java.util.LinkedHashMap<>();
    for (String sku : skus) {
      all.put(sku, found.getOrDefault(sku, new StockLevel(sku, 0, 0)));
    }
    return all;
  }

  /** SKUs with at most {@code threshold} available, least first: what staff should restock. */
  public List<StockLevel> lowStock(int threshold, int limit) {
    Check.range("threshold", threshold, 0, MAX_ON_HAND);
    Check.range("limit", limit, 1, 500);
    return repository.lowStock(threshold, limit);
  }

  /**
   * Reserves every line or none: call inside the checkout transaction. SKUs are reserved in a fixed
   * order so that two orders over the same SKUs cannot deadlock. Every short line is reported, not
   * only the first.
   */
  public void reserve(OrderId order, List<StockRequest> requests, Instant expiresAt) {
    List<StockRequest> sorted = new ArrayList<>(requests);
    sorted.sort(Comparator.comparing(StockRequest::sku));
    List<Shortage> shortages = new ArrayList<>();
    for (StockRequest request : sorted) {
      if (repository.tryReserve(request.sku(), request.quantity())) {
        repository.insertReservation(order.value(), request.sku(), request.quantity(), expiresAt);
        changes.append(Change.Kind.STOCK, request.sku());
      } else {
        int available = repository.available(List.of(request.sku())).getOrDefault(request.sku(), 0);
        shortages.add(new Shortage(request.sku(), request.quantity(), available));
      }
    }
    if (!shortages.isEmpty()) {
      throw new OutOfStockException(shortages);
    }
  }

  /** Reserved goods leave the warehouse. Idempotent: a repeated call changes nothing. */
  public void commit(OrderId order) {
    forEach(
        order, Reservation.Status.RESERVED, Reservation.Status.COMMITTED, repository::commitStock);
  }

  /** Reserved goods return to sale. Idempotent. */
  public void release(OrderId order) {
    forEach(
        order, Reservation.Status.RESERVED, Reservation.Status.RELEASED, repository::releaseStock);
  }

  /**
   * Undoes whatever the order holds: releases reservations and returns committed goods. Idempotent.
   */
  public void releaseAll(OrderId order) {
    release(order);
    forEach(
        order, Reservation.Status.COMMITTED, Reservation.Status.RETURNED, repository::returnStock);
  }

  public List<OrderId> ordersWithExpiredReservations(Instant now, int limit) {
    return repository.ordersWithExpiredReservations(now, limit).stream().map(OrderId::new).toList();
  }

  private interface StockMove {
    void apply(String sku, int quantity);
  }

  private void forEach(
      OrderId order, Reservation.Status from, Reservation.Status to, StockMove move) {
    transactions.run(
        () -> {
          for (Reservation r : repository.reservations(order.value())) {
            if (r.status() == from && repository.transition(order.value(), r.sku(), from, to)) {
              move.apply(r.sku(), r.quantity());
              if (to != Reservation.Status.COMMITTED) {
                // Committing moves stock from reserved to gone: what is available does not change.
                changes.append(Change.Kind.STOCK, r.sku());
              }
            }
          }
        });
  }
}
