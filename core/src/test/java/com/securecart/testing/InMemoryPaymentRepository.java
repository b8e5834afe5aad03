package com.securecart.testing;

import com.securecart.payments.Authorization;
import com.securecart.payments.PaymentRepository;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Authorization records in a map; at most one per order, like the primary key in SQL. */
public final class InMemoryPaymentRepository implements PaymentRepository {
  private final Map<OrderId, Authorization> rows = new HashMap<>();
  private final Set<String> events = new HashSet<>();

  @Override
  public Optional<Authorization> find(OrderId orderId) {
    return Optional.ofNullable(rows.get(orderId));
  }

  @Override
  public Optional<Authorization> findByAuthorizationId(String authorizationId) {
    return rows.values().stream()
        .filter(a -> a.authorizationId().equals(authorizationId))
        .findFirst();
  }

  @Override
  public boolean insert(
      OrderId orderId,
      String authorizationId,
      Money amount,
      Authorization.Status status,
      String clientSecret,
      Instant now) {
    return rows.putIfAbsent(
            orderId, new Authorization(orderId, authorizationId, amount, status, clientSecret))
        == null;
  }

  @Override
  public boolean move(
      OrderId orderId, Authorization.Status from, Authorization.Status to, Instant now) {
    Authorization a = rows.get(orderId);
    if (a == null || a.status() != from) {
      return false;
    }
    rows.put(orderId, new Authorization(orderId, a.authorizationId(), a.amount(), to, null));
    return true;
  }

  @Override
  public boolean recordEvent(String eventId, String type, Instant now) {
    return events.add(eventId);
  }
}
