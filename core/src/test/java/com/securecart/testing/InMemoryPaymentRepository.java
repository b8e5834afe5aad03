package com.securecart.testing;

import com.securecart.payments.Authorization;
import com.securecart.payments.PaymentRepository;
import com.securecart.shared.Money;
import com.securecart.shared.OrderId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Authorization records in a map; at most one per order, like the primary key in SQL. */
public final class InMemoryPaymentRepository implements PaymentRepository {
  private final Map<OrderId, Authorization> rows = new HashMap<>();

  @Override
  public Optional<Authorization> find(OrderId orderId) {
    return Optional.ofNullable(rows.get(orderId));
  }

  @Override
  public boolean insert(OrderId orderId, String authorizationId, Money amount, Instant now) {
    return rows.putIfAbsent(
            orderId,
            new Authorization(orderId, authorizationId, amount, Authorization.Status.AUTHORIZED))
        == null;
  }

  @Override
  public boolean markVoided(OrderId orderId, Instant now) {
    Authorization a = rows.get(orderId);
    if (a == null || a.status() != Authorization.Status.AUTHORIZED) {
      return false;
    }
    rows.put(
        orderId,
        new Authorization(orderId, a.authorizationId(), a.amount(), Authorization.Status.VOIDED));
    return true;
  }
}
